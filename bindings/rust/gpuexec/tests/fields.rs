//! Fp and Fr element-wise ops, conversions and their errors, against the oracle in common/.
mod common;

use common::{cpu, fp, fr, to_be_bytes, Modulus, Rng};
use gpuexec::{ErrorCode, Executor, Field, Fp, Fr, Job, Op, Schedule};

/// Inputs for one field: every pair of edge values, then random ones (Montgomery limbs).
fn inputs<const N: usize>(m: &Modulus<N>, rng: &mut Rng) -> (Vec<[u64; N]>, Vec<[u64; N]>) {
    let edges = m.edges();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for x in &edges {
        for y in &edges {
            a.push(*x);
            b.push(*y);
        }
    }
    for _ in 0..300 {
        a.push(m.random(rng));
        b.push(m.random(rng));
    }
    let mont = |v: Vec<[u64; N]>| v.iter().map(|x| m.to_mont(x)).collect();
    (mont(a), mont(b))
}

/// vec_op, in place and mad against the oracle, for Fp (N = 6) or Fr (N = 4).
fn check_ops<F: Field, const N: usize>(
    ex: &Executor,
    m: &Modulus<N>,
    wrap: impl Fn([u64; N]) -> F,
    seed: u64,
) {
    let mut rng = Rng::new(seed);
    let (a, b) = inputs(m, &mut rng);
    let fa: Vec<F> = a.iter().map(|x| wrap(*x)).collect();
    let fb: Vec<F> = b.iter().map(|x| wrap(*x)).collect();
    // The oracle on plain values: from Montgomery, compute, back.
    let plain = |x: &[u64; N]| m.from_mont(x);
    for op in [Op::Add, Op::Sub, Op::Mul] {
        let expect: Vec<F> = a
            .iter()
            .zip(&b)
            .map(|(x, y)| {
                let (x, y) = (plain(x), plain(y));
                let r = match op {
                    Op::Add => m.add(&x, &y),
                    Op::Sub => m.sub(&x, &y),
                    Op::Mul => m.mul(&x, &y),
                };
                wrap(m.to_mont(&r))
            })
            .collect();
        let mut out = vec![F::default(); a.len()];
        ex.vec_op(op, &fa, &fb, &mut out).unwrap();
        assert!(out == expect, "{op:?} differs from the oracle");
        let mut in_place = fa.clone();
        ex.vec_op_in_place(op, &mut in_place, &fb).unwrap();
        assert!(in_place == expect, "{op:?} in place differs");
    }
    let c: Vec<[u64; N]> = (0..a.len())
        .map(|_| m.to_mont(&m.random(&mut rng)))
        .collect();
    let fc: Vec<F> = c.iter().map(|x| wrap(*x)).collect();
    let mut out = vec![F::default(); a.len()];
    ex.mad(&fa, &fb, &fc, &mut out).unwrap();
    for i in 0..a.len() {
        let e = m.add(&m.mul(&plain(&a[i]), &plain(&b[i])), &plain(&c[i]));
        assert!(out[i] == wrap(m.to_mont(&e)), "mad element {i}");
    }
}

#[test]
fn fp_ops_match_the_oracle() {
    check_ops(&cpu(), &fp(), Fp, 1);
}

#[test]
fn fr_ops_match_the_oracle() {
    check_ops(&cpu(), &fr(), Fr, 2);
}

