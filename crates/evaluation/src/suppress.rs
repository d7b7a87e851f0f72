//! Disclosure control that survives arithmetic.
//!
//! **Primary suppression.** A cell is hidden when it could single out fewer
//! than [`THRESHOLD`] (5) people:
//! - its count is 1 to 4 (one to four respondents picked that option), or
//! - the population it describes (respondents of the form in that unit and
//!   group, or in that unit, or in that group over all units) is below 5:
//!   then every option cell of that row is hidden *whatever its value*,
//!   zeros included, because "none of the 3 picked Rất kém" says something
//!   about each of the 3.
//!
//! A 0 or a count of 5 or more about a population of 5 or more is published.
//! The answered count is never hidden (see [`crate::table`]: it is known from
//! the published respondent counts and from the form's other questions).
//!
//! **Complementary suppression.** Hiding a cell is useless if a reader can
//! subtract it back. Repeated to a fixed point over every sum of the table
//! ([`crate::table::Layout::equations`]: units ⊇ unit×group, groups over all
//! units, grand totals, and option counts against the answered count):
//! 1. a sum with exactly one hidden cell gets a second one;
//! 2. a sum whose published total leaves its hidden parts adding up to 0 (so
//!    non-negativity pins each of them at 0) gets a positive cell hidden, or,
//!    when there is none, its zero total;
//! 3. then a full linear audit ([`crate::linalg`]): any hidden cell that some
//!    combination of sums determines gets one more cell hidden beside it, and
//!    the rules run again.
//!
//! The cell chosen is the cheapest: a positive count before a zero (a hidden
//! zero beside a hidden count protects nothing when the rest is zero), then
//! the smallest count (least information lost), then a cell before a margin,
//! then table order (unit, group, option), so the same table always gives
//! the same published table.
//!
//! A cell fixed by the known answered counts alone (a group where nobody
//! answered has every option at 0) cannot be protected by hiding anything; it
//! is listed in [`PublishedTable::unprotectable`] instead of being pretended
//! safe. It discloses nothing about anyone, but the list lets a caller check.
//!
//! Not handled: a count equal to its population (everyone picked the same
//! option) is published; so is a count that differs from it by 1–4. The
//! rule published by the issue is about small counts, and that is what is
//! enforced here.

use std::collections::BTreeSet;

use crate::attack::determined_hidden;
use crate::messages::Msg;
use crate::published::{PublishedTable, Shown};
use crate::table::{Col, Layout, ResultsTable};

/// Fewest respondents a published figure may describe.
pub const THRESHOLD: u32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Published,
    Primary,
    Complementary,
}

/// Hides what must be hidden and returns the table as it may be published;
/// the hidden cells' values are not in it.
pub fn suppress(t: &ResultsTable) -> Result<PublishedTable, Msg> {
    t.check()?;
    let layout = t.layout();
    let values = t.values();
    let respondents = t.respondents_all();
    let pop = |i: usize| -> u32 {
        let c = layout.cell(i);
        let u = match c.unit {
            crate::table::Level::One(u) => u,
            crate::table::Level::Total => layout.units,
        };
        let g = match c.group {
            crate::table::Level::One(g) => g,
            crate::table::Level::Total => layout.groups,
        };
        respondents[u * (layout.groups + 1) + g]
    };
    let known: Vec<bool> = (0..layout.len())
        .map(|i| layout.cell(i).col == Col::Answered)
        .collect();
    let primary: Vec<bool> = (0..layout.len())
        .map(|i| !known[i] && (pop(i) < THRESHOLD || (1..THRESHOLD).contains(&values[i])))
        .collect();
    let (state, stuck) = protect(&layout, &values, &known, &primary);
    let cells = (0..layout.len())
        .map(|i| match state[i] {
            State::Published => Shown::Count(values[i]),
            State::Primary => Shown::Primary,
            State::Complementary => Shown::Complementary,
        })
        .collect();
    Ok(PublishedTable::new(
        t,
        respondents,
        cells,
        stuck.into_iter().map(|i| layout.cell(i)).collect(),
    ))
}

