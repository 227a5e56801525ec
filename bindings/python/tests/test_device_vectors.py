"""Device vectors: round trips and ops that stay where the executor computes."""

import numpy as np
import pytest
from conftest import P, R, values

import gpuexec


def test_round_trip(executor, rng):
    a = gpuexec.fp_from_ints(values(rng, 33, P))
    v = executor.upload(a)
    assert (len(v), v.field) == (33, "fp")
    assert (v.read() == a).all()
    w = executor.allocate(33, "fr")
    b = gpuexec.fr_from_ints(values(rng, 33, R))
    w.write(b)
    assert w.field == "fr" and (w.read() == b).all()


@pytest.mark.parametrize("field", ["fp", "fr"])
def test_ops(executor, rng, field):
    m = P if field == "fp" else R
    encode = gpuexec.fp_from_ints if field == "fp" else gpuexec.fr_from_ints
    decode = gpuexec.fp_to_ints if field == "fp" else gpuexec.fr_to_ints
    xs, ys, zs = (values(rng, 45, m) for _ in range(3))
    a, b, c = (executor.upload(encode(v)) for v in (xs, ys, zs))
    assert decode(executor.sub(a, b).read()) == [(x - y) % m for x, y in zip(xs, ys)]
    out = executor.allocate(45, field)
    assert executor.mad(a, b, c, out=out) is out
    assert decode(out.read()) == [(x * y + z) % m for x, y, z in zip(xs, ys, zs)]
    executor.add(a, b, out=a)  # out may be an input
    assert decode(a.read()) == [(x + y) % m for x, y in zip(xs, ys)]


def test_errors(cpu, rng):
    v = cpu.upload(gpuexec.fr_from_ints([1, 2, 3]))
    with pytest.raises(gpuexec.InvalidArgument, match="device vector sizes differ"):
        cpu.add(v, cpu.allocate(2, "fr"))
    with pytest.raises(gpuexec.InvalidArgument, match="device vector fields differ"):
        cpu.add(v, cpu.allocate(3, "fp"))
    with pytest.raises(gpuexec.InvalidArgument, match="2 elements given, the vector holds 3"):
        v.write(gpuexec.fr_from_ints([1, 2]))
    with pytest.raises(gpuexec.InvalidArgument, match=r"values: expected shape \(n, 4\)"):
        v.write(gpuexec.fp_from_ints([1, 2, 3]))
    with pytest.raises(TypeError, match="b: expected a DeviceVector"):
        cpu.add(v, np.zeros((3, 4), dtype=np.uint64))
    other = gpuexec.Executor("cpu")
    with pytest.raises(gpuexec.InvalidArgument, match="belongs to another executor"):
        other.add(v, v)
