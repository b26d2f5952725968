//! How far apart two words are: the optimal string alignment distance, where a swap of two
//! neighbouring letters counts as one edit. The credit rules (agency typos) and the copy desk
//! (near misses) both use it.

/// Edits between `a` and `b`, character by character (case matters; fold it first if it should
/// not).
pub fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_swap_is_one_edit() {
        assert_eq!(super::distance("Teh", "The"), 1);
        assert_eq!(super::distance("recieved", "received"), 1);
        assert_eq!(super::distance("Algieria", "Algeria"), 1);
        assert_eq!(super::distance("abc", "xyz"), 3);
        assert_eq!(super::distance("", "ab"), 2);
    }
}
