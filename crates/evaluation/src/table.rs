//! The results table of one question (or one matrix row) of one form, and the
//! arithmetic that links its cells.
//!
//! A table counts, per unit (ministry or province) and respondent group, how
//! many respondents picked each option. It is published with its margins:
//! each unit over its groups, each group over all units, and the grand total,
//! so a reader sees a three-way table whose every axis has a "total" level:
//!
//! ```text
//!   unit  ∈ units  ∪ {Tổng}
//!   group ∈ groups ∪ {Tổng}
//!   col   ∈ options ∪ {answered}
//! ```
//!
//! The `answered` column is the number of respondents who answered the
//! question. It is treated as **known to everyone**, never as something to
//! hide: the number of respondents per unit and group is published once per
//! form (participation report), and for a required question the answered
//! count equals it, so a reader combining this question with any other
//! question of the form, or with the participation figures, has it anyway.
//! Disclosure control that relied on hiding it would fail to the "other
//! questions and forms" attack; treating it as a published margin closes that
//! attack by construction. Different questions share no other cell, so
//! suppressing each table on its own, with the answered counts as known
//! margins, is safe across the whole form.
//!
//! [`Layout::equations`] lists every sum a reader can write down: for each
//! axis, "total = sum of its parts". That list is all the arithmetic an
//! attacker has (plus non-negativity), and both suppression and the attack in
//! [`crate::attack`] work from it.

use serde::Serialize;

use crate::messages::Msg;

/// A level of the unit or group axis: one of them, or their total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Level {
    One(usize),
    Total,
}

/// A column: one option's count, or the number who answered the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Col {
    Option(usize),
    Answered,
}

/// One cell of the published three-way table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct CellRef {
    pub unit: Level,
    pub group: Level,
    pub col: Col,
}

/// How the options of a question relate to the answered count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Choice {
    /// One option per respondent (single choice, rating, a matrix row): the
    /// option counts add up to the answered count, which is one more sum a
    /// reader can use.
    Exclusive,
    /// Several options per respondent (multiple choice): counts do not add up
    /// to anything published.
    Multiple,
}

/// "total = sum of parts", indices into a [`Layout`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Equation {
    pub total: usize,
    pub parts: Vec<usize>,
}

impl Equation {
    /// The total first, then the parts.
    pub fn cells(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.total).chain(self.parts.iter().copied())
    }
}

/// The shape of a table: how many units, groups and options, and whether the
/// options are exclusive. Cells are numbered densely, totals last on each axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub units: usize,
    pub groups: usize,
    pub options: usize,
    pub choice: Choice,
}

impl Layout {
    pub fn len(&self) -> usize {
        (self.units + 1) * (self.groups + 1) * (self.options + 1)
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    fn u(&self, l: Level) -> usize {
        match l {
            Level::One(i) => i,
            Level::Total => self.units,
        }
    }

    fn g(&self, l: Level) -> usize {
        match l {
            Level::One(i) => i,
            Level::Total => self.groups,
        }
    }

    pub fn index(&self, c: CellRef) -> usize {
        let o = match c.col {
            Col::Option(i) => i,
            Col::Answered => self.options,
        };
        (self.u(c.unit) * (self.groups + 1) + self.g(c.group)) * (self.options + 1) + o
    }

    pub fn cell(&self, i: usize) -> CellRef {
        let o = i % (self.options + 1);
        let g = (i / (self.options + 1)) % (self.groups + 1);
        let u = i / ((self.options + 1) * (self.groups + 1));
        CellRef {
            unit: if u == self.units {
                Level::Total
            } else {
                Level::One(u)
            },
            group: if g == self.groups {
                Level::Total
            } else {
                Level::One(g)
            },
            col: if o == self.options {
                Col::Answered
            } else {
                Col::Option(o)
            },
        }
    }

    /// Every sum a reader of the published table can write down.
    pub fn equations(&self) -> Vec<Equation> {
        let (nu, ng, no) = (self.units, self.groups, self.options);
        let at = |u: usize, g: usize, o: usize| (u * (ng + 1) + g) * (no + 1) + o;
        let mut eqs = Vec::new();
        // Over units: a group's total (or the grand total) per column.
        for g in 0..=ng {
            for o in 0..=no {
                eqs.push(Equation {
                    total: at(nu, g, o),
                    parts: (0..nu).map(|u| at(u, g, o)).collect(),
                });
            }
        }
        // Over groups: a unit's total (or the grand total) per column.
        for u in 0..=nu {
            for o in 0..=no {
                eqs.push(Equation {
                    total: at(u, ng, o),
                    parts: (0..ng).map(|g| at(u, g, o)).collect(),
                });
            }
        }
        // Over options: the answered count, when each respondent picks one.
        if self.choice == Choice::Exclusive {
            for u in 0..=nu {
                for g in 0..=ng {
                    eqs.push(Equation {
                        total: at(u, g, no),
                        parts: (0..no).map(|o| at(u, g, o)).collect(),
                    });
                }
            }
        }
        eqs
    }
}

/// Counts of one question of one form, per unit and group, before disclosure
/// control. Margins are not entered: they are derived, so they cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultsTable {
    pub form: String,
    pub question: String,
    /// The matrix row, for a matrix question.
    pub row: Option<String>,
    pub units: Vec<String>,
    pub groups: Vec<String>,
    pub options: Vec<String>,
    pub choice: Choice,
    counts: Vec<u32>,
    respondents: Vec<u32>,
    answered: Vec<u32>,
}

