//! A prover-style pipeline: two polynomials given by their evaluations on the domain of size n are
//! interpolated (iNTT), evaluated on a coset (coset NTT), multiplied point by point, interpolated
//! back from the coset (coset iNTT), and the product's coefficients committed to with an MSM over
//! a toy SRS [tau^i]G. The commitment is then checked against [p(tau)]G.
//!
//!     cargo run --offline --example pipeline -- [auto|cpu|vulkan] [log2 n]
use std::time::Instant;

use gpuexec::{Backend, Executor, Fp, Fr, G1Affine, G1Jacobian, NttOptions, Op, Result, Scalar};

/// BLS12-381's G1 generator (big-endian x, y).
const GX: &str = "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb";
const GY: &str = "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1";

/// The exponent of Fermat's inverse in Fp.
const P_MINUS_2: &str = "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaa9";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let backend = match args.get(1).map(String::as_str) {
        Some("cpu") => Backend::Cpu,
        Some("vulkan") => Backend::Vulkan,
        _ => Backend::Auto,
    };
    let log_n: u32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let n = 1usize << log_n;
    let ex = Executor::new(backend)?;
    println!("backend: {}, n = {n}", ex.backend_name());
    let mut clock = Instant::now();
    let mut lap = |what: &str| {
        println!(
            "  {what:<28} {:>8.1} ms",
            clock.elapsed().as_secs_f64() * 1e3
        );
        clock = Instant::now();
    };

    // Evaluations of a and b on the domain (any reduced values do).
    let a_evals: Vec<Fr> = (0..n as u64).map(|i| Fr::from_u64(i * i + 1)).collect();
    let b_evals: Vec<Fr> = (0..n as u64).map(|i| Fr::from_u64(3 * i + 7)).collect();
    let mut a = ex.upload(&a_evals)?;
    let mut b = ex.upload(&b_evals)?;
    lap("upload");

    // Coefficients, then evaluations on the coset 7 * domain; the data stays on the device.
    let shift = Fr::from_u64(7);
    for v in [&mut a, &mut b] {
        ex.ntt_device(v, &NttOptions::inverse())?;
        ex.ntt_device(v, &NttOptions::forward().coset(shift))?;
    }
    lap("iNTT + coset NTT (a, b)");
    // The product's coefficients, mod X^n - 7^n (a prover sizes the domain so that it fits).
    ex.device_op_in_place(Op::Mul, &mut a, &b)?;
    ex.ntt_device(&mut a, &NttOptions::inverse().coset(shift))?;
    let coeffs = a.to_vec()?;
    lap("mul + coset iNTT");

    // The toy SRS [tau^i]G, made on the CPU as a setup step (a prover would read it from a file):
    // powers of tau, a batch of MSMs of the generator alone, normalised to affine with Fp ops.
    let cpu = Executor::new(Backend::Cpu)?;
    let g = G1Affine {
        x: fp_hex(GX),
        y: fp_hex(GY),
    };
    let powers = powers_of(&cpu, Fr::from_u64(0x5eed), n)?;
    let srs = to_affine(&cpu, &msm_each(&cpu, g, &powers)?)?;
    G1Affine::check_all(&srs)?; // points from outside must be checked: the MSM does not
    lap("toy SRS (setup, CPU)");
    let bases = ex.msm_bases(&srs, 1)?; // kept where ex computes, for every later commitment
    lap("SRS upload");

    let scalars: Vec<Scalar> = coeffs.iter().map(|&c| c.into()).collect();
    let commitment = bases.msm(&scalars)?;
    lap("MSM (the commitment)");

    // p(tau) = sum c_i tau^i, then [p(tau)]G must be the commitment.
    let mut terms = vec![Fr::ZERO; n];
    cpu.vec_op(Op::Mul, &coeffs, &powers, &mut terms)?;
    let expect = cpu.msm(&[g], &[sum(&cpu, terms)?.into()])?;
    let ok = same_point(&cpu, &commitment, &expect)?;
    lap("check");
    println!(
        "commitment {} [p(tau)]G",
        if ok { "equals" } else { "DIFFERS FROM" }
    );
    if !ok {
        std::process::exit(1);
    }
    Ok(())
}

fn be_bytes(hex: &str) -> [u8; 48] {
    let mut bytes = [0u8; 48];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex");
    }
    bytes
}

