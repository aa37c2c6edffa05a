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
//! (`protected` finds one).

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
    /// A count of 1 to 4 that not even `<5` can be shown for, because the relations would pin
    /// it (sent 4 with four parts of at least 1 each): published like a withheld cell, and to a
    /// reader it could be any count but 0. Rare; a small agency's sparse table has a few.
    Hidden,
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

/// How many moves one search may try in all. A sparse table (hundreds of counties, many
/// small cells) would otherwise make a failing search exponential; a search that runs out
/// counts the cell as pinned, which only ever withholds more.
const SEARCH_BUDGET: usize = 4_096;

/// A table's relations, indexed for the search.
struct Relations<'a> {
    groups: &'a [Group],
    /// For each cell: the groups it belongs to, and whether as a part (else as the total).
    of: Vec<Vec<(usize, bool)>>,
}

impl<'a> Relations<'a> {
    fn new(cells: usize, groups: &'a [Group]) -> Relations<'a> {
        let mut of = vec![Vec::new(); cells];
        for (g, group) in groups.iter().enumerate() {
            for &p in &group.parts {
                of[p].push((g, true));
            }
            of[group.total].push((g, false));
        }
        Relations { groups, of }
    }
}

/// One search for another table: the values tried, each group's parts summed (kept in step
/// as values move), and the cells moved so far.
struct Search<'a> {
    relations: &'a Relations<'a>,
    shown: &'a [Shown],
    values: Vec<i64>,
    sums: Vec<i64>,
    moved: Vec<usize>,
    budget: usize,
}

impl Search<'_> {
    /// What a reader knows of a cell: `<5` is 1–4, withheld is 5 or more.
    fn range(&self, i: usize) -> (i64, i64) {
        match self.shown[i] {
            Shown::Count(n) => (n as i64, n as i64),
            Shown::UnderFive => (1, SMALLEST_SHOWN as i64 - 1),
            Shown::Withheld => (SMALLEST_SHOWN as i64, i64::MAX / 4),
            // Never 0: a 0 is always shown.
            Shown::Hidden => (1, i64::MAX / 4),
        }
    }

    /// How far a group is from holding: > 0 the parts are over, < 0 under (exact only).
    fn off(&self, g: usize) -> i64 {
        let group = &self.relations.groups[g];
        let gap = self.sums[g] - self.values[group.total];
        if group.exact { gap } else { gap.max(0) }
    }

    fn step(&mut self, cell: usize, by: i64) {
        self.values[cell] += by;
        for &(g, part) in &self.relations.of[cell] {
            if part {
                self.sums[g] += by;
            }
        }
    }

    /// Whether the relations the moved cells broke can be mended within `depth` more moves.
    fn mend(&mut self, depth: usize) -> bool {
        let relations = self.relations;
        let broken = self
            .moved
            .iter()
            .flat_map(|&c| relations.of[c].iter().map(|&(g, _)| g))
            .find(|&g| self.off(g) != 0);
        let Some(g) = broken else {
            return true;
        };
        if depth == 0 {
            return false;
        }
        let group = &relations.groups[g];
        let gap = self.off(g).signum();
        // Mend by one: a part against the gap, or the total with it.
        let steps = group.parts.iter().map(|&p| (p, -gap)).chain([(group.total, gap)]);
        for (c, by) in steps {
            if self.moved.contains(&c) {
                continue;
            }
            let (lo, hi) = self.range(c);
            let next = self.values[c] + by;
            if next < lo || next > hi {
                continue;
            }
            if self.budget == 0 {
                return false;
            }
            self.budget -= 1;
            self.step(c, by);
            self.moved.push(c);
            if self.mend(depth - 1) {
                return true;
            }
            self.moved.pop();
            self.step(c, -by);
        }
        false
    }
}

