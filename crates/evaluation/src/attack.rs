//! Playing the attacker on a published table: what can be computed back?
//!
//! Both attacks use only what is published (shown counts, respondent counts,
//! the sums of [`crate::table::Layout::equations`]), never the true values.
//! - [`subtraction`]: the attack of the issue, "total minus the visible
//!   cells", repeated while it finds anything (a recovered cell is reused),
//!   plus non-negativity (hidden parts of a sum that add up to 0 are each 0).
//! - [`linear`]: any combination of sums at once (see [`crate::linalg`]).
//!
//! The tests also enumerate every filling of small tables consistent with
//! what is published, which covers bounds and integrality as well.

use crate::linalg;
use crate::published::PublishedTable;
use crate::table::{CellRef, Col, Layout};

/// Hidden cells whose value the sums determine, given which cells are hidden
/// (`known` cells are never unknowns). Indices in [`Layout`] order.
pub fn determined_hidden(layout: &Layout, hidden: &[bool], known: &[bool]) -> Vec<usize> {
    let vars: Vec<usize> = (0..layout.len())
        .filter(|&i| hidden[i] && !known[i])
        .collect();
    if vars.is_empty() {
        return Vec::new();
    }
    let mut var_of = vec![usize::MAX; layout.len()];
    for (v, &i) in vars.iter().enumerate() {
        var_of[i] = v;
    }
    let rows: Vec<Vec<(usize, f64)>> = layout
        .equations()
        .iter()
        .map(|eq| {
            let mut r = Vec::new();
            if var_of[eq.total] != usize::MAX {
                r.push((var_of[eq.total], 1.0));
            }
            for &p in &eq.parts {
                if var_of[p] != usize::MAX {
                    r.push((var_of[p], -1.0));
                }
            }
            r
        })
        .collect();
    linalg::determined(&rows, vars.len())
        .into_iter()
        .zip(&vars)
        .filter(|(d, _)| *d)
        .map(|(_, &i)| i)
        .collect()
}

/// Cells recovered by subtraction and non-negativity, with their values.
pub fn subtraction(t: &PublishedTable) -> Vec<(CellRef, u32)> {
    let layout = t.layout();
    let mut value: Vec<Option<i64>> = t.cells().iter().map(|c| c.count().map(i64::from)).collect();
    let mut recovered = Vec::new();
    let eqs = layout.equations();
    loop {
        let mut progress = false;
        for eq in &eqs {
            let unknown: Vec<usize> = eq.cells().filter(|&c| value[c].is_none()).collect();
            if unknown.is_empty() {
                continue;
            }
            let parts_known: i64 = eq.parts.iter().filter_map(|&p| value[p]).sum();
            let solved: Vec<(usize, i64)> = if unknown.len() == 1 {
                let c = unknown[0];
                let v = if c == eq.total {
                    parts_known
                } else {
                    value[eq.total].unwrap_or(0) - parts_known
                };
                vec![(c, v)]
            } else if let Some(total) = value[eq.total] {
                // All unknowns are parts; if they must add up to 0, each is 0.
                if total - parts_known == 0 {
                    unknown.iter().map(|&c| (c, 0)).collect()
                } else {
                    Vec::new()
                }
            } else {
                Vec::new()
            };
            for (c, v) in solved {
                value[c] = Some(v);
                recovered.push((layout.cell(c), v.max(0) as u32));
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    recovered
}

/// Hidden cells that some combination of the published sums determines.
pub fn linear(t: &PublishedTable) -> Vec<CellRef> {
    let layout = t.layout();
    let hidden: Vec<bool> = t.cells().iter().map(|c| c.is_hidden()).collect();
    let known: Vec<bool> = (0..layout.len())
        .map(|i| layout.cell(i).col == Col::Answered)
        .collect();
    determined_hidden(&layout, &hidden, &known)
        .into_iter()
        .map(|i| layout.cell(i))
        .collect()
}
