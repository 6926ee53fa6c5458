//! A small deterministic PRNG (SplitMix64) and an `exp` built from IEEE basic operations only, so
//! that a seed gives the same file on every platform (no libm-dependent transcendental calls).
//!
//! The crate's one SplitMix64: `synth` seeds it with [`Rng::new`]; a caller whose output is
//! already fixed by the plain generator (state = seed, draws reduced modulo `n`) uses
//! [`Rng::from_state`] and [`Rng::below_mod`].

/// A SplitMix64 generator.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// The generator of `eindex synth --seed`: the seed is mixed with a constant first.
    pub fn new(seed: u64) -> Self {
        Rng::from_state(seed ^ 0x5851_f42d_4c95_7f2d)
    }

    /// The textbook SplitMix64 started at `state` (no mixing): `from_state(0)` first yields
    /// `0xe220_a839_7b1d_cdaf`.
    pub fn from_state(state: u64) -> Self {
        Rng(state)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// `next_u64() % n`, and 0 for `n == 0`: slightly biased for large `n`; for callers whose
    /// output was fixed with this reduction (new code uses [`Rng::below`]).
    pub fn below_mod(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// Uniform in [lo, hi].
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f64()
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }
}

/// e^(−x) for x ≥ 0, from additions, multiplications and divisions only (bit-identical across
/// platforms): halve x until it is small, sum the Taylor series, square back.
pub fn exp_neg(x: f64) -> f64 {
    if x.is_nan() || x > 700.0 {
        return 0.0;
    }
    if x <= 0.0 {
        return 1.0;
    }
    let mut y = -x;
    let mut k = 0;
    while y < -0.125 {
        y *= 0.5;
        k += 1;
    }
    let mut term = 1.0;
    let mut sum = 1.0;
    for i in 1..=12 {
        term *= y / f64::from(i);
        sum += term;
    }
    for _ in 0..k {
        sum *= sum;
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_neg_is_close_to_exp() {
        for x in [0.0f64, 0.001, 0.5, 1.0, 2.5, 10.0, 40.0] {
            let e = (-x).exp();
            assert!((exp_neg(x) - e).abs() <= 1e-12 * e.max(1e-300), "x = {x}");
        }
        assert_eq!(exp_neg(1000.0), 0.0);
    }

    #[test]
    fn same_seed_same_stream() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let mut c = Rng::new(8);
        let va: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let vb: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        let vc: Vec<u64> = (0..5).map(|_| c.next_u64()).collect();
        assert_eq!(va, vb);
        assert_ne!(va, vc);
        assert!((0..1000).all(|_| a.below(5) < 5));
    }

    #[test]
    fn from_state_is_plain_splitmix64() {
        assert_eq!(Rng::from_state(0).next_u64(), 0xe220_a839_7b1d_cdaf);
        let mut a = Rng::new(7);
        let mut b = Rng::from_state(7 ^ 0x5851_f42d_4c95_7f2d);
        assert_eq!(a.next_u64(), b.next_u64());
        let mut c = Rng::from_state(2022);
        let mut d = Rng::from_state(2022);
        assert_eq!(c.below_mod(0), 0);
        assert_eq!(c.below_mod(10), d.next_u64() % 10);
        assert_eq!(c.below_mod(1 << 40), d.next_u64() % (1 << 40));
    }
}