/// Whether a reader of `shown` cannot pin `cell` to one value: another table exists that
/// fits every shown count, every range (`<5` is 1–4, withheld is 5 or more) and every
/// relation, with `cell` one more or one less than in `counts`. Found by moving `cell` and
/// then, one hidden cell at a time, mending the relations the move broke (a bounded search:
/// when none is found the cell counts as pinned, which only ever withholds more).
fn protected(relations: &Relations<'_>, counts: &[u64], shown: &[Shown], cell: usize) -> bool {
    let values: Vec<i64> = counts.iter().map(|&n| n as i64).collect();
    let sums = relations
        .groups
        .iter()
        .map(|g| g.parts.iter().map(|&p| values[p]).sum())
        .collect();
    let mut search = Search {
        relations,
        shown,
        values,
        sums,
        moved: vec![cell],
        budget: SEARCH_BUDGET,
    };
    let (lo, hi) = search.range(cell);
    [1i64, -1].into_iter().any(|by| {
        let next = search.values[cell] + by;
        if next < lo || next > hi {
            return false;
        }
        search.step(cell, by);
        let found = search.mend(SEARCH_DEPTH);
        // Back to the table as it is (every move of a failed search was undone).
        search.step(cell, -by);
        found
    })
}

/// How to publish `counts` related by `groups`: `<5` for 1–4, and withheld cells until no
/// `<5` cell can be pinned to one value.
pub fn publish(counts: &[u64], groups: &[Group]) -> Vec<Shown> {
    publish_knowing(counts, groups, &[])
}

