//! What the tests share: an oracle written here, independent of the library (multi-precision
//! arithmetic mod p and r, G1 in Jacobian form), a seeded random source and the executors.
// Each test binary uses part of it; index loops are the clearest way to write carry chains.
#![allow(dead_code, clippy::needless_range_loop, clippy::wrong_self_convention)]

pub mod g1;

use gpuexec::{Backend, ErrorCode, Executor};

pub const P_HEX: &str = "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab";
pub const R_HEX: &str = "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";

pub fn cpu() -> Executor {
    Executor::new(Backend::Cpu).expect("the CPU backend")
}

/// The Vulkan executor, or None (said on stderr) where the machine has no device.
pub fn vulkan() -> Option<Executor> {
    match Executor::new(Backend::Vulkan) {
        Ok(ex) => Some(ex),
        Err(e) if e.code() == ErrorCode::NoDevice => {
            eprintln!("skipping the Vulkan cases: {e}");
            None
        }
        Err(e) => panic!("Vulkan executor: {e}"),
    }
}

/// SplitMix64: seeded, so a failure repeats.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    pub fn bytes32(&mut self) -> [u8; 32] {
        let mut s = [0; 32];
        for c in s.chunks_mut(8) {
            c.copy_from_slice(&self.next_u64().to_le_bytes());
        }
        s
    }
}

/// Little-endian limbs of a big-endian hex number.
pub fn from_hex<const N: usize>(hex: &str) -> [u64; N] {
    let mut out = [0; N];
    let digits: Vec<u64> = hex
        .bytes()
        .rev()
        .map(|c| (c as char).to_digit(16).unwrap() as u64)
        .collect();
    for (i, d) in digits.iter().enumerate() {
        out[i / 16] |= d << (4 * (i % 16));
    }
    out
}

pub fn to_be_bytes<const N: usize>(a: &[u64; N]) -> Vec<u8> {
    a.iter().rev().flat_map(|l| l.to_be_bytes()).collect()
}

fn adc(a: u64, b: u64, carry: &mut u64) -> u64 {
    let t = a as u128 + b as u128 + *carry as u128;
    *carry = (t >> 64) as u64;
    t as u64
}

fn sbb(a: u64, b: u64, borrow: &mut u64) -> u64 {
    let t = (a as u128).wrapping_sub(b as u128 + *borrow as u128);
    *borrow = (t >> 127) as u64;
    t as u64
}

/// a + b * c + carry, the carry updated.
fn mac(a: u64, b: u64, c: u64, carry: &mut u64) -> u64 {
    let t = a as u128 + (b as u128) * (c as u128) + *carry as u128;
    *carry = (t >> 64) as u64;
    t as u64
}

fn lt<const N: usize>(a: &[u64; N], b: &[u64; N]) -> bool {
    a.iter().rev().cmp(b.iter().rev()) == std::cmp::Ordering::Less
}

/// Arithmetic mod an odd N-limb modulus m. Values are plain integers below m unless a function
/// says Montgomery (x * 2^(64 N) mod m).
#[derive(Clone, Copy, Debug)]
pub struct Modulus<const N: usize> {
    pub m: [u64; N],
    minv: u64, // -m^-1 mod 2^64
    r2: [u64; N],
}

pub fn fp() -> Modulus<6> {
    Modulus::new(from_hex(P_HEX))
}

pub fn fr() -> Modulus<4> {
    Modulus::new(from_hex(R_HEX))
}

