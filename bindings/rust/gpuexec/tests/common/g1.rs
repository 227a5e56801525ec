//! G1 (y^2 = x^3 + 4 over Fp) for the oracle: coordinates in Montgomery form, as the library's,
//! so results compare limb for limb after normalising.
use super::{fp, from_hex, Modulus};
use gpuexec::{Fp, G1Affine, G1Jacobian, Scalar};

type F = [u64; 6];

const GX: &str = "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb";
const GY: &str = "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1";

/// A Jacobian point (x / z^2, y / z^3); z = 0 is infinity.
#[derive(Clone, Copy, Debug)]
pub struct Jac {
    x: F,
    y: F,
    z: F,
}

pub struct Curve {
    f: Modulus<6>,
    one: F,
}

impl Curve {
    pub fn new() -> Curve {
        let f = fp();
        Curve {
            one: f.to_mont(&f.small(1)),
            f,
        }
    }

    pub fn generator(&self) -> G1Affine {
        G1Affine {
            x: Fp(self.f.to_mont(&from_hex(GX))),
            y: Fp(self.f.to_mont(&from_hex(GY))),
        }
    }

    pub fn infinity(&self) -> Jac {
        Jac {
            x: self.one,
            y: self.one,
            z: [0; 6],
        }
    }

    fn mul(&self, a: &F, b: &F) -> F {
        self.f.mont_mul(a, b)
    }

    fn dbl(&self, p: &Jac) -> Jac {
        if p.z == [0; 6] {
            return *p;
        }
        let f = &self.f;
        let a = self.mul(&p.x, &p.x);
        let b = self.mul(&p.y, &p.y);
        let c = self.mul(&b, &b);
        let xb = f.add(&p.x, &b);
        let d = f.sub(&f.sub(&self.mul(&xb, &xb), &a), &c);
        let d = f.add(&d, &d);
        let e = f.add(&f.add(&a, &a), &a);
        let x = f.sub(&self.mul(&e, &e), &f.add(&d, &d));
        let c8 = f.shift(&c, 3);
        let y = f.sub(&self.mul(&e, &f.sub(&d, &x)), &c8);
        let yz = self.mul(&p.y, &p.z);
        Jac {
            x,
            y,
            z: f.add(&yz, &yz),
        }
    }

    /// p + q for an affine q (all zero: infinity).
    fn add_affine(&self, p: &Jac, q: &G1Affine) -> Jac {
        let (x2, y2) = (q.x.0, q.y.0);
        if x2 == [0; 6] && y2 == [0; 6] {
            return *p;
        }
        if p.z == [0; 6] {
            return Jac {
                x: x2,
                y: y2,
                z: self.one,
            };
        }
        let f = &self.f;
        let z1z1 = self.mul(&p.z, &p.z);
        let u2 = self.mul(&x2, &z1z1);
        let s2 = self.mul(&y2, &self.mul(&p.z, &z1z1));
        let h = f.sub(&u2, &p.x);
        let r = f.sub(&s2, &p.y);
        if h == [0; 6] {
            return if r == [0; 6] {
                self.dbl(p)
            } else {
                self.infinity()
            };
        }
        let hh = self.mul(&h, &h);
        let i = f.shift(&hh, 2);
        let j = self.mul(&h, &i);
        let r = f.add(&r, &r);
        let v = self.mul(&p.x, &i);
        let x = f.sub(&f.sub(&self.mul(&r, &r), &j), &f.add(&v, &v));
        let y1j = self.mul(&p.y, &j);
        let y = f.sub(&self.mul(&r, &f.sub(&v, &x)), &f.add(&y1j, &y1j));
        let zh = f.add(&p.z, &h);
        let z = f.sub(&f.sub(&self.mul(&zh, &zh), &z1z1), &hh);
        Jac { x, y, z }
    }

    /// sum_i [s_i] P_i by one double-and-add over all 256 bits of every scalar.
    pub fn msm(&self, points: &[G1Affine], scalars: &[Scalar]) -> Jac {
        let mut acc = self.infinity();
        for bit in (0..256).rev() {
            acc = self.dbl(&acc);
            for (p, s) in points.iter().zip(scalars) {
                if s.0[bit / 8] >> (bit % 8) & 1 == 1 {
                    acc = self.add_affine(&acc, p);
                }
            }
        }
        acc
    }

    pub fn to_affine(&self, p: &Jac) -> G1Affine {
        if p.z == [0; 6] {
            return G1Affine::default();
        }
        let f = &self.f;
        let zi = f.to_mont(&f.inv(&f.from_mont(&p.z)));
        let zi2 = self.mul(&zi, &zi);
        G1Affine {
            x: Fp(self.mul(&p.x, &zi2)),
            y: Fp(self.mul(&p.y, &self.mul(&zi2, &zi))),
        }
    }

    /// Whether the library's Jacobian result is the point `expect`.
    pub fn matches(&self, got: &G1Jacobian, expect: &Jac) -> bool {
        let e = self.to_affine(expect);
        if expect.z == [0; 6] {
            return got.z == Fp::ZERO;
        }
        let z2 = self.mul(&got.z.0, &got.z.0);
        got.z != Fp::ZERO
            && got.x.0 == self.mul(&e.x.0, &z2)
            && got.y.0 == self.mul(&e.y.0, &self.mul(&z2, &got.z.0))
    }

    /// Whether two library results are the same point.
    pub fn same(&self, a: &G1Jacobian, b: &G1Jacobian) -> bool {
        let jac = Jac {
            x: b.x.0,
            y: b.y.0,
            z: b.z.0,
        };
        self.matches(a, &jac)
    }
}
