//! The NTT against a naive DFT computed by the oracle, round trips, batches, device vectors and
//! errors.
mod common;

use common::{cpu, fr, from_hex, Modulus, Rng};
use gpuexec::{ErrorCode, Executor, Fr, NttOptions};

type F = [u64; 4];

/// The n-th root of unity 7^((r-1)/n), n = 2^k (plain value).
fn root(m: &Modulus<4>, k: u32) -> F {
    let mut e = m.sub(&m.m, &m.small(1));
    for _ in 0..k {
        // (r-1) / 2: a right shift across the limbs
        for i in 0..4 {
            e[i] = e[i] >> 1 | if i < 3 { e[i + 1] << 63 } else { 0 };
        }
    }
    m.pow(&m.small(7), &e)
}

/// Y[i] = sum_j X[j] (s w^i)^j, on plain values.
fn naive_dft(m: &Modulus<4>, x: &[F], shift: &F) -> Vec<F> {
    let n = x.len();
    let w = root(m, n.trailing_zeros());
    (0..n)
        .map(|i| {
            let t = m.mul(shift, &m.pow(&w, &[i as u64]));
            let mut tj = m.small(1);
            let mut sum = [0; 4];
            for xj in x {
                sum = m.add(&sum, &m.mul(xj, &tj));
                tj = m.mul(&tj, &t);
            }
            sum
        })
        .collect()
}

fn random_plain(m: &Modulus<4>, rng: &mut Rng, n: usize) -> Vec<F> {
    (0..n).map(|_| m.random(rng)).collect()
}

fn mont(m: &Modulus<4>, v: &[F]) -> Vec<Fr> {
    v.iter().map(|x| Fr(m.to_mont(x))).collect()
}

#[test]
fn the_root_is_the_documented_one() {
    let m = fr();
    let w32 = from_hex("16a2a19edfe81f20d09b681922c813b4b63683508c2280b93829971f439f0d2b");
    assert_eq!(root(&m, 32), w32);
    assert_eq!(m.pow(&w32, &[1 << 31]), m.sub(&m.m, &m.small(1))); // primitive: w^(2^31) = -1
}

fn check_against_dft(ex: &Executor, seed: u64) {
    let m = fr();
    let mut rng = Rng::new(seed);
    for log_n in [0, 1, 3, 5] {
        let x = random_plain(&m, &mut rng, 1 << log_n);
        for shift in [m.small(1), m.random(&mut rng)] {
            let mut data = mont(&m, &x);
            let options = NttOptions::forward().coset(Fr(m.to_mont(&shift)));
            ex.ntt(&mut data, &options).unwrap();
            assert!(
                data == mont(&m, &naive_dft(&m, &x, &shift)),
                "n = 2^{log_n}"
            );
            ex.ntt(
                &mut data,
                &NttOptions {
                    inverse: true,
                    ..options
                },
            )
            .unwrap();
            assert!(data == mont(&m, &x), "inverse, n = 2^{log_n}");
        }
    }
}

#[test]
fn matches_a_naive_dft() {
    check_against_dft(&cpu(), 10);
}

#[test]
fn vulkan_matches_a_naive_dft() {
    if let Some(ex) = common::vulkan() {
        check_against_dft(&ex, 11);
    }
}

#[test]
fn round_trips_batches_and_device_vectors() {
    let ex = cpu();
    let m = fr();
    let mut rng = Rng::new(12);
    // Four vectors of 16 back to back: each the DFT of its own.
    let x = random_plain(&m, &mut rng, 64);
    let mut data = mont(&m, &x);
    ex.ntt(&mut data, &NttOptions::forward().batch(4)).unwrap();
    for (i, chunk) in x.chunks(16).enumerate() {
        let expect = mont(&m, &naive_dft(&m, chunk, &m.small(1)));
        assert!(data[16 * i..16 * (i + 1)] == expect[..], "vector {i}");
    }
    // 2^12 elements forth and back, on a coset; then the same on a device vector.
    let orig = mont(&m, &random_plain(&m, &mut rng, 1 << 12));
    let coset = NttOptions::forward().coset(Fr::from_u64(7));
    let mut host = orig.clone();
    ex.ntt(&mut host, &coset).unwrap();
    assert_ne!(host, orig);
    let mut dev = ex.upload(&orig).unwrap();
    ex.ntt_device(&mut dev, &coset).unwrap();
    assert_eq!(dev.to_vec().unwrap(), host);
    ex.ntt(&mut host, &NttOptions::inverse().coset(Fr::from_u64(7)))
        .unwrap();
    assert_eq!(host, orig);
}

#[test]
fn errors() {
    let ex = cpu();
    let e = ex
        .ntt(&mut [Fr::ONE; 12], &NttOptions::forward())
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
    assert!(e.message().starts_with("gpuexec_fr_ntt: "), "{e}");
    let e = ex
        .ntt(&mut [Fr::ONE; 16], &NttOptions::forward().batch(3))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument, "{e}");
    let e = ex
        .ntt(&mut [Fr::ONE; 16], &NttOptions::forward().coset(Fr::ZERO))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument, "{e}");
    let r = Fr(fr().m);
    let e = ex
        .ntt(&mut [Fr::ONE, r], &NttOptions::forward())
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NonCanonical, "{e}");
    let e = ex
        .ntt(&mut [Fr::ONE; 4], &NttOptions::forward().coset(r))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NonCanonical, "{e}");
    println!("messages look like: {e}");
}