#[test]
fn montgomery_form_and_encodings() {
    let (p, r) = (fp(), fr());
    // The oracle's two routes to Montgomery form agree, and give the documented constants of 1.
    let mut rng = Rng::new(3);
    for _ in 0..20 {
        let x = p.random(&mut rng);
        assert_eq!(p.to_mont(&x), p.shift(&x, 384));
        let y = r.random(&mut rng);
        assert_eq!(r.to_mont(&y), r.shift(&y, 256));
    }
    assert_eq!(Fp::ONE.0, p.shift(&p.small(1), 384));
    assert_eq!(Fr::ONE.0, r.shift(&r.small(1), 256));
    assert_eq!(Fp::from_u64(1), Fp::ONE);
    assert_eq!(Fr::from_u64(1), Fr::ONE);

    // from_be_bytes is x * R mod m; to_be_bytes undoes it, for edges and random values.
    for x in p
        .edges()
        .into_iter()
        .chain((0..20).map(|_| p.random(&mut rng)))
    {
        let bytes: [u8; 48] = to_be_bytes(&x).try_into().unwrap();
        let v = Fp::from_be_bytes(&bytes).unwrap();
        assert_eq!(v.0, p.to_mont(&x));
        assert_eq!(v.to_be_bytes(), bytes);
    }
    for x in r
        .edges()
        .into_iter()
        .chain((0..20).map(|_| r.random(&mut rng)))
    {
        let bytes: [u8; 32] = to_be_bytes(&x).try_into().unwrap();
        let v = Fr::from_be_bytes(&bytes).unwrap();
        assert_eq!(v.0, r.to_mont(&x));
        assert_eq!(v.to_be_bytes(), bytes);
    }
    assert_eq!(Fr::from_u64(u64::MAX).0, r.to_mont(&r.small(u64::MAX)));
}

#[test]
fn values_not_below_the_modulus_are_refused() {
    let (p, r) = (fp(), fr());
    let e = Fp::from_be_bytes(&to_be_bytes(&p.m).try_into().unwrap()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NonCanonical);
    assert!(e.message().starts_with("gpuexec_fp_from_be_bytes:"), "{e}");
    let e = Fr::from_be_bytes(&[0xff; 32]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NonCanonical);
    assert!(e.message().contains("modulus r"), "{e}");

    // An element >= p in limbs (the library checks every input).
    let ex = cpu();
    let a = vec![Fp::ONE, Fp(p.m), Fp::ONE];
    let mut out = vec![Fp::ZERO; 3];
    let e = ex.vec_op(Op::Add, &a, &a, &mut out).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NonCanonical);
    assert!(e.message().starts_with("gpuexec_fp_vec_op:"), "{e}");
    let b = vec![Fr(r.m); 2];
    let e = ex
        .vec_op(Op::Mul, &[Fr::ONE; 2], &b, &mut [Fr::ZERO; 2])
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NonCanonical, "{e}");
}

#[test]
fn lengths_must_match() {
    let ex = cpu();
    let mut out = vec![Fp::ZERO; 3];
    let e = ex
        .vec_op(Op::Add, &[Fp::ONE; 3], &[Fp::ONE; 2], &mut out)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
    assert_eq!(
        e.message(),
        "gpuexec_fp_vec_op: b has 2 elements, a 3 (lengths must match)"
    );
    let e = ex
        .mad(
            &[Fr::ONE; 2],
            &[Fr::ONE; 2],
            &[Fr::ONE; 2],
            &mut [Fr::ZERO; 1],
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
    assert!(
        e.message().starts_with("gpuexec_fr_vec_mad: out has 1"),
        "{e}"
    );
    // Empty slices are a valid no-op.
    ex.vec_op::<Fp>(Op::Add, &[], &[], &mut []).unwrap();
}

#[test]
fn batches() {
    let ex = cpu();
    let f = fr();
    let mut rng = Rng::new(4);
    let a: Vec<Fr> = (0..64).map(|_| Fr(f.random(&mut rng))).collect();
    let b: Vec<Fr> = (0..64).map(|_| Fr(f.random(&mut rng))).collect();
    let (mut sum, mut prod, mut acc) = (vec![Fr::ZERO; 64], vec![Fr::ZERO; 64], a.clone());
    for schedule in [Schedule::Sequential, Schedule::Pipelined] {
        acc.copy_from_slice(&a);
        let mut jobs = vec![
            Job::new(Op::Add, &a, &b, &mut sum),
            Job::new(Op::Mul, &a, &b, &mut prod),
            Job::in_place(Op::Sub, &mut acc, &b),
        ];
        ex.run_batch(&mut jobs, schedule).unwrap();
        for i in 0..64 {
            assert_eq!(sum[i].0, f.add(&a[i].0, &b[i].0));
            assert_eq!(prod[i].0, f.mont_mul(&a[i].0, &b[i].0));
            assert_eq!(acc[i].0, f.sub(&a[i].0, &b[i].0));
        }
    }
    // A job of mismatched lengths is named by its index.
    let mut short = vec![Fr::ZERO; 3];
    let mut jobs = vec![
        Job::new(Op::Add, &a, &b, &mut sum),
        Job::new(Op::Add, &a, &b, &mut short),
    ];
    let e = ex.run_batch(&mut jobs, Schedule::Sequential).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
    assert!(
        e.message().starts_with("gpuexec_fr_run_batch: job 1: "),
        "{e}"
    );
    // An unreduced input: the library names the job.
    let bad = vec![Fr(f.m); 64];
    let mut jobs = vec![Job::new(Op::Add, &a, &bad, &mut sum)];
    let e = ex.run_batch(&mut jobs, Schedule::Pipelined).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NonCanonical);
    assert!(e.message().contains("job 0"), "{e}");
}

