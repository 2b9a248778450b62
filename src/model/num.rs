//! Exact fixed-point numbers for counts and money.
//!
//! A `Num` is `mantissa × 10^-scale` with an `i128` mantissa: counts are exact
//! integers, money keeps every decimal the author wrote, and converting 元 to
//! 万元 only moves the decimal point. Every operation is checked: an overflow
//! yields `None`, never a wrapped or rounded value.

use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// Largest scale (digits after the point) a value may carry.
pub const MAX_SCALE: u32 = 12;

#[derive(Clone, Copy, Debug, Default)]
pub struct Num {
    mantissa: i128,
    scale: u32,
}

impl Num {
    pub const ZERO: Num = Num {
        mantissa: 0,
        scale: 0,
    };

    pub fn int(v: i64) -> Num {
        Num {
            mantissa: v as i128,
            scale: 0,
        }
    }

    /// Builds `mantissa × 10^-scale`; `None` when the scale is out of range.
    pub fn new(mantissa: i128, scale: u32) -> Option<Num> {
        (scale <= MAX_SCALE).then_some(Num { mantissa, scale }.reduced())
    }

    /// Parses an ASCII decimal such as `-12`, `25.96` (no separators).
    pub fn parse(s: &str) -> Option<Num> {
        let (neg, body) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let frac = frac.trim_end_matches('0');
        let scale = u32::try_from(frac.len()).ok()?;
        if scale > MAX_SCALE {
            return None;
        }
        let mut m: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            m = m.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        Some(
            Num {
                mantissa: if neg { -m } else { m },
                scale,
            }
            .reduced(),
        )
    }

    fn reduced(mut self) -> Num {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }

    fn rescale(self, scale: u32) -> Option<i128> {
        let diff = scale.checked_sub(self.scale)?;
        self.mantissa.checked_mul(10i128.checked_pow(diff)?)
    }

    pub fn checked_add(self, o: Num) -> Option<Num> {
        let s = self.scale.max(o.scale);
        Some(
            Num {
                mantissa: self.rescale(s)?.checked_add(o.rescale(s)?)?,
                scale: s,
            }
            .reduced(),
        )
    }

    pub fn checked_sub(self, o: Num) -> Option<Num> {
        self.checked_add(o.checked_neg()?)
    }

    pub fn checked_neg(self) -> Option<Num> {
        Some(Num {
            mantissa: self.mantissa.checked_neg()?,
            scale: self.scale,
        })
    }

    /// Multiplies by 10^-shift (e.g. 元 → 万元 is `shift_point(4)`).
    pub fn shift_point(self, shift: u32) -> Option<Num> {
        Num::new(self.mantissa, self.scale.checked_add(shift)?)
    }

    pub fn is_integer(self) -> bool {
        self.scale == 0
    }
    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }
    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    /// The value as `i64` when it is an integer in range.
    pub fn as_i64(self) -> Option<i64> {
        if self.scale == 0 {
            i64::try_from(self.mantissa).ok()
        } else {
            None
        }
    }

    /// (floor, fraction × 10^MAX_SCALE): an exact ordering key that cannot
    /// overflow (`scale <= MAX_SCALE`).
    fn split(self) -> (i128, i128) {
        let unit = 10i128.pow(self.scale);
        let frac = self.mantissa.rem_euclid(unit) * 10i128.pow(MAX_SCALE - self.scale);
        (self.mantissa.div_euclid(unit), frac)
    }

    /// Nearest `f64`, for display and JSON only; never used in arithmetic.
    pub fn to_f64(self) -> f64 {
        // Powers of ten that are exact doubles. With |mantissa| ≤ 2^53 and
        // scale ≤ 22 both operands are exact and IEEE division rounds
        // correctly, so this equals parsing the decimal text, without
        // linking a float parser into the wasm.
        const P10: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        let m = self.mantissa as f64;
        let mut s = self.scale as usize;
        let mut v = m;
        while s > 22 {
            v /= 1e22;
            s -= 22;
        }
        v / P10[s]
    }

    /// Sums values; `None` on overflow.
    pub fn sum<I: IntoIterator<Item = Num>>(it: I) -> Option<Num> {
        it.into_iter().try_fold(Num::ZERO, Num::checked_add)
    }
}

