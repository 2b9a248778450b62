//! One stable sort for every element type the web module sorts (issue #12):
//! each `sort_by_key` instantiation brought its own copy of the standard
//! library's driftsort (≈1.5 kB of wasm each, eight of them). Here the
//! element type only appears in the small key and move loops; the sort
//! itself runs on `u64`s, once.

/// Sorts `v` by `key`, keeping the order of equal keys (as `sort_by_key`).
pub(crate) fn sort_by_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> u32) {
    if v.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return;
    }
    // Key above, index below: all distinct, so an unstable sort of these
    // puts equal keys in their original order.
    let mut order: Vec<u64> = v
        .iter()
        .enumerate()
        .map(|(i, t)| (u64::from(key(t)) << 32) | i as u64)
        .collect();
    sort_u64(&mut order);
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(
        order
            .iter()
            .filter_map(|k| slots.get_mut((k & 0xffff_ffff) as usize)?.take()),
    );
}

/// Heapsort: a few hundred bytes of wasm where `sort_unstable` on `u64`
/// takes 4 kB; the keys are distinct, so any correct sort gives one order.
#[inline(never)]
fn sort_u64(v: &mut [u64]) {
    fn sift_down(v: &mut [u64], mut root: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= v.len() {
                return;
            }
            if child + 1 < v.len() && v[child] < v[child + 1] {
                child += 1;
            }
            if v[root] >= v[child] {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    for i in (0..v.len() / 2).rev() {
        sift_down(v, i);
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(&mut v[..end], 0);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn stable_like_sort_by_key() {
        let mut seed = 7u32;
        for len in [0usize, 1, 2, 3, 10, 100, 1000] {
            let v: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    ((seed >> 16) % 7, i)
                })
                .collect();
            let mut a = v.clone();
            let mut b = v;
            a.sort_by_key(|x| x.0);
            super::sort_by_key(&mut b, |x| x.0);
            assert_eq!(a, b);
        }
    }
}
