"""BLS12-381 arithmetic on Vulkan devices and the CPU: Fp / Fr vector ops, the Fr NTT, G1 MSMs.

Arrays are numpy uint64, Montgomery limbs little-endian: (n, 6) for Fp, (n, 4) for Fr; G1 points
(n, 2, 6) affine, MSM results (n, 3, 6) Jacobian; MSM scalars (n, 4) plain integers. The *_ints
helpers convert from and to Python ints. See bindings/python/README.md.
"""

from ._gpuexec import (
    DeviceLost,
    DeviceVector,
    Error,
    Executor,
    Internal,
    InvalidArgument,
    MsmBases,
    NoDevice,
    NonCanonical,
    OutOfMemory,
    __version__,
    check_points,
    check_reduced,
    fp_from_montgomery,
    fp_to_montgomery,
    fr_from_montgomery,
    fr_to_montgomery,
    g1_generator,
    g1_to_affine,
)
from ._ints import (
    FP_MODULUS,
    FR_MODULUS,
    fp_from_ints,
    fp_to_ints,
    fr_from_ints,
    fr_to_ints,
    g1_from_ints,
    g1_to_ints,
    scalars_from_ints,
)

__all__ = [name for name in dir() if not name.startswith("_")] + ["__version__"]