impl<const N: usize> Modulus<N> {
    pub fn new(m: [u64; N]) -> Self {
        let mut inv = 1u64; // Newton: each step doubles the correct low bits
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(m[0].wrapping_mul(inv)));
        }
        let mut s = Modulus {
            m,
            minv: inv.wrapping_neg(),
            r2: [0; N],
        };
        s.r2 = s.shift(&s.small(1), 128 * N);
        s
    }

    pub fn small(&self, v: u64) -> [u64; N] {
        let mut a = [0; N];
        a[0] = v;
        a
    }

    pub fn add(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        let mut carry = 0;
        let mut s = [0; N];
        for i in 0..N {
            s[i] = adc(a[i], b[i], &mut carry);
        }
        if carry != 0 || !lt(&s, &self.m) {
            let mut borrow = 0;
            for i in 0..N {
                s[i] = sbb(s[i], self.m[i], &mut borrow);
            }
        }
        s
    }

    pub fn neg(&self, a: &[u64; N]) -> [u64; N] {
        self.sub(&[0; N], a)
    }

    pub fn sub(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        let mut borrow = 0;
        let mut d = [0; N];
        for i in 0..N {
            d[i] = sbb(a[i], b[i], &mut borrow);
        }
        if borrow != 0 {
            let mut carry = 0;
            for i in 0..N {
                d[i] = adc(d[i], self.m[i], &mut carry);
            }
        }
        d
    }

    /// a * 2^bits mod m by doubling: the Montgomery form without any Montgomery code.
    pub fn shift(&self, a: &[u64; N], bits: usize) -> [u64; N] {
        (0..bits).fold(*a, |x, _| self.add(&x, &x))
    }

    /// a * b / 2^(64 N) mod m: schoolbook product, then word-by-word Montgomery reduction.
    pub fn mont_mul(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        let mut t = [0u64; 16];
        for i in 0..N {
            let mut carry = 0;
            for j in 0..N {
                t[i + j] = mac(t[i + j], a[i], b[j], &mut carry);
            }
            t[i + N] = carry;
        }
        let mut top = 0; // the bit above t[2N - 1]
        for i in 0..N {
            let u = t[i].wrapping_mul(self.minv);
            let mut carry = 0;
            for j in 0..N {
                t[i + j] = mac(t[i + j], u, self.m[j], &mut carry);
            }
            for k in i + N..2 * N {
                t[k] = adc(t[k], 0, &mut carry);
            }
            top += carry;
        }
        let mut r = [0; N];
        r.copy_from_slice(&t[N..2 * N]);
        if top != 0 || !lt(&r, &self.m) {
            let mut borrow = 0;
            for i in 0..N {
                r[i] = sbb(r[i], self.m[i], &mut borrow);
            }
        }
        r
    }

    pub fn to_mont(&self, a: &[u64; N]) -> [u64; N] {
        self.mont_mul(a, &self.r2)
    }

    pub fn from_mont(&self, a: &[u64; N]) -> [u64; N] {
        self.mont_mul(a, &self.small(1))
    }

    pub fn mul(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        self.mont_mul(&self.mont_mul(a, b), &self.r2)
    }

    pub fn pow(&self, a: &[u64; N], e: &[u64]) -> [u64; N] {
        let mut r = self.small(1);
        for limb in e.iter().rev() {
            for bit in (0..64).rev() {
                r = self.mul(&r, &r);
                if limb >> bit & 1 == 1 {
                    r = self.mul(&r, a);
                }
            }
        }
        r
    }

    /// a^-1 (Fermat); a != 0.
    pub fn inv(&self, a: &[u64; N]) -> [u64; N] {
        self.pow(a, &self.sub(&[0; N], &self.small(2)))
    }

    pub fn random(&self, rng: &mut Rng) -> [u64; N] {
        let bits = 64 - self.m[N - 1].leading_zeros();
        loop {
            let mut a = [0; N];
            a.iter_mut().for_each(|l| *l = rng.next_u64());
            a[N - 1] &= (1u64 << bits) - 1;
            if lt(&a, &self.m) {
                return a;
            }
        }
    }

    /// 0, 1, 2, m-1, m-2, (m-1)/2, (m+1)/2, 2^64, R mod m, R^-1 mod m.
    pub fn edges(&self) -> Vec<[u64; N]> {
        let m1 = self.sub(&[0; N], &self.small(1));
        let half = self.neg(&self.inv(&self.small(2))); // -1/2 = (m-1)/2
        let r = self.shift(&self.small(1), 64 * N);
        vec![
            [0; N],
            self.small(1),
            self.small(2),
            m1,
            self.sub(&m1, &self.small(1)),
            half,
            self.neg(&half), // (m+1)/2
            self.shift(&self.small(1), 64),
            r,
            self.inv(&r),
        ]
    }
}
