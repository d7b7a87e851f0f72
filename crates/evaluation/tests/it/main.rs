//! Integration tests of the evaluation crate: the attacks a reader of a
//! published results table would try.

mod suppression;