#[test]
fn ops_on_the_canonical_encoding() {
    let ex = cpu();
    let (p, r) = (fp(), fr());
    let mut rng = Rng::new(5);
    // 20 Fp elements as 48-byte big-endian values; the oracle's plain results encoded the same.
    let vals: Vec<Vec<[u64; 6]>> = (0..3)
        .map(|_| (0..20).map(|_| p.random(&mut rng)).collect())
        .collect();
    let enc = |v: &[[u64; 6]]| -> Vec<u8> { v.iter().flat_map(to_be_bytes).collect() };
    let (a, b, c) = (enc(&vals[0]), enc(&vals[1]), enc(&vals[2]));
    let mut out = vec![0u8; a.len()];
    ex.bytes_op::<Fp>(Op::Sub, &a, &b, &mut out).unwrap();
    let expect: Vec<[u64; 6]> = (0..20).map(|i| p.sub(&vals[0][i], &vals[1][i])).collect();
    assert_eq!(out, enc(&expect));
    ex.bytes_mad::<Fp>(&a, &b, &c, &mut out).unwrap();
    let expect: Vec<[u64; 6]> = (0..20)
        .map(|i| p.add(&p.mul(&vals[0][i], &vals[1][i]), &vals[2][i]))
        .collect();
    assert_eq!(out, enc(&expect));

    // Fr: 32-byte elements; the modulus itself is refused, naming the input and element.
    let x = r.random(&mut rng);
    let mut a = to_be_bytes(&x);
    a.extend(to_be_bytes(&r.m));
    let b = [to_be_bytes(&x), to_be_bytes(&x)].concat();
    let mut out = vec![0u8; 64];
    let e = ex.bytes_op::<Fr>(Op::Mul, &a, &b, &mut out).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NonCanonical);
    assert!(e.message().starts_with("gpuexec_fr_bytes_op: "), "{e}");
    ex.bytes_op::<Fr>(Op::Mul, &b, &b, &mut out).unwrap();
    assert_eq!(out[..32], to_be_bytes(&r.mul(&x, &x))[..]);
    // Lengths: whole elements, all alike.
    let e = ex
        .bytes_op::<Fr>(Op::Add, &b[..40], &b[..40], &mut out[..40])
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
    assert!(e.message().contains("a has 40 bytes"), "{e}");
    let e = ex
        .bytes_op::<Fr>(Op::Add, &b, &b[..32], &mut out)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
    assert!(e.message().contains("b has 1 elements, a 2"), "{e}");
}
