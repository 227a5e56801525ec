//! Device vectors on the CPU backend and, where there is one, a Vulkan device.
mod common;

use common::{cpu, fp, fr, Rng};
use gpuexec::{ErrorCode, Executor, Field, Fp, Fr, Op};

fn check<F: Field>(ex: &Executor, a: &[F], b: &[F], c: &[F]) {
    let n = a.len();
    let (va, vb, vc) = (
        ex.upload(a).unwrap(),
        ex.upload(b).unwrap(),
        ex.upload(c).unwrap(),
    );
    assert_eq!(va.len(), n);
    let mut out = ex.alloc::<F>(n).unwrap();
    assert_eq!(
        out.to_vec().unwrap(),
        vec![F::default(); n],
        "alloc gives zeros"
    );
    for op in [Op::Add, Op::Sub, Op::Mul] {
        let mut expect = vec![F::default(); n];
        ex.vec_op(op, a, b, &mut expect).unwrap();
        ex.device_op(op, &va, &vb, &mut out).unwrap();
        assert!(out.to_vec().unwrap() == expect, "{op:?}");
        let mut acc = ex.upload(a).unwrap();
        ex.device_op_in_place(op, &mut acc, &vb).unwrap();
        assert!(acc.to_vec().unwrap() == expect, "{op:?} in place");
    }
    let mut expect = vec![F::default(); n];
    ex.mad(a, b, c, &mut expect).unwrap();
    ex.device_mad(&va, &vb, &vc, &mut out).unwrap();
    let mut host = vec![F::default(); n];
    out.read(&mut host).unwrap();
    assert!(host == expect, "mad");
    out.write(a).unwrap();
    assert!(out.to_vec().unwrap() == a, "write");
}

fn run_all(ex: &Executor, seed: u64, n: usize) {
    let mut rng = Rng::new(seed);
    let (p, r) = (fp(), fr());
    let f: Vec<Vec<Fp>> = (0..3)
        .map(|_| (0..n).map(|_| Fp(p.random(&mut rng))).collect())
        .collect();
    check(ex, &f[0], &f[1], &f[2]);
    let f: Vec<Vec<Fr>> = (0..3)
        .map(|_| (0..n).map(|_| Fr(r.random(&mut rng))).collect())
        .collect();
    check(ex, &f[0], &f[1], &f[2]);
}

#[test]
fn ops_on_device_vectors() {
    run_all(&cpu(), 30, 1000);
}

#[test]
fn vulkan_ops_on_device_vectors() {
    if let Some(ex) = common::vulkan() {
        run_all(&ex, 31, 777);
    }
}

/// Pinned vectors are Fp slices that any call takes.
fn check_pinned(ex: &Executor, seed: u64) {
    let m = fp();
    let mut rng = Rng::new(seed);
    let n = 500;
    let (mut a, mut out) = (ex.alloc_pinned(n).unwrap(), ex.alloc_pinned(n).unwrap());
    assert_eq!(a.len(), n);
    assert!(a.iter().all(|x| *x == Fp::ZERO));
    a.iter_mut().for_each(|x| *x = Fp(m.random(&mut rng)));
    let b: Vec<Fp> = (0..n).map(|_| Fp(m.random(&mut rng))).collect();
    ex.vec_op(Op::Mul, &a, &b, &mut out).unwrap();
    for i in 0..n {
        assert_eq!(out[i].0, m.mont_mul(&a[i].0, &b[i].0));
    }
    println!("{}: pinned = {}", ex.backend_name(), a.is_pinned());
    assert!(ex.alloc_pinned(0).unwrap().is_empty());
}

#[test]
fn pinned_vectors() {
    check_pinned(&cpu(), 32);
    if let Some(ex) = common::vulkan() {
        check_pinned(&ex, 33);
    }
}

#[test]
fn errors() {
    let ex = cpu();
    let mut v = ex.upload(&[Fr::ONE; 4]).unwrap();
    let e = v.write(&[Fr::ONE; 3]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
    assert!(
        e.message().starts_with("gpuexec_device_vector_write: "),
        "{e}"
    );
    let e = v.read(&mut [Fr::ZERO; 5]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument, "{e}");
    let e = v.write(&[Fr(fr().m); 4]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NonCanonical, "{e}");
    let e = ex.upload(&[Fp(fp().m)]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NonCanonical, "{e}");
    // Sizes must agree; vectors belong to the executor that made them.
    let short = ex.upload(&[Fr::ONE; 3]).unwrap();
    let e = ex.device_op_in_place(Op::Add, &mut v, &short).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument, "{e}");
    let other = cpu();
    let theirs = other.upload(&[Fr::ONE; 4]).unwrap();
    let e = ex.device_op_in_place(Op::Add, &mut v, &theirs).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
    assert!(e.message().contains("another executor"), "{e}");
}
