"""Python ints <-> limb arrays. Values are range-checked here, where the index is known; the
Montgomery arithmetic is the library's (fp_to_montgomery and friends)."""

import operator

import numpy as np

from . import _gpuexec
from ._gpuexec import NonCanonical, g1_to_affine


def _from_limbs(limbs):
    return sum(limb << (64 * i) for i, limb in enumerate(limbs))


FP_MODULUS = _from_limbs(_gpuexec._FP_MODULUS)  # p
FR_MODULUS = _from_limbs(_gpuexec._FR_MODULUS)  # r


def _plain(values, limbs, bound, bound_name, name):
    """(n, limbs) uint64 plain little-endian limbs of ints in [0, bound)."""
    values = [operator.index(v) for v in values]  # ints, numpy ints; TypeError otherwise
    for i, v in enumerate(values):
        if not 0 <= v < bound:
            raise NonCanonical(f"{name}[{i}] is not in [0, {bound_name})")
    data = b"".join(v.to_bytes(8 * limbs, "little") for v in values)
    return np.frombuffer(data, dtype=np.uint64).reshape(len(values), limbs).copy()


def _ints(plain):
    data, width = plain.tobytes(), 8 * plain.shape[1]
    return [int.from_bytes(data[i : i + width], "little") for i in range(0, len(data), width)]


def fp_from_ints(values, name="values"):
    """Ints in [0, p) -> (n, 6) Montgomery limbs; NonCanonical (a ValueError) names the index."""
    return _gpuexec.fp_to_montgomery(_plain(values, 6, FP_MODULUS, "p", name), name)


def fp_to_ints(a, name="values"):
    """(n, 6) Montgomery limbs -> list of ints."""
    return _ints(_gpuexec.fp_from_montgomery(a, name))


def fr_from_ints(values, name="values"):
    """Ints in [0, r) -> (n, 4) Montgomery limbs; NonCanonical (a ValueError) names the index."""
    return _gpuexec.fr_to_montgomery(_plain(values, 4, FR_MODULUS, "r", name), name)


def fr_to_ints(a, name="values"):
    """(n, 4) Montgomery limbs -> list of ints."""
    return _ints(_gpuexec.fr_from_montgomery(a, name))


def scalars_from_ints(values, name="scalars"):
    """Ints in [0, 2^256) -> (n, 4) MSM scalars (plain limbs, not Montgomery). An Fr array
    becomes scalars with fr_from_montgomery instead."""
    return _plain(values, 4, 1 << 256, "2^256", name)


def g1_from_ints(points, name="points"):
    """(x, y) int pairs, None for infinity -> (n, 2, 6) affine Montgomery points. Coordinates
    are range-checked, not the curve: see check_points."""
    coords = []
    for i, point in enumerate(points):
        x, y = (0, 0) if point is None else point
        if not (0 <= x < FP_MODULUS and 0 <= y < FP_MODULUS):
            raise NonCanonical(f"{name}[{i}] has a coordinate not in [0, p)")
        coords += (x, y)
    return fp_from_ints(coords, name).reshape(-1, 2, 6)


def g1_to_ints(points):
    """(n, 2, 6) affine or (n, 3, 6) Jacobian points -> list of (x, y) int pairs, None for
    infinity."""
    points = np.asarray(points)
    if points.ndim == 3 and points.shape[1] == 3:
        points = g1_to_affine(points)
    coords = fp_to_ints(np.ascontiguousarray(points).reshape(-1, 6), "points")
    pairs = zip(coords[0::2], coords[1::2])
    return [None if (x, y) == (0, 0) else (x, y) for x, y in pairs]
