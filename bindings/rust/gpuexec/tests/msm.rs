//! The G1 MSM: known answers, the oracle's double-and-add (common/g1.rs), batches, resident
//! bases, the point check, errors, and the Vulkan backend against the CPU's.
mod common;

use common::g1::Curve;
use common::{cpu, fp, fr, to_be_bytes, Rng};
use gpuexec::{ErrorCode, Executor, Fp, Fr, G1Affine, G1Jacobian, Scalar};

/// Points [k]G for random k, made by the oracle, with infinity, a repeat and a negation among them.
fn points(curve: &Curve, rng: &mut Rng, n: usize) -> Vec<G1Affine> {
    let g = curve.generator();
    let mut v: Vec<G1Affine> = (0..n)
        .map(|_| curve.to_affine(&curve.msm(&[g], &[Scalar::from_u64(rng.next_u64())])))
        .collect();
    if n >= 4 {
        v[1] = G1Affine::default();
        v[2] = v[0];
        v[3] = G1Affine {
            x: v[0].x,
            y: Fp(fp().neg(&v[0].y.0)),
        };
    }
    v
}

/// Random scalars of all 256 bits (some >= r), and the edges 0, 1, r - 1.
fn scalars(rng: &mut Rng, n: usize) -> Vec<Scalar> {
    let mut v: Vec<Scalar> = (0..n).map(|_| Scalar(rng.bytes32())).collect();
    let r = fr();
    let mut r1: [u8; 32] = to_be_bytes(&r.sub(&r.m, &r.small(1))).try_into().unwrap();
    r1.reverse();
    for (i, s) in [Scalar::from_u64(0), Scalar::from_u64(1), Scalar(r1)]
        .into_iter()
        .enumerate()
    {
        if i < n {
            v[n - 1 - i] = s;
        }
    }
    v
}

#[test]
fn known_answers() {
    let ex = cpu();
    let curve = Curve::new();
    let g = curve.generator();
    G1Affine::check_all(&[g]).unwrap();
    let one = ex.msm(&[g], &[Scalar::from_u64(1)]).unwrap();
    assert!(curve.matches(&one, &curve.msm(&[g], &[Scalar::from_u64(1)])));
    assert!(!curve.matches(&one, &curve.msm(&[g], &[Scalar::from_u64(2)])));
    // Normalised, [1]G is G itself: compare with the generator's documented coordinates.
    assert_eq!(curve.to_affine(&curve.msm(&[g], &[Scalar::from_u64(1)])), g);
    assert!(ex.msm(&[g], &[Scalar::from_u64(0)]).unwrap().is_infinity());
    assert!(ex
        .msm(&[G1Affine::default()], &[Scalar::from_u64(5)])
        .unwrap()
        .is_infinity());
    // [r]G is infinity; [a]G + [b]G = [a + b]G.
    let mut r_le: [u8; 32] = to_be_bytes(&fr().m).try_into().unwrap();
    r_le.reverse();
    assert!(ex.msm(&[g], &[Scalar(r_le)]).unwrap().is_infinity());
    let (a, b) = (Fr::from_u64(123456789), Fr::from_u64(987654321));
    let mut sum = [Fr::ZERO];
    ex.vec_op(gpuexec::Op::Add, &[a], &[b], &mut sum).unwrap();
    let two = ex.msm(&[g, g], &[a.into(), b.into()]).unwrap();
    let together = ex.msm(&[g], &[sum[0].into()]).unwrap();
    assert!(curve.same(&two, &together));
    assert!(curve.matches(&together, &curve.msm(&[g], &[Scalar::from_u64(1111111110)])));
}

fn check_against_oracle(ex: &Executor, seed: u64, n: usize) {
    let curve = Curve::new();
    let mut rng = Rng::new(seed);
    let p = points(&curve, &mut rng, n);
    let s = scalars(&mut rng, 3 * n);
    let expect: Vec<_> = s.chunks(n).map(|c| curve.msm(&p, c)).collect();
    // One MSM, a batch over shared points, a batch with points of its own, resident bases.
    assert!(curve.matches(&ex.msm(&p, &s[..n]).unwrap(), &expect[0]));
    let mut results = [G1Jacobian::default(); 3];
    ex.msm_batch(&p, &s, &mut results).unwrap();
    let all_points: Vec<G1Affine> = (0..3).flat_map(|_| p.iter().copied()).collect();
    let mut own = [G1Jacobian::default(); 3];
    ex.msm_batch(&all_points, &s, &mut own).unwrap();
    for precompute in [1, 3] {
        let bases = ex.msm_bases(&p, precompute).unwrap();
        assert_eq!(bases.len(), n);
        let mut with_bases = [G1Jacobian::default(); 3];
        bases.msm_batch(&s, &mut with_bases).unwrap();
        for j in 0..3 {
            assert!(
                curve.matches(&with_bases[j], &expect[j]),
                "bases x{precompute}, msm {j}"
            );
        }
    }
    for j in 0..3 {
        assert!(
            curve.matches(&results[j], &expect[j]),
            "shared points, msm {j}"
        );
        assert!(curve.matches(&own[j], &expect[j]), "own points, msm {j}");
    }
}

#[test]
fn matches_the_oracle() {
    check_against_oracle(&cpu(), 20, 8);
}

// The MSM kernels take lavapipe about 10 s to build in a fresh process: one small case.
#[test]
fn vulkan_matches_the_oracle_and_the_cpu() {
    let ex = match common::vulkan() {
        Some(ex) => ex,
        None => return,
    };
    check_against_oracle(&ex, 21, 6);
    let curve = Curve::new();
    let mut rng = Rng::new(22);
    let p = points(&curve, &mut rng, 32);
    let s = scalars(&mut rng, 32);
    assert!(curve.same(&ex.msm(&p, &s).unwrap(), &cpu().msm(&p, &s).unwrap()));
}

#[test]
fn the_point_check() {
    let curve = Curve::new();
    let mut rng = Rng::new(23);
    let mut p = points(&curve, &mut rng, 5);
    G1Affine::check_all(&p).unwrap();
    // Off the curve: y + 1 (in Montgomery form, + R).
    p[4].y = Fp(fp().add(&p[4].y.0, &Fp::ONE.0));
    let e = G1Affine::check_all(&p).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
    assert!(
        e.message().starts_with("gpuexec_g1_check_points: ") && e.message().contains('4'),
        "{e}"
    );
    p[4].y = Fp(fp().m);
    assert_eq!(
        G1Affine::check_all(&p).unwrap_err().code(),
        ErrorCode::NonCanonical
    );
}

#[test]
fn errors() {
    let ex = cpu();
    let g = Curve::new().generator();
    let one = Scalar::from_u64(1);
    let e = ex.msm(&[g, g], &[one; 3]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
    assert!(e.message().starts_with("gpuexec_g1_msm: "), "{e}");
    let mut two = [G1Jacobian::default(); 2];
    let e = ex.msm_batch(&[g, g], &[one; 3], &mut two).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument, "{e}");
    let bases = ex.msm_bases(&[g, g], 1).unwrap();
    let e = bases.msm(&[one; 3]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
    assert!(e.message().starts_with("gpuexec_g1_msm_bases: "), "{e}");
    let e = ex.msm_bases(&[g], 0).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument, "{e}");
    let bad = G1Affine {
        x: Fp(fp().m),
        y: g.y,
    };
    assert_eq!(
        ex.msm(&[bad], &[one]).unwrap_err().code(),
        ErrorCode::NonCanonical
    );
}
