//! Small-cell suppression for published counts (issue 13's unmet-need tables): a count of 1
//! to 4 is shown as `<5`, and further cells are withheld ("complementary suppression") so
//! that no hidden count can be worked out from the published ones — by subtracting the other
//! cells of a column from its total, or by bounding a part by the whole it belongs to
//! (declines by reason can never exceed the referrals sent).
//!
//! A table is cells and the relations between them: a *group* says its parts sum to its
//! total (`exact`) or to at most its total (a part of a whole). A reader who knows the
//! relations and every shown count knows each hidden one's range: `<5` is 1–4, a withheld
//! cell is 5 or more. [`publish`] withholds cells until every `<5` cell has a second
//! possible value: another table, fitting everything published, in which it differs
//! ([`protected`] finds one).

/// Below this a count is not shown.
pub const SMALLEST_SHOWN: u64 = 5;

/// How a cell is published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// The count itself (0, or 5 and more).
    Count(u64),
    /// A count of 1 to 4.
    UnderFive,
    /// Withheld so that a small count cannot be worked out (5 or more).
    Withheld,
}

/// A relation between cells (indexes into the table's cells).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The whole.
    pub total: usize,
    /// Its parts.
    pub parts: Vec<usize>,
    /// The parts sum to the total exactly (a column and its total), or to at most it.
    pub exact: bool,
}

/// How far a search for another table goes: each step moves one hidden cell by one.
const SEARCH_DEPTH: usize = 10;

/// Whether a reader of `shown` cannot pin `cell` to one value: another table exists that
/// fits every shown count, every range (`<5` is 1–4, withheld is 5 or more) and every
/// relation, with `cell` one more or one less than in `counts`. Found by moving `cell` and
/// then, one hidden cell at a time, mending the relations the move broke (a bounded search:
/// when none is found the cell counts as pinned, which only ever withholds more).
pub fn protected(counts: &[u64], shown: &[Shown], groups: &[Group], cell: usize) -> bool {
    let range = |i: usize| match shown[i] {
        Shown::Count(n) => (n as i64, n as i64),
        Shown::UnderFive => (1, SMALLEST_SHOWN as i64 - 1),
        Shown::Withheld => (SMALLEST_SHOWN as i64, i64::MAX / 4),
    };
    let of: Vec<Vec<usize>> = (0..counts.len())
        .map(|c| {
            (0..groups.len())
                .filter(|&g| groups[g].total == c || groups[g].parts.contains(&c))
                .collect()
        })
        .collect();
    let mut values: Vec<i64> = counts.iter().map(|&n| n as i64).collect();
    // How far a group is from holding: > 0 the parts are over, < 0 under (exact only).
    let off = |values: &[i64], g: &Group| -> i64 {
        let sum: i64 = g.parts.iter().map(|&p| values[p]).sum();
        let gap = sum - values[g.total];
        if g.exact { gap } else { gap.max(0) }
    };
    fn mend(
        values: &mut Vec<i64>,
        moved: &mut Vec<usize>,
        depth: usize,
        groups: &[Group],
        of: &[Vec<usize>],
        range: &dyn Fn(usize) -> (i64, i64),
        off: &dyn Fn(&[i64], &Group) -> i64,
    ) -> bool {
        // A broken relation among those the moved cells belong to.
        let broken = moved
            .iter()
            .flat_map(|&c| of[c].iter().copied())
            .find(|&g| off(values, &groups[g]) != 0);
        let Some(g) = broken else {
            return true;
        };
        if depth == 0 {
            return false;
        }
        let group = &groups[g];
        let gap = off(values, group).signum();
        // Mend by one: a part against the gap, or the total with it.
        let steps = group.parts.iter().map(|&p| (p, -gap)).chain([(group.total, gap)]);
        for (c, step) in steps {
            if moved.contains(&c) {
                continue;
            }
            let (lo, hi) = range(c);
            let next = values[c] + step;
            if next < lo || next > hi {
                continue;
            }
            values[c] = next;
            moved.push(c);
            if mend(values, moved, depth - 1, groups, of, range, off) {
                return true;
            }
            moved.pop();
            values[c] -= step;
        }
        false
    }
    let (lo, hi) = range(cell);
    [1i64, -1].into_iter().any(|step| {
        let next = values[cell] + step;
        if next < lo || next > hi {
            return false;
        }
        values[cell] = next;
        let mut moved = vec![cell];
        let found = mend(&mut values, &mut moved, SEARCH_DEPTH, groups, &of, &range, &off);
        values = counts.iter().map(|&n| n as i64).collect();
        found
    })
}