impl PartialEq for Num {
    fn eq(&self, o: &Num) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Num {}
impl PartialOrd for Num {
    fn partial_cmp(&self, o: &Num) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Num {
    fn cmp(&self, o: &Num) -> Ordering {
        let (a, b) = (self.reduced(), o.reduced());
        if a.scale == b.scale {
            return a.mantissa.cmp(&b.mantissa);
        }
        let s = a.scale.max(b.scale);
        match (a.rescale(s), b.rescale(s)) {
            (Some(x), Some(y)) => x.cmp(&y),
            // Rescaling overflowed: compare integer parts, then the fractions
            // brought to MAX_SCALE digits (< 10^12, so exact), never floats.
            _ => a.split().cmp(&b.split()),
        }
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.push_decimal(&mut s);
        f.write_str(&s)
    }
}

impl Num {
    /// The decimal text (`-12`, `0.05`, the digits of any size), without
    /// `core::fmt`'s `u128` printer (1.5 kB of wasm, issue #12).
    pub(crate) fn push_decimal(self, out: &mut String) {
        if self.mantissa < 0 {
            out.push('-');
        }
        let scale = self.scale as usize;
        // At least one digit before the point: 0.05 is `005` with scale 2.
        let mut buf = [0u8; 64];
        let mut i = buf.len();
        let mut m = self.mantissa.unsigned_abs();
        loop {
            i -= 1;
            buf[i] = b'0' + (m % 10) as u8;
            m /= 10;
            if m == 0 && buf.len() - i > scale {
                break;
            }
        }
        let point = buf.len() - scale;
        for (k, &b) in buf[i..].iter().enumerate() {
            if i + k == point {
                out.push('.');
            }
            out.push(char::from(b));
        }
    }

    /// The JSON the `Serialize` impl below writes through serde_json, written
    /// directly (`crate::json_out`): an integer within ±2^53 as a number, a
    /// decimal of at most 15 digits as the number serde_json prints for its
    /// double (the same digits: they survive the double; `1e-7` style below
    /// 10^-5, a `.0` when whole), anything else as a string.
    pub(crate) fn write_json(self, out: &mut String) {
        const SAFE: i128 = 9_007_199_254_740_991;
        const DIGITS15: i128 = 1_000_000_000_000_000;
        if self.scale == 0 && self.mantissa.unsigned_abs() <= SAFE as u128 {
            self.push_decimal(out);
        } else if self.scale > 0 && self.mantissa.unsigned_abs() < DIGITS15 as u128 {
            let r = self.reduced();
            if r.mantissa < 0 {
                out.push('-');
            }
            let mut digits = String::new();
            Num {
                mantissa: r.mantissa.abs(),
                scale: 0,
            }
            .push_decimal(&mut digits);
            let n = digits.len() as i32;
            // The power of ten of the first digit.
            let exp = n - 1 - r.scale as i32;
            if r.scale == 0 {
                out.push_str(&digits);
                out.push_str(".0");
            } else if exp >= 0 {
                let (a, b) = digits.split_at(exp as usize + 1);
                out.push_str(a);
                out.push('.');
                out.push_str(b);
            } else if exp >= -5 {
                out.push_str("0.");
                for _ in 0..(-exp - 1) {
                    out.push('0');
                }
                out.push_str(&digits);
            } else {
                let (a, b) = digits.split_at(1);
                out.push_str(a);
                if !b.is_empty() {
                    out.push('.');
                    out.push_str(b);
                }
                out.push_str("e-");
                crate::json_out::push_u64(out, u64::from((-exp) as u32));
            }
        } else {
            out.push('"');
            self.push_decimal(out);
            out.push('"');
        }
    }

    /// Any mantissa and scale, as given (not reduced).
    #[cfg(test)]
    pub(crate) fn new_unreduced(mantissa: i128, scale: u32) -> Num {
        Num { mantissa, scale }
    }

