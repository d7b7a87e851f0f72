//! Which unknowns a set of linear equations pins down.
//!
//! An attacker who knows every published cell and every sum of the table can
//! combine sums in any way, not only one at a time: in a table whose hidden
//! cells form two separate blocks joined by one hidden cell, every row and
//! column has two hidden cells, yet "these columns minus those rows" gives the
//! joining cell exactly. The question "is unknown *j* determined?" is exactly
//! "is the unit vector eⱼ in the row space of the system?", and in the reduced
//! row echelon form that holds iff some row is eⱼ itself (its pivot is *j* and
//! it has no other entry). Coefficients are small integers (±1 before
//! elimination); partial pivoting with a tolerance keeps `f64` exact enough for
//! tables of a few thousand cells.

const EPS: f64 = 1e-9;

/// `rows`: each equation as (unknown, coefficient) pairs; returns, per unknown,
/// whether the system fixes its value.
pub fn determined(rows: &[Vec<(usize, f64)>], unknowns: usize) -> Vec<bool> {
    let mut m: Vec<Vec<f64>> = rows
        .iter()
        .filter(|r| !r.is_empty())
        .map(|r| {
            let mut d = vec![0.0; unknowns];
            for &(j, c) in r {
                d[j] += c;
            }
            d
        })
        .collect();
    let mut pivot_row = 0;
    for col in 0..unknowns {
        if pivot_row == m.len() {
            break;
        }
        let best = (pivot_row..m.len())
            .max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))
            .expect("rows remain");
        if m[best][col].abs() < EPS {
            continue;
        }
        m.swap(pivot_row, best);
        let p = m[pivot_row][col];
        for x in m[pivot_row].iter_mut() {
            *x /= p;
        }
        let pr = m[pivot_row].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r == pivot_row {
                continue;
            }
            let f = row[col];
            if f.abs() < EPS {
                continue;
            }
            for (x, y) in row.iter_mut().zip(&pr) {
                *x -= f * y;
                if x.abs() < EPS {
                    *x = 0.0;
                }
            }
        }
        pivot_row += 1;
    }
    let mut out = vec![false; unknowns];
    for row in &m[..pivot_row] {
        let mut nz = row.iter().enumerate().filter(|(_, x)| x.abs() >= EPS);
        if let (Some((j, _)), None) = (nz.next(), nz.next()) {
            out[j] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_equation_of_two_unknowns_fixes_neither() {
        assert_eq!(
            determined(&[vec![(0, 1.0), (1, 1.0)]], 2),
            vec![false, false]
        );
    }

    #[test]
    fn differences_of_sums_are_found() {
        // x0 + x1 + x2 = a ; x1 + x2 = b  ⇒ x0 = a − b.
        let rows = [vec![(0, 1.0), (1, 1.0), (2, 1.0)], vec![(1, 1.0), (2, 1.0)]];
        assert_eq!(determined(&rows, 3), vec![true, false, false]);
    }

    #[test]
    fn a_cycle_fixes_nothing() {
        // 2×2 block: rows x0+x1, x2+x3; columns x0+x2, x1+x3.
        let rows = [
            vec![(0, 1.0), (1, 1.0)],
            vec![(2, 1.0), (3, 1.0)],
            vec![(0, 1.0), (2, 1.0)],
            vec![(1, 1.0), (3, 1.0)],
        ];
        assert_eq!(determined(&rows, 4), vec![false; 4]);
    }
}