/// How to publish `counts` related by `groups`: `<5` for 1–4, and withheld cells until no
/// `<5` cell can be pinned to one value by [`bounds`].
pub fn publish(counts: &[u64], groups: &[Group]) -> Vec<Shown> {
    let mut shown: Vec<Shown> = counts
        .iter()
        .map(|&n| {
            if (1..SMALLEST_SHOWN).contains(&n) {
                Shown::UnderFive
            } else {
                Shown::Count(n)
            }
        })
        .collect();
    loop {
        let pinned =
            (0..shown.len()).find(|&i| shown[i] == Shown::UnderFive && !protected(counts, &shown, groups, i));
        let Some(cell) = pinned else {
            return shown;
        };
        // Withhold a shown cell of 5 or more in a group the pinned cell is tied to, through
        // it or through other hidden cells (a chain of subtractions reaches it that way):
        // the smallest such cell, the least information lost — a part of an exact group, or
        // a group's total.
        let mut tied = vec![cell];
        let mut reached: Vec<&Group> = Vec::new();
        while let Some(c) = tied.pop() {
            for g in groups.iter().filter(|g| g.parts.contains(&c) || g.total == c) {
                if reached.contains(&g) {
                    continue;
                }
                reached.push(g);
                tied.extend(
                    g.parts
                        .iter()
                        .chain([&g.total])
                        .filter(|&&m| !matches!(shown[m], Shown::Count(_))),
                );
            }
        }
        let big = |m: usize| matches!(shown[m], Shown::Count(n) if n >= SMALLEST_SHOWN);
        let candidate = reached
            .iter()
            .flat_map(|g| {
                let parts = g.parts.iter().copied().filter(move |_| g.exact);
                parts.chain([g.total])
            })
            .filter(|&m| big(m))
            .min_by_key(|&m| (counts[m], m));
        let withheld = candidate.is_some();
        if let Some(c) = candidate {
            shown[c] = Shown::Withheld;
        }
        if !withheld {
            // Nothing of 5 or more is left to withhold around it (cannot happen while each
            // group's total is at least its parts): publish as it stands rather than loop.
            return shown;
        }
    }
}

