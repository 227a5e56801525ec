"""MSMs against G1 arithmetic in Python ints: affine double-and-add on y^2 = x^3 + 4 over p."""

import numpy as np
import pytest
from conftest import P, R

import gpuexec

# The standard generator (zcash / IETF), written out here rather than read from the library.
G = (
    0x17F1D3A73197D7942695638C4FA9AC0FC3688C4F9774B905A14E3A3F171BAC586C55E83FF97A1AEFFB3AF00ADB22C6BB,
    0x08B3F481E3AAA0F1A09E30ED741D8AE4FCF5E095D5D00AF600DB18CB2C04B3EDD03CC744A2888AE40CAA232946C5E7E1,
)


def add(a, b):
    """Affine addition, None for infinity."""
    if a is None:
        return b
    if b is None:
        return a
    (x1, y1), (x2, y2) = a, b
    if x1 == x2 and (y1 + y2) % P == 0:
        return None
    if a == b:
        lam = 3 * x1 * x1 * pow(2 * y1, -1, P)
    else:
        lam = (y2 - y1) * pow(x2 - x1, -1, P)
    x3 = (lam * lam - x1 - x2) % P
    return x3, (lam * (x1 - x3) - y1) % P


def mul(k, a):
    acc = None
    for bit in bin(k)[2:]:
        acc = add(acc, acc)
        if bit == "1":
            acc = add(acc, a)
    return acc


def on_curve(a):
    x, y = a
    return (y * y - x**3 - 4) % P == 0


def test_generator():
    assert on_curve(G) and mul(R, G) is None
    assert gpuexec.g1_to_ints(gpuexec.g1_generator()) == [G]


def msm_case(rng, n):
    """Points [k_i] G (one at infinity), scalars of any 256 bits: the sum is [sum s_i k_i] G."""
    ks = [rng.randrange(1, 2**64) for _ in range(n - 1)] + [0]
    scalars = [0, R, 2**256 - 1] + [rng.randrange(2**256) for _ in range(n - 3)]
    points = [mul(k, G) for k in ks]
    want = mul(sum(s * k for s, k in zip(scalars, ks)) % R, G)
    return gpuexec.g1_from_ints(points), gpuexec.scalars_from_ints(scalars), want


def test_msm(executor, rng):
    points, scalars, want = msm_case(rng, 8)
    out = executor.msm(points, scalars)
    assert out.shape == (1, 3, 6)
    assert gpuexec.g1_to_ints(out) == [want]


def test_batch_and_bases(cpu, rng):
    points, s1, want1 = msm_case(rng, 6)
    s2 = gpuexec.scalars_from_ints([0] * 6)  # every term zero: infinity
    shared = cpu.msm(points, np.concatenate([s1, s2]), batch=2)
    assert gpuexec.g1_to_ints(shared) == [want1, None]
    p2, s3, want3 = msm_case(rng, 6)  # one set of points per MSM
    both = cpu.msm(np.concatenate([points, p2]), np.concatenate([s1, s3]), batch=2)
    assert gpuexec.g1_to_ints(both) == [want1, want3]
    bases = cpu.upload_bases(points)
    assert len(bases) == 6
    assert gpuexec.g1_to_ints(cpu.msm(bases, s1)) == [want1]


def test_scalars_from_fr(cpu, rng):
    # An Fr vector (NTT output, say) becomes MSM scalars through fr_from_montgomery.
    xs = [rng.randrange(R) for _ in range(4)]
    scalars = gpuexec.fr_from_montgomery(gpuexec.fr_from_ints(xs))
    out = cpu.msm(gpuexec.g1_from_ints([G] * 4), scalars)
    assert gpuexec.g1_to_ints(out) == [mul(sum(xs) % R, G)]


def test_check_points(rng):
    gpuexec.check_points(gpuexec.g1_from_ints([G, None]))
    with pytest.raises(gpuexec.InvalidArgument, match=r"pts\[1\] is not on the curve"):
        gpuexec.check_points(gpuexec.g1_from_ints([G, (1, 2)]), "pts")
    # A point of the curve outside G1 (the cofactor is large: almost any x gives one).
    x = next(x for x in range(1, 100) if pow(x**3 + 4, (P - 1) // 2, P) == 1)
    y = pow(x**3 + 4, (P + 1) // 4, P)
    with pytest.raises(gpuexec.InvalidArgument, match=r"points\[0\] is not in the subgroup G1"):
        gpuexec.check_points(gpuexec.g1_from_ints([(x, y)]))


def test_errors(cpu):
    points = gpuexec.g1_from_ints([G, G])
    with pytest.raises(gpuexec.InvalidArgument, match="msm: 3 scalars and 2 points"):
        cpu.msm(points, gpuexec.scalars_from_ints([1, 2, 3]))
    with pytest.raises(gpuexec.InvalidArgument, match=r"scalars: expected shape \(n, 4\)"):
        cpu.msm(points, np.zeros((2, 6), dtype=np.uint64))
    bad = points.copy()
    bad[1, 1] = [2**64 - 1] * 6
    with pytest.raises(gpuexec.NonCanonical, match=r"points\[1\] has a coordinate not below p"):
        cpu.msm(bad, gpuexec.scalars_from_ints([1, 2]))
    with pytest.raises(gpuexec.InvalidArgument, match="precompute must be at least 1"):
        cpu.upload_bases(points, precompute=0)