/// The fixed point of the three rules above, from the primary cells.
fn protect(
    layout: &Layout,
    values: &[u32],
    known: &[bool],
    primary: &[bool],
) -> (Vec<State>, BTreeSet<usize>) {
    let eqs = layout.equations();
    let mut cell_eqs: Vec<Vec<usize>> = vec![Vec::new(); layout.len()];
    for (k, eq) in eqs.iter().enumerate() {
        for c in eq.cells() {
            cell_eqs[c].push(k);
        }
    }
    let mut state: Vec<State> = primary
        .iter()
        .map(|&p| if p { State::Primary } else { State::Published })
        .collect();
    let mut stuck = BTreeSet::new();
    let margin = |i: usize| {
        let c = layout.cell(i);
        usize::from(c.unit == crate::table::Level::Total)
            + usize::from(c.group == crate::table::Level::Total)
    };
    let cost = |i: usize| (values[i] == 0, values[i], margin(i), i);
    loop {
        // Rules 1 and 2, sum by sum, to a fixed point.
        loop {
            let mut added = false;
            for eq in &eqs {
                let hidden: Vec<usize> = eq
                    .cells()
                    .filter(|&c| state[c] != State::Published)
                    .collect();
                if hidden.is_empty() {
                    continue;
                }
                let open = |c: &usize| state[*c] == State::Published && !known[*c];
                let total_shown = state[eq.total] == State::Published;
                let pinned_at_zero = total_shown
                    && eq
                        .parts
                        .iter()
                        .filter(|&&p| state[p] != State::Published)
                        .map(|&p| values[p])
                        .sum::<u32>()
                        == 0;
                let pick = if hidden.len() == 1 {
                    eq.cells().filter(open).min_by_key(|&c| cost(c))
                } else if pinned_at_zero {
                    eq.cells()
                        .filter(open)
                        .filter(|&c| values[c] > 0)
                        .min_by_key(|&c| cost(c))
                        .or_else(|| {
                            // Every part is 0: stop publishing the zero total itself.
                            (!known[eq.total]).then_some(eq.total)
                        })
                } else {
                    continue;
                };
                match pick {
                    Some(c) => {
                        state[c] = State::Complementary;
                        added = true;
                    }
                    None => stuck.extend(hidden.iter().copied().filter(|&c| !known[c])),
                }
            }
            if !added {
                break;
            }
        }
        // Rule 3: what any combination of sums still determines.
        let hidden: Vec<bool> = state.iter().map(|s| *s != State::Published).collect();
        let mut added = false;
        for j in determined_hidden(layout, &hidden, known) {
            if stuck.contains(&j) {
                continue;
            }
            let pick = cell_eqs[j]
                .iter()
                .flat_map(|&k| eqs[k].cells())
                .filter(|&c| state[c] == State::Published && !known[c])
                .min_by_key(|&c| cost(c));
            match pick {
                Some(c) => {
                    state[c] = State::Complementary;
                    added = true;
                }
                None => {
                    stuck.insert(j);
                }
            }
        }
        if !added {
            break;
        }
    }
    // A cell listed as stuck earlier may have been protected later on.
    let hidden: Vec<bool> = state.iter().map(|s| *s != State::Published).collect();
    let still: BTreeSet<usize> = determined_hidden(layout, &hidden, known)
        .into_iter()
        .collect();
    let pinned = zero_pinned(layout, values, &state, known);
    stuck.retain(|c| still.contains(c) || pinned.contains(c));
    (state, stuck)
}

/// Hidden parts of a sum whose shown total leaves them adding up to 0.
fn zero_pinned(
    layout: &Layout,
    values: &[u32],
    state: &[State],
    _known: &[bool],
) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for eq in layout.equations() {
        if state[eq.total] != State::Published {
            continue;
        }
        let hidden: Vec<usize> = eq
            .parts
            .iter()
            .copied()
            .filter(|&p| state[p] != State::Published)
            .collect();
        if !hidden.is_empty() && hidden.iter().map(|&p| values[p]).sum::<u32>() == 0 {
            out.extend(hidden);
        }
    }
    out
}