/// The groups of a table of `rows` × `columns` counts laid out row by row, with a totals row
/// after them (each column's parts sum to it exactly), and within each row (totals row
/// included) `part_of`: (the whole's column, the parts' columns), the parts summing to at
/// most the whole.
pub fn table_groups(rows: usize, columns: usize, part_of: &[(usize, Vec<usize>)]) -> Vec<Group> {
    let at = |r: usize, c: usize| r * columns + c;
    let mut groups: Vec<Group> = (0..columns)
        .map(|c| Group {
            total: at(rows, c),
            parts: (0..rows).map(|r| at(r, c)).collect(),
            exact: true,
        })
        .collect();
    for r in 0..=rows {
        for (whole, parts) in part_of {
            groups.push(Group {
                total: at(r, *whole),
                parts: parts.iter().map(|&c| at(r, c)).collect(),
                exact: false,
            });
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader who tries every value each hidden cell could take (1–4 for `<5`, 5 up to the
    /// largest possible for a withheld one) against every relation, and reports the `<5`
    /// cells left with one possible value.
    fn recovered(shown: &[Shown], groups: &[Group], ceiling: u64) -> Vec<usize> {
        let hidden: Vec<usize> = (0..shown.len())
            .filter(|&i| !matches!(shown[i], Shown::Count(_)))
            .collect();
        let range = |i: usize| match shown[i] {
            Shown::UnderFive => 1..=4u64,
            Shown::Withheld => 5..=ceiling,
            Shown::Count(n) => n..=n,
        };
        let mut seen: Vec<std::collections::BTreeSet<u64>> = vec![Default::default(); shown.len()];
        let mut values: Vec<u64> = shown
            .iter()
            .map(|s| if let Shown::Count(n) = s { *n } else { 0 })
            .collect();
        fn fits(values: &[u64], groups: &[Group]) -> bool {
            groups.iter().all(|g| {
                let sum: u64 = g.parts.iter().map(|&p| values[p]).sum();
                if g.exact {
                    sum == values[g.total]
                } else {
                    sum <= values[g.total]
                }
            })
        }
        fn walk(
            k: usize,
            hidden: &[usize],
            range: &dyn Fn(usize) -> std::ops::RangeInclusive<u64>,
            values: &mut Vec<u64>,
            groups: &[Group],
            seen: &mut Vec<std::collections::BTreeSet<u64>>,
        ) {
            if k == hidden.len() {
                if fits(values, groups) {
                    for &h in hidden {
                        seen[h].insert(values[h]);
                    }
                }
                return;
            }
            for v in range(hidden[k]) {
                values[hidden[k]] = v;
                walk(k + 1, hidden, range, values, groups, seen);
            }
        }
        walk(0, &hidden, &range, &mut values, groups, &mut seen);
        hidden
            .into_iter()
            .filter(|&h| shown[h] == Shown::UnderFive && seen[h].len() <= 1)
            .collect()
    }

    /// A table of `rows` × 4 (sent, accepted, declined for capacity, declined otherwise) with
    /// its totals row; declines and acceptances are parts of what was sent.
    fn referral_table(rows: &[[u64; 4]]) -> (Vec<u64>, Vec<Group>) {
        let mut cells: Vec<u64> = rows.iter().flatten().copied().collect();
        for c in 0..4 {
            cells.push(rows.iter().map(|r| r[c]).sum());
        }
        (cells, table_groups(rows.len(), 4, &[(0, vec![1, 2, 3])]))
    }

    #[test]
    fn a_single_small_cell_in_a_column_takes_a_partner_and_the_table_keeps_its_totals() {
        let (cells, groups) = referral_table(&[[20, 12, 6, 2], [9, 5, 0, 4], [30, 25, 5, 0]]);
        let shown = publish(&cells, &groups);
        assert!(cells.iter().zip(&shown).all(|(n, s)| match s {
            Shown::Count(c) => c == n && (*n == 0 || *n >= SMALLEST_SHOWN),
            Shown::UnderFive => (1..5).contains(n),
            Shown::Withheld => *n >= SMALLEST_SHOWN,
        }));
        assert_eq!(shown[3], Shown::UnderFive, "the 2");
        assert!(recovered(&shown, &groups, 60).is_empty(), "{shown:?}");
        // Without the partners a reader would subtract: only the small cells hidden.
        let naive: Vec<Shown> = cells
            .iter()
            .map(|&n| {
                if (1..5).contains(&n) {
                    Shown::UnderFive
                } else {
                    Shown::Count(n)
                }
            })
            .collect();
        assert!(
            !recovered(&naive, &groups, 60).is_empty(),
            "the naive table leaks"
        );
    }

    #[test]
    fn no_hidden_cell_of_many_tables_can_be_recovered() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut checked = 0;
        for _ in 0..500 {
            let rows = 2 + next(2) as usize;
            let table: Vec<[u64; 4]> = (0..rows)
                .map(|_| {
                    let accepted = next(9);
                    let capacity = next(7);
                    let other = next(6);
                    [accepted + capacity + other + next(4), accepted, capacity, other]
                })
                .collect();
            let (cells, groups) = referral_table(&table);
            let shown = publish(&cells, &groups);
            let ceiling = cells.iter().copied().max().unwrap_or(0) + 1;
            for (n, s) in cells.iter().zip(&shown) {
                assert!(!matches!(s, Shown::Count(c) if (1..5).contains(c)), "{n} shown");
            }
            let tries: u64 = shown
                .iter()
                .map(|s| match s {
                    Shown::UnderFive => 4,
                    Shown::Withheld => ceiling - 4,
                    Shown::Count(_) => 1,
                })
                .product();
            if tries > 400_000 {
                continue; // beyond what the exhaustive reader can try in a unit test
            }
            checked += 1;
            let leaks = recovered(&shown, &groups, ceiling);
            assert!(
                leaks.is_empty(),
                "{table:?} published as {shown:?}: cells {leaks:?} recovered"
            );
        }
        assert!(checked >= 200, "only {checked} tables tried exhaustively");
    }
}