    /// The text the `Display` impl wrote through `core::fmt` before
    /// `push_decimal`: the tests hold `push_decimal` to it.
    #[cfg(test)]
    pub(crate) fn to_string_fmt(self) -> String {
        let neg = self.mantissa < 0;
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let sign = if neg { "-" } else { "" };
        if scale == 0 {
            return format!("{sign}{digits}");
        }
        if digits.len() <= scale {
            format!("{sign}0.{}{}", "0".repeat(scale - digits.len()), digits)
        } else {
            let (i, d) = digits.split_at(digits.len() - scale);
            format!("{sign}{i}.{d}")
        }
    }
}

impl Serialize for Num {
    /// Integers within ±2^53 and decimals serialise as JSON numbers; anything
    /// larger as a string, so no consumer ever sees a rounded count.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        const SAFE: i128 = 9_007_199_254_740_991;
        const DIGITS15: i128 = 1_000_000_000_000_000;
        if self.scale == 0 && self.mantissa.unsigned_abs() <= SAFE as u128 {
            s.serialize_i64(self.mantissa as i64)
        } else if self.scale > 0 && self.mantissa.unsigned_abs() < DIGITS15 as u128 {
            // At most 15 significant digits: an f64 prints back exactly.
            s.serialize_f64(self.to_f64())
        } else {
            s.serialize_str(&self.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        for (s, out) in [
            ("0", "0"),
            ("-467", "-467"),
            ("+34", "34"),
            ("25.96", "25.96"),
            ("25.960", "25.96"),
            (".5", "0.5"),
            ("4068.208", "4068.208"),
        ] {
            assert_eq!(
                Num::parse(s).map(|n| n.to_string()).as_deref(),
                Some(out),
                "{s}"
            );
        }
        for s in ["", "-", "1.2.3", "1e5", "abc", "1,000"] {
            assert!(Num::parse(s).is_none(), "{s}");
        }
    }

    #[test]
    fn to_f64_is_the_parsed_decimal() {
        // Within JSON's safe range the division gives exactly what parsing the
        // decimal text gives (both operands exact, one correctly rounded op).
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for i in 0..20_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let m = (x % (1 << 53)) as i128 * if i % 2 == 0 { 1 } else { -1 };
            let m = if i % 3 == 0 { m % 100_000 } else { m };
            let n = Num::new(m, i % (MAX_SCALE + 1)).expect("in range");
            let want: f64 = n.to_string().parse().expect("decimal text");
            assert_eq!(n.to_f64().to_bits(), want.to_bits(), "{n}");
        }
        for s in [
            "25.96",
            "0.1",
            "0.3",
            "4068.208",
            "-467",
            "9007199254740.991",
        ] {
            let n = Num::parse(s).expect("number");
            assert_eq!(n.to_f64(), s.parse::<f64>().expect("f64"), "{s}");
        }
    }

    #[test]
    fn exact_money_and_overflow() {
        let a = Num::parse("251000").unwrap().shift_point(4).unwrap();
        assert_eq!(a.to_string(), "25.1");
        let sum = Num::parse("0.1")
            .unwrap()
            .checked_add(Num::parse("0.2").unwrap())
            .unwrap();
        assert_eq!(sum, Num::parse("0.3").unwrap());
        assert!(Num::parse(&"9".repeat(400)).is_none());
        let big = Num::new(i128::MAX, 0).unwrap();
        assert!(big.checked_add(Num::int(1)).is_none());
        assert!(Num::int(3) > Num::parse("2.99").unwrap());
    }

    #[test]
    fn json_never_rounds() {
        let j = |n: Num| serde_json::to_string(&n).unwrap();
        assert_eq!(j(Num::parse("25.96").unwrap()), "25.96");
        assert_eq!(
            j(Num::parse("9007199254740991").unwrap()),
            "9007199254740991"
        );
        assert_eq!(
            j(Num::parse("9007199254740992").unwrap()),
            "\"9007199254740992\""
        );
        // 16 significant digits with decimals: an f64 would print
        // 90071992547409.92; the exact value goes out as a string.
        let n = Num::parse("90071992547409.91").unwrap();
        assert_eq!(j(n), "\"90071992547409.91\"");
        for s in ["0.1", "123456789012.345", "-99999999999999.9"] {
            assert_eq!(j(Num::parse(s).unwrap()), s);
        }
    }

    #[test]
    fn exact_order_where_rescaling_overflows() {
        // x = 1701411834604692317316873037158841057.27 and
        // y = 1701411834604692317316873037158841058: y × 100 overflows i128,
        // and both round to the same f64; the order must still be exact.
        let x = Num::new(i128::MAX, 2).unwrap();
        let y = Num::new(i128::MAX / 100 + 1, 0).unwrap();
        assert_eq!(x.to_f64(), y.to_f64());
        assert!(x < y && x != y);
        assert_eq!(y.cmp(&x), Ordering::Greater);
        assert_eq!(x.cmp(&x), Ordering::Equal);
        let (nx, ny) = (x.checked_neg().unwrap(), y.checked_neg().unwrap());
        assert_eq!(nx.cmp(&ny), Ordering::Greater);
    }
}
