//! Ordering the app's short lists (records, label decisions, weak answers) with one small
//! stable insertion sort. The standard library's stable sort is compiled again for every
//! element type and comparison, several kilobytes of WebAssembly each time, for lists that
//! hold a few dozen entries.

/// Sorts `list` so that no entry comes after one it is `less` than; entries that are not
/// `less` than each other keep their order (a stable sort).
pub fn sort_by<T>(list: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..list.len() {
        let mut j = i;
        while j > 0 && less(&list[j], &list[j - 1]) {
            list.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_the_order_of_equal_entries() {
        let mut list = vec![(3, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (3, 'e'), (0, 'f')];
        let mut expected = list.clone();
        expected.sort_by_key(|e| e.0);
        sort_by(&mut list, |a, b| a.0 < b.0);
        assert_eq!(list, expected);
    }

    #[test]
    fn matches_the_standard_stable_sort_on_many_lists() {
        // A small linear congruential generator: deterministic lists of every short length.
        let mut seed = 7u32;
        for len in 0..40 {
            let mut list: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 5, i)
                })
                .collect();
            let mut expected = list.clone();
            expected.sort_by_key(|e| e.0);
            sort_by(&mut list, |a, b| a.0 < b.0);
            assert_eq!(list, expected, "length {len}");
        }
    }
}