impl ResultsTable {
    pub fn new(
        form: impl Into<String>,
        question: impl Into<String>,
        row: Option<String>,
        units: Vec<String>,
        groups: Vec<String>,
        options: Vec<String>,
        choice: Choice,
    ) -> Self {
        let ug = units.len() * groups.len();
        let ugo = ug * options.len();
        ResultsTable {
            form: form.into(),
            question: question.into(),
            row,
            units,
            groups,
            options,
            choice,
            counts: vec![0; ugo],
            respondents: vec![0; ug],
            answered: vec![0; ug],
        }
    }

    pub fn layout(&self) -> Layout {
        Layout {
            units: self.units.len(),
            groups: self.groups.len(),
            options: self.options.len(),
            choice: self.choice,
        }
    }

    /// Respondents of the form in a unit and group (published once per form).
    pub fn set_respondents(&mut self, unit: usize, group: usize, n: u32) {
        let i = unit * self.groups.len() + group;
        self.respondents[i] = n;
    }

    /// One respondent's answer: the options they picked. For an exclusive
    /// question this is exactly one option.
    pub fn add_answer(&mut self, unit: usize, group: usize, picked: &[usize]) {
        let ug = unit * self.groups.len() + group;
        self.answered[ug] += 1;
        for &o in picked {
            self.counts[ug * self.options.len() + o] += 1;
        }
    }

    /// An aggregated count, when the answers come already counted.
    pub fn set_count(&mut self, unit: usize, group: usize, option: usize, count: u32) {
        let ug = unit * self.groups.len() + group;
        self.counts[ug * self.options.len() + option] = count;
    }

    /// The answered count of a unit and group, for aggregated input of a
    /// multiple-choice question (for an exclusive one it is the counts' sum).
    pub fn set_answered(&mut self, unit: usize, group: usize, answered: u32) {
        self.answered[unit * self.groups.len() + group] = answered;
    }

    fn interior_answered(&self, ug: usize) -> u32 {
        match self.choice {
            Choice::Exclusive => {
                let no = self.options.len();
                self.counts[ug * no..(ug + 1) * no].iter().sum()
            }
            Choice::Multiple => self.answered[ug],
        }
    }

    /// Refuses a table whose counts cannot be true: more answers than
    /// respondents, or an option picked by more than answered.
    pub fn check(&self) -> Result<(), Msg> {
        if self.units.is_empty() || self.groups.is_empty() || self.options.is_empty() {
            return Err(Msg::EmptyTable(self.question.clone()));
        }
        let no = self.options.len();
        for ug in 0..self.respondents.len() {
            let (u, g) = (ug / self.groups.len(), ug % self.groups.len());
            let a = self.interior_answered(ug);
            let n = self.respondents[ug];
            let over = a > n || self.counts[ug * no..(ug + 1) * no].iter().any(|&c| c > a);
            if over {
                return Err(Msg::InconsistentTable {
                    question: self.question.clone(),
                    unit: self.units[u].clone(),
                    group: self.groups[g].clone(),
                });
            }
        }
        Ok(())
    }

    /// Every cell's true value, margins included, in [`Layout`] order.
    pub fn values(&self) -> Vec<u32> {
        let l = self.layout();
        let mut v = vec![0u32; l.len()];
        let (ng, no) = (self.groups.len(), self.options.len());
        for u in 0..self.units.len() {
            for g in 0..ng {
                let ug = u * ng + g;
                let a = self.interior_answered(ug);
                for o in 0..=no {
                    let x = if o == no { a } else { self.counts[ug * no + o] };
                    for uu in [Level::One(u), Level::Total] {
                        for gg in [Level::One(g), Level::Total] {
                            let col = if o == no {
                                Col::Answered
                            } else {
                                Col::Option(o)
                            };
                            v[l.index(CellRef {
                                unit: uu,
                                group: gg,
                                col,
                            })] += x;
                        }
                    }
                }
            }
        }
        v
    }

    /// Respondents of the form at every (unit, group) level, totals included:
    /// index `u * (groups + 1) + g`, totals last.
    pub fn respondents_all(&self) -> Vec<u32> {
        let (nu, ng) = (self.units.len(), self.groups.len());
        let mut n = vec![0u32; (nu + 1) * (ng + 1)];
        for u in 0..nu {
            for g in 0..ng {
                let x = self.respondents[u * ng + g];
                for uu in [u, nu] {
                    for gg in [g, ng] {
                        n[uu * (ng + 1) + gg] += x;
                    }
                }
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout {
            units: 3,
            groups: 2,
            options: 4,
            choice: Choice::Exclusive,
        }
    }

    #[test]
    fn index_and_cell_are_inverse() {
        let l = layout();
        for i in 0..l.len() {
            assert_eq!(l.index(l.cell(i)), i);
        }
    }

    #[test]
    fn every_equation_holds_on_derived_margins() {
        let mut t = ResultsTable::new(
            "f",
            "q",
            None,
            vec!["a".into(), "b".into(), "c".into()],
            vec!["x".into(), "y".into()],
            vec!["1".into(), "2".into(), "3".into(), "4".into()],
            Choice::Exclusive,
        );
        let mut k = 0;
        for u in 0..3 {
            for g in 0..2 {
                for o in 0..4 {
                    k = (k * 7 + 3) % 11;
                    t.set_count(u, g, o, k);
                }
            }
        }
        let v = t.values();
        for eq in t.layout().equations() {
            let s: u32 = eq.parts.iter().map(|&p| v[p]).sum();
            assert_eq!(v[eq.total], s, "{eq:?}");
        }
        // 4×3 over units, 3 … : (groups+1)(options+1) + (units+1)(options+1) + (units+1)(groups+1)
        assert_eq!(t.layout().equations().len(), 3 * 5 + 4 * 5 + 4 * 3);
    }
}
