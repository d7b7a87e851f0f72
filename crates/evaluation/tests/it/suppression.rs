//! Disclosure control against the reader who does arithmetic: on many
//! generated tables with units of 1, 2, 4 and 12 respondents beside large
//! ones, every count of 1–4 and every cell about fewer than 5 people is
//! hidden, and neither subtraction (totals minus the visible parts, zeros
//! pinned by non-negativity) nor any linear combination of the published
//! sums gives a hidden cell back.

use evaluation::attack;
use evaluation::published::Shown;
use evaluation::suppress::{suppress, THRESHOLD};
use evaluation::table::{Choice, Col, Level, ResultsTable};

/// A small deterministic generator (SplitMix64): the same tables every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Units of 1, 2, 4 and 12 submitters and a few larger ones, two groups,
/// five options; answers skewed so that small counts appear in big units too.
fn table(seed: u64, choice: Choice) -> ResultsTable {
    let mut rng = Rng(seed);
    let sizes = [1usize, 2, 4, 12, 5, 30, 7 + rng.below(40)];
    let units: Vec<String> = (0..sizes.len()).map(|u| format!("Đơn vị {u}")).collect();
    let groups = vec!["cong-chuc".to_owned(), "dai-bieu".to_owned()];
    let options: Vec<String> = (1..=5).map(|o| o.to_string()).collect();
    let mut t = ResultsTable::new("f", "q", None, units, groups, options, choice);
    for (u, &n) in sizes.iter().enumerate() {
        let mut per_group = [0u32; 2];
        for _ in 0..n {
            let g = rng.below(2);
            per_group[g] += 1;
            let picked: Vec<usize> = match choice {
                // Skewed towards the top of the scale, as satisfaction answers are.
                Choice::Exclusive => vec![[0, 1, 2, 3, 3, 4, 4, 4][rng.below(8)]],
                Choice::Multiple => (0..5).filter(|_| rng.below(3) == 0).collect(),
            };
            t.add_answer(u, g, &picked);
        }
        for (g, n) in per_group.iter().enumerate() {
            t.set_respondents(u, g, *n);
        }
    }
    t
}

fn check(t: &ResultsTable) -> (usize, usize) {
    let p = suppress(t).expect("a consistent table");
    let layout = t.layout();
    let values = t.values();
    for (i, &shown) in p.cells().iter().enumerate() {
        let c = layout.cell(i);
        if c.col == Col::Answered {
            assert_eq!(
                shown,
                Shown::Count(values[i]),
                "answered counts are published"
            );
            continue;
        }
        let population = p.respondents(c.unit, c.group);
        if (1..THRESHOLD).contains(&values[i]) || population < THRESHOLD {
            assert!(
                shown.is_hidden(),
                "{c:?} = {} about {population} shown",
                values[i]
            );
        }
        if let Shown::Count(v) = shown {
            assert_eq!(v, values[i], "a shown count is the true count");
        }
    }
    // Subtraction gets nothing back but cells fixed by the known answered
    // counts alone, and those say nothing about anyone (all zero).
    for (c, v) in attack::subtraction(&p) {
        assert!(
            p.unprotectable.contains(&c),
            "subtraction recovers {c:?} = {v}"
        );
        assert_eq!(v, 0);
    }
    for c in attack::linear(&p) {
        assert!(
            p.unprotectable.contains(&c),
            "a linear combination determines {c:?}"
        );
        assert_eq!(values[layout.index(c)], 0);
    }
    (p.primary(), p.complementary())
}

#[test]
fn no_hidden_cell_comes_back_from_single_choice_tables() {
    let mut complementary = 0;
    for seed in 0..150 {
        complementary += check(&table(seed, Choice::Exclusive)).1;
    }
    // Primary suppression alone would not do: the attack needs the second cells.
    assert!(complementary > 0);
}

#[test]
fn no_hidden_cell_comes_back_from_multiple_choice_tables() {
    for seed in 1000..1100 {
        check(&table(seed, Choice::Multiple));
    }
}

#[test]
fn hiding_only_the_small_unit_is_undone_by_the_total() {
    // What `cchc report results` did before: the unit of 3 hidden, the total
    // and the unit of 20 shown. Total minus the big unit is the small one.
    let units = vec!["Nhỏ".to_owned(), "Lớn".to_owned()];
    let mut t = ResultsTable::new(
        "f",
        "q",
        None,
        units,
        vec!["cong-chuc".into()],
        vec!["Có".into(), "Không".into()],
        Choice::Exclusive,
    );
    for _ in 0..3 {
        t.add_answer(0, 0, &[1]);
    }
    for i in 0..20 {
        t.add_answer(1, 0, &[usize::from(i % 4 == 0)]);
    }
    t.set_respondents(0, 0, 3);
    t.set_respondents(1, 0, 20);
    let p = suppress(&t).unwrap();
    let small = |o| evaluation::table::CellRef {
        unit: Level::One(0),
        group: Level::One(0),
        col: Col::Option(o),
    };
    assert!(p.get(small(0)).is_hidden() && p.get(small(1)).is_hidden());
    // The big unit's cells or the totals had to go too, or "Không" of the
    // small unit would be Tổng − Lớn = 3.
    assert!(p.complementary() >= 2, "{}", p.complementary());
    assert!(attack::subtraction(&p).is_empty());
    assert!(attack::linear(&p).is_empty());
}
