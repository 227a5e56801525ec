#!/usr/bin/env python3
"""A prover's pipeline on gpuexec: Groth16's quotient h = (a b - c) / Z and its commitment.

a, b, c are evaluations over the domain D of the n-th roots of unity, with c = a * b on D, so
a b - c vanishes on D and Z(x) = x^n - 1 divides it:
  1. iNTT: the coefficients of a, b and c;
  2. coset NTT: their values on the coset g D, where Z is the constant g^n - 1;
  3. element-wise: (a b - c) (g^n - 1)^-1 on the coset;
  4. coset iNTT: the coefficients of h (degree n - 2);
  5. MSM: sum_i h_i [tau^i] G = [h(tau)] G over an SRS of powers of tau.
Steps 1 to 4 stay in device vectors. The result is checked with Python ints: h(tau) Z(tau) =
a(tau) b(tau) - c(tau), and the commitment against [h(tau)] G.

usage: pipeline.py [--backend auto|cpu|vulkan] [--log-n 12]
"""

import argparse
import random
import time

import numpy as np

import gpuexec

R = gpuexec.FR_MODULUS
SHIFT = 7  # generates Fr*, so g D misses D


def horner(coeffs, x):
    acc = 0
    for c in reversed(coeffs):
        acc = (acc * x + c) % R
    return acc


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="auto", choices=["auto", "cpu", "vulkan"])
    parser.add_argument("--log-n", type=int, default=12)
    args = parser.parse_args()
    n, rng = 1 << args.log_n, random.Random(21)
    ex = gpuexec.Executor(args.backend)
    print(f"backend {ex.backend_name}, n = {n}")
    steps = []

    def step(name, start):
        steps.append(f"{name} {1e3 * (time.perf_counter() - start):.1f} ms")

    # The SRS [tau^i] G, made with the library: n MSMs of one point each (a set per MSM).
    t = time.perf_counter()
    tau = rng.randrange(R)
    powers = [pow(tau, i, R) for i in range(n)]
    g = gpuexec.g1_generator()
    srs_jacobian = ex.msm(np.repeat(g, n, axis=0), gpuexec.scalars_from_ints(powers), batch=n)
    srs = ex.upload_bases(gpuexec.g1_to_affine(srs_jacobian))
    step("srs", t)

    a = [rng.randrange(R) for _ in range(n)]
    b = [rng.randrange(R) for _ in range(n)]
    c = [x * y % R for x, y in zip(a, b)]
    va, vb, vc = (ex.upload(gpuexec.fr_from_ints(v)) for v in (a, b, c))

    t = time.perf_counter()
    for v in (va, vb, vc):
        ex.ntt(v, inverse=True)  # 1. coefficients
    coeffs = [gpuexec.fr_to_ints(v.read()) for v in (va, vb, vc)]  # kept for the check only
    for v in (va, vb, vc):
        ex.ntt(v, coset=SHIFT)  # 2. values on the coset
    z_inv = pow(pow(SHIFT, n, R) - 1, -1, R)
    h = ex.mul(va, vb)  # 3. (a b - c) / Z on the coset
    ex.sub(h, vc, out=h)
    ex.mul(h, ex.upload(gpuexec.fr_from_ints([z_inv] * n)), out=h)
    ex.ntt(h, inverse=True, coset=SHIFT)  # 4. coefficients of h
    h_coeffs = h.read()
    step("ntt pipeline", t)

    t = time.perf_counter()
    commitment = ex.msm(srs, gpuexec.fr_from_montgomery(h_coeffs))  # 5.
    step("msm", t)

    hs = gpuexec.fr_to_ints(h_coeffs)
    a_t, b_t, c_t = (horner(cs, tau) for cs in coeffs)
    h_t = horner(hs, tau)
    assert hs[-1] == 0, "h has degree n - 2"
    assert h_t * (pow(tau, n, R) - 1) % R == (a_t * b_t - c_t) % R, "h Z != a b - c at tau"
    want = ex.msm(g, gpuexec.scalars_from_ints([h_t]))
    assert gpuexec.g1_to_ints(commitment) == gpuexec.g1_to_ints(want), "commitment"
    print("; ".join(steps))
    print("ok: h(tau) Z(tau) = a(tau) b(tau) - c(tau), commitment = [h(tau)] G")


if __name__ == "__main__":
    main()
