//! "Did you mean" suggestions for misspelled names, by edit distance.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
///
/// "Close enough" is an edit distance of at most one third of the word's length
/// (at least 1), so `u33` suggests `u32` but `frobnicate` suggests nothing.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| {
            (
                edit_distance(&word.to_lowercase(), &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// A hint sentence for [`closest`], or `None` without a close candidate.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|candidate| format!("did you mean `{candidate}`?"))
}

/// The Levenshtein distance between `a` and `b`, counting an adjacent swap as
/// one edit (so `recieve` is one edit from `receive`).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: distance between the first i chars of a and the first j of b.
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        if let Some(first) = row.first_mut() {
            *first = i;
        }
    }
    if let Some(first_row) = rows.first_mut() {
        for (j, cell) in first_row.iter_mut().enumerate() {
            *cell = j;
        }
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a.get(i - 1) != b.get(j - 1));
            let at = |rows: &Vec<Vec<usize>>, i: usize, j: usize| {
                rows.get(i)
                    .and_then(|row| row.get(j))
                    .copied()
                    .unwrap_or(usize::MAX / 2)
            };
            let mut best = (at(&rows, i - 1, j) + 1)
                .min(at(&rows, i, j - 1) + 1)
                .min(at(&rows, i - 1, j - 1) + cost);
            let swapped =
                i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1);
            if swapped {
                best = best.min(at(&rows, i - 2, j - 2) + 1);
            }
            if let Some(cell) = rows.get_mut(i).and_then(|row| row.get_mut(j)) {
                *cell = best;
            }
        }
    }
    rows.get(a.len())
        .and_then(|row| row.get(b.len()))
        .copied()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits_and_swaps() {
        assert_eq!(edit_distance("u33", "u32"), 1);
        assert_eq!(edit_distance("recieve", "receive"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn suggests_only_close_names() {
        assert_eq!(
            closest("interfce", ["interface", "struct", "enum"]),
            Some("interface")
        );
        assert_eq!(closest("frobnicate", ["interface", "struct", "enum"]), None);
    }
}
