"""Python ints <-> limb arrays, checked against Python's own arithmetic."""

import numpy as np
import pytest
from conftest import P, R, values

import gpuexec


def limbs(x, n):
    return [(x >> (64 * i)) & (2**64 - 1) for i in range(n)]


def test_moduli():
    assert gpuexec.FP_MODULUS == P
    assert gpuexec.FR_MODULUS == R


def test_montgomery_form_is_x_times_2_pow_bits(rng):
    xs = values(rng, 20, P)
    a = gpuexec.fp_from_ints(xs)
    assert a.dtype == np.uint64 and a.shape == (20, 6)
    assert a.tolist() == [limbs(x * 2**384 % P, 6) for x in xs]
    ys = values(rng, 20, R)
    assert gpuexec.fr_from_ints(ys).tolist() == [limbs(y * 2**256 % R, 4) for y in ys]
    # docs/API.md: 1 is R mod p / R mod r.
    assert gpuexec.fp_from_ints([1])[0, 0] == 0x760900000002FFFD
    assert gpuexec.fr_from_ints([1])[0, 0] == 0x00000001FFFFFFFE


def test_round_trips(rng):
    xs, ys = values(rng, 100, P), values(rng, 100, R)
    assert gpuexec.fp_to_ints(gpuexec.fp_from_ints(xs)) == xs
    assert gpuexec.fr_to_ints(gpuexec.fr_from_ints(ys)) == ys
    assert gpuexec.fp_to_ints(gpuexec.fp_from_ints([])) == []
    plain = gpuexec.fr_from_montgomery(gpuexec.fr_from_ints(ys))
    assert plain.tolist() == [limbs(y, 4) for y in ys]
    assert (gpuexec.fr_to_montgomery(plain) == gpuexec.fr_from_ints(ys)).all()


def test_values_out_of_range_name_the_index():
    for bad in (P, P + 1, -1):
        with pytest.raises(gpuexec.NonCanonical, match=r"values\[2\]"):
            gpuexec.fp_from_ints([0, 1, bad])
    with pytest.raises(ValueError, match=r"xs\[1\] is not in \[0, r\)"):
        gpuexec.fr_from_ints([5, R], name="xs")
    with pytest.raises(TypeError):
        gpuexec.fp_from_ints([1.5])


def test_unreduced_limbs_are_refused():
    a = np.zeros((3, 6), dtype=np.uint64)
    a[1] = limbs(P, 6)
    with pytest.raises(gpuexec.NonCanonical, match=r"values\[1\] is not reduced"):
        gpuexec.fp_to_ints(a)
    with pytest.raises(gpuexec.NonCanonical, match=r"values\[1\] is not below p"):
        gpuexec.fp_to_montgomery(a)
    with pytest.raises(gpuexec.NonCanonical, match=r"v\[1\]"):
        gpuexec.check_reduced(a, "v")
    gpuexec.check_reduced(np.zeros((3, 4), dtype=np.uint64))


def test_bad_arrays():
    with pytest.raises(TypeError, match="dtype uint64, got int64"):
        gpuexec.fp_to_ints(np.zeros((2, 6), dtype=np.int64))
    with pytest.raises(TypeError, match="numpy uint64 array, got list"):
        gpuexec.fp_to_ints([[0] * 6])
    with pytest.raises(gpuexec.InvalidArgument, match=r"expected shape \(n, 6\), got \(2, 4\)"):
        gpuexec.fp_to_ints(np.zeros((2, 4), dtype=np.uint64))


def test_scalars():
    s = gpuexec.scalars_from_ints([0, 2**256 - 1, R])
    assert s.tolist() == [[0] * 4, [2**64 - 1] * 4, limbs(R, 4)]
    with pytest.raises(ValueError, match=r"scalars\[0\]"):
        gpuexec.scalars_from_ints([2**256])


def test_points(rng):
    pts = [(rng.randrange(P), rng.randrange(P)), None]
    a = gpuexec.g1_from_ints(pts)
    assert a.shape == (2, 2, 6) and not a[1].any()
    assert gpuexec.g1_to_ints(a) == pts
    with pytest.raises(gpuexec.NonCanonical, match=r"points\[1\]"):
        gpuexec.g1_from_ints([None, (1, P)])