fn fp_hex(hex: &str) -> Fp {
    Fp::from_be_bytes(&be_bytes(hex)).expect("a coordinate below p")
}

/// 1, x, x^2, ..., x^(n-1): each step multiplies the run so far by x^len.
fn powers_of(ex: &Executor, x: Fr, n: usize) -> Result<Vec<Fr>> {
    let mut p = vec![Fr::ONE];
    let mut step = x;
    while p.len() < n {
        let mut next = vec![Fr::ZERO; p.len()];
        ex.vec_op(Op::Mul, &p, &vec![step; p.len()], &mut next)?;
        p.extend_from_slice(&next);
        let s = [step];
        ex.vec_op(Op::Mul, &s, &s, std::slice::from_mut(&mut step))?;
    }
    p.truncate(n);
    Ok(p)
}

/// [s_i]G for every s_i: one batch of MSMs sharing the single point G.
fn msm_each(ex: &Executor, g: G1Affine, s: &[Fr]) -> Result<Vec<G1Jacobian>> {
    let scalars: Vec<Scalar> = s.iter().map(|&x| x.into()).collect();
    let mut out = vec![G1Jacobian::default(); s.len()];
    ex.msm_batch(&[g], &scalars, &mut out)?;
    Ok(out)
}

/// (x / z^2, y / z^3) for all points at once; z^-1 = z^(p-2) by square-and-multiply over the
/// whole vector (no point here is infinity).
fn to_affine(ex: &Executor, points: &[G1Jacobian]) -> Result<Vec<G1Affine>> {
    let z: Vec<Fp> = points.iter().map(|p| p.z).collect();
    let p_minus_2 = be_bytes(P_MINUS_2);
    let mut zinv = vec![Fp::ONE; z.len()];
    for bit in (0..381).rev().map(|i| p_minus_2[47 - i / 8] >> (i % 8) & 1) {
        let sq = zinv.clone();
        ex.vec_op(Op::Mul, &sq, &sq, &mut zinv)?;
        if bit == 1 {
            ex.vec_op_in_place(Op::Mul, &mut zinv, &z)?;
        }
    }
    let mut zinv2 = vec![Fp::ZERO; z.len()];
    ex.vec_op(Op::Mul, &zinv, &zinv, &mut zinv2)?;
    let (mut x, mut y): (Vec<Fp>, Vec<Fp>) = points.iter().map(|p| (p.x, p.y)).unzip();
    ex.vec_op_in_place(Op::Mul, &mut x, &zinv2)?;
    ex.vec_op_in_place(Op::Mul, &mut y, &zinv2)?;
    ex.vec_op_in_place(Op::Mul, &mut y, &zinv)?;
    Ok(x.into_iter()
        .zip(y)
        .map(|(x, y)| G1Affine { x, y })
        .collect())
}

/// The sum of a power-of-two number of elements, halving with vector adds.
fn sum(ex: &Executor, mut v: Vec<Fr>) -> Result<Fr> {
    while v.len() > 1 {
        let half = v.len() / 2;
        let (lo, hi) = v.split_at_mut(half);
        ex.vec_op_in_place(Op::Add, lo, hi)?;
        v.truncate(half);
    }
    Ok(v[0])
}

/// Whether two Jacobian points are one: X1 Z2^2 = X2 Z1^2 and Y1 Z2^3 = Y2 Z1^3.
fn same_point(ex: &Executor, p: &G1Jacobian, q: &G1Jacobian) -> Result<bool> {
    if p.is_infinity() || q.is_infinity() {
        return Ok(p.is_infinity() == q.is_infinity());
    }
    let z = [p.z, q.z];
    let (mut z2, mut z3) = ([Fp::ZERO; 2], [Fp::ZERO; 2]);
    ex.vec_op(Op::Mul, &z, &z, &mut z2)?;
    ex.vec_op(Op::Mul, &z2, &z, &mut z3)?;
    let (mut lhs, mut rhs) = ([Fp::ZERO; 2], [Fp::ZERO; 2]);
    ex.vec_op(Op::Mul, &[p.x, p.y], &[z2[1], z3[1]], &mut lhs)?;
    ex.vec_op(Op::Mul, &[q.x, q.y], &[z2[0], z3[0]], &mut rhs)?;
    Ok(lhs == rhs)
}
