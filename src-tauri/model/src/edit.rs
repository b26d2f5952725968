//! How far apart two words are: the optimal string alignment distance, where a swap of two
//! neighbouring letters counts as one edit. The credit rules (agency typos) and the copy desk
//! (near misses) both use it.

/// Edits between `a` and `b`, character by character (case matters; fold it first if it should
/// not).
pub fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Three rows of the table (i - 2, i - 1, i), in one allocation: the copy desk measures a
    // word against thousands of place names.
    let w = b.len() + 1;
    let row = |i: usize| (i % 3) * w;
    let mut d = vec![0usize; 3 * w];
    for (j, cell) in d[..w].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev) = (row(i), row(i - 1));
        d[cur] = i;
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[prev + j] + 1).min(d[cur + j - 1] + 1).min(d[prev + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[row(i - 2) + j - 2] + 1);
            }
            d[cur + j] = v;
        }
    }
    d[row(a.len()) + b.len()]
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
        assert_eq!(super::distance("ab", ""), 2);
        assert_eq!(super::distance("ca", "abc"), 3, "no edit inside a swapped pair");
        assert_eq!(super::distance("Dissapoint", "Disappoint"), 2);
        assert_eq!(super::distance("kitten", "sitting"), 3);
    }
}