/// As [`publish`], for a reader who already knows the cells `known` exactly from elsewhere
/// (a total another report shows): they are never withheld, and the search counts them as
/// fixed. The caller decides whether to display them.
pub fn publish_knowing(counts: &[u64], groups: &[Group], known: &[usize]) -> Vec<Shown> {
    let relations = Relations::new(counts.len(), groups);
    let mut shown: Vec<Shown> = counts
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            if (1..SMALLEST_SHOWN).contains(&n) && !known.contains(&i) {
                Shown::UnderFive
            } else {
                Shown::Count(n)
            }
        })
        .collect();
    // Withholding only widens what a reader must allow, so the other table that protected a
    // cell still fits afterwards and a protected cell stays protected; but a cell hidden
    // without a partner may be protected only by a later cell's hiding, so passes repeat
    // until one changes nothing (each change hides one more cell: it ends).
    loop {
        let mut changed = false;
        for cell in 0..shown.len() {
            if !matches!(shown[cell], Shown::UnderFive | Shown::Hidden) {
                continue;
            }
            while !protected(&relations, counts, &shown, cell) {
                if withhold_partner(&relations, counts, &mut shown, cell, known) {
                    changed = true;
                    continue;
                }
                // Nothing of 5 or more is left to withhold around it: the relations
                // themselves pin it, so it is not shown even as `<5`.
                if shown[cell] == Shown::Hidden {
                    break; // another cell's hiding may free it: the next pass looks again
                }
                shown[cell] = Shown::Hidden;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    shown
}

/// Withholds a shown cell of 5 or more in a group the pinned `cell` is tied to, through it or
/// through other hidden cells (a chain of subtractions reaches it that way): the smallest
/// such cell, the least information lost — a part of an exact group, or a group's total.
/// Whether there was one.
fn withhold_partner(
    relations: &Relations<'_>,
    counts: &[u64],
    shown: &mut [Shown],
    cell: usize,
    known: &[usize],
) -> bool {
    let mut tied = vec![cell];
    let mut reached = vec![false; relations.groups.len()];
    while let Some(c) = tied.pop() {
        for &(g, _) in &relations.of[c] {
            if reached[g] {
                continue;
            }
            reached[g] = true;
            let group = &relations.groups[g];
            tied.extend(
                group
                    .parts
                    .iter()
                    .chain([&group.total])
                    .filter(|&&m| !matches!(shown[m], Shown::Count(_))),
            );
        }
    }
    let big = |m: usize| matches!(shown[m], Shown::Count(n) if n >= SMALLEST_SHOWN) && !known.contains(&m);
    let candidate = (0..relations.groups.len())
        .filter(|&g| reached[g])
        .flat_map(|g| {
            let group = &relations.groups[g];
            let parts = group.parts.iter().copied().filter(move |_| group.exact);
            parts.chain([group.total])
        })
        .filter(|&m| big(m))
        .min_by_key(|&m| (counts[m], m));
    if let Some(c) = candidate {
        shown[c] = Shown::Withheld;
    }
    candidate.is_some()
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
            Shown::Hidden => 1..=ceiling,
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
            .filter(|&h| matches!(shown[h], Shown::UnderFive | Shown::Hidden) && seen[h].len() <= 1)
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
            Shown::UnderFive | Shown::Hidden => (1..5).contains(n),
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
    fn a_sparse_table_of_hundreds_of_counties_is_published_with_every_small_cell_protected() {
        // A small agency's year by county: 500 rows (identified, sent, accepted, three
        // declines), mostly 0 to 3. The search used to grow exponentially on such tables.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let rows = 500;
        let mut cells = Vec::new();
        for _ in 0..rows {
            let [accepted, capacity, eligible, unreachable] = [next(3), next(2), next(2), next(2)];
            let sent = accepted + capacity + eligible + unreachable + next(2);
            cells.extend([next(4), sent, accepted, capacity, eligible, unreachable]);
        }
        for c in 0..6 {
            cells.push((0..rows).map(|r| cells[r * 6 + c]).sum());
        }
        let groups = table_groups(rows, 6, &[(1, vec![2, 3, 4, 5])]);
        let shown = publish(&cells, &groups);
        let relations = Relations::new(cells.len(), &groups);
        let small = (0..cells.len()).filter(|&i| shown[i] == Shown::UnderFive).count();
        assert!(small > 500, "{small} small cells");
        for (i, (n, s)) in cells.iter().zip(&shown).enumerate() {
            match s {
                Shown::Count(c) => assert!(c == n && (*n == 0 || *n >= SMALLEST_SHOWN)),
                Shown::UnderFive | Shown::Hidden => {
                    assert!((1..5).contains(n), "cell {i}: {n} is not small");
                    assert!(protected(&relations, &cells, &shown, i), "cell {i} pinned");
                }
                Shown::Withheld => assert!(*n >= SMALLEST_SHOWN),
            }
        }
    }

    #[test]
    fn a_row_its_own_relations_pin_is_hidden_and_nothing_in_it_can_be_recovered() {
        // Sent 4 with four parts of at least 1 (accepted and three declines): `<5` alone pins
        // sent at 4 and every part at 1.
        let table = |rows: &[[u64; 5]]| {
            let mut cells: Vec<u64> = rows.iter().flatten().copied().collect();
            for c in 0..5 {
                cells.push(rows.iter().map(|r| r[c]).sum());
            }
            (cells, table_groups(rows.len(), 5, &[(0, vec![1, 2, 3, 4])]))
        };
        let (cells, groups) = table(&[[4, 1, 1, 1, 1]]);
        let naive: Vec<Shown> = cells.iter().map(|_| Shown::UnderFive).collect();
        assert!(
            !recovered(&naive, &groups, 12).is_empty(),
            "the naive table leaks"
        );
        let shown = publish(&cells, &groups);
        assert!(shown.contains(&Shown::Hidden), "{shown:?}");
        assert!(recovered(&shown, &groups, 12).is_empty(), "{shown:?}");
    }

    #[test]
    fn a_total_the_reader_knows_from_elsewhere_is_never_the_partner() {
        // Two statuses of one need, 4 and 4, of a total of 8: each `<5` pins the other.
        let cells = vec![4, 4, 8];
        let groups = vec![Group {
            total: 2,
            parts: vec![0, 1],
            exact: true,
        }];
        // Alone, the total is withheld to protect them.
        assert_eq!(publish(&cells, &groups)[2], Shown::Withheld);
        // When another report shows the total, withholding it protects nothing: a small cell
        // is hidden instead, and no cell can be worked out with the total known.
        let shown = publish_knowing(&cells, &groups, &[2]);
        assert_eq!(shown[2], Shown::Count(8), "{shown:?}");
        assert!(shown.contains(&Shown::Hidden), "{shown:?}");
        assert!(recovered(&shown, &groups, 10).is_empty(), "{shown:?}");
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
                    Shown::Hidden => ceiling + 1,
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
