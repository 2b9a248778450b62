//! One stable sort for every element type the web module sorts (issue #12):
//! each `sort_by_key` instantiation brought its own copy of the standard
//! library's driftsort (≈1.5 kB of wasm each, eight of them). Here the
//! element type only appears in the small comparison and move loops; the
//! sort itself, a heapsort of indices, is compiled once.

use std::cmp::Ordering;

/// Sorts `v` by `key`, keeping the order of equal keys (as `sort_by_key`).
pub(crate) fn sort_by_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> u32) {
    small_sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` by `cmp`, keeping the order of equal elements (as `sort_by`).
/// The PDF reader's sorts (segments, glyphs, blocks, coordinates) go through
/// here. In the browsers' reader module (built for size) they take the small
/// sort: their driftsort instantiations were ≈ 7 kB gzip of it. Elsewhere
/// (native, Node's module) the standard sort: the small one made a native
/// PDF read 4.7 % slower.
#[cfg(feature = "pdf")]
pub(crate) fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if cfg!(feature = "wasm-reader-only") {
        small_sort_by(v, cmp);
    } else {
        v.sort_by(cmp);
    }
}

/// `sort_by` compiled once whatever `T` is (a heapsort of indices).
fn small_sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = order_by(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// The indices `0..n` in the order `cmp` gives, equal ones in index order
/// (a stable sort's permutation).
pub(crate) fn order_by(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    // Most input is in order already: one pass, no sort.
    if (1..n).all(|i| cmp(i - 1, i) != Ordering::Greater) {
        return idx;
    }
    // Ties broken by index: all distinct, so heapsort (not stable itself)
    // gives the stable order.
    heapsort(&mut idx, &mut |a, b| {
        cmp(a, b).then(a.cmp(&b)) == Ordering::Less
    });
    idx
}

/// A few hundred bytes of wasm, where `sort_unstable_by` takes 4 kB.
fn heapsort(v: &mut [usize], less: &mut dyn FnMut(usize, usize) -> bool) {
    fn sift_down(v: &mut [usize], mut root: usize, less: &mut dyn FnMut(usize, usize) -> bool) {
        loop {
            let mut child = 2 * root + 1;
            if child >= v.len() {
                return;
            }
            if child + 1 < v.len() && less(v[child], v[child + 1]) {
                child += 1;
            }
            if !less(v[root], v[child]) {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    for i in (0..v.len() / 2).rev() {
        sift_down(v, i, less);
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(&mut v[..end], 0, less);
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
            let mut b = v.clone();
            a.sort_by_key(|x| x.0);
            super::sort_by_key(&mut b, |x| x.0);
            assert_eq!(a, b);
            // By a comparison, floats (the PDF reader's) with ties and -0.0.
            let f = |x: &(u32, usize)| f64::from(x.0) - 3.0 + if x.1 % 5 == 0 { -0.0 } else { 0.0 };
            let mut a = v.clone();
            let mut b = v;
            a.sort_by(|p, q| f(p).total_cmp(&f(q)));
            super::small_sort_by(&mut b, |p, q| f(p).total_cmp(&f(q)));
            assert_eq!(a, b);
        }
    }
}
