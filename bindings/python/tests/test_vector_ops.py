"""Element-wise ops over host arrays against (a op b) % modulus in Python ints."""

import threading

import numpy as np
import pytest
from conftest import P, R, values

import gpuexec

FIELDS = {
    "fp": (P, gpuexec.fp_from_ints, gpuexec.fp_to_ints),
    "fr": (R, gpuexec.fr_from_ints, gpuexec.fr_to_ints),
}
OPS = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b}


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("op", OPS)
def test_binary_ops(executor, rng, field, op):
    m, encode, decode = FIELDS[field]
    xs, ys = values(rng, 67, m), values(rng, 67, m)[::-1]
    out = getattr(executor, op)(encode(xs), encode(ys))
    assert decode(out) == [OPS[op](x, y) % m for x, y in zip(xs, ys)]


@pytest.mark.parametrize("field", FIELDS)
def test_mad(executor, rng, field):
    m, encode, decode = FIELDS[field]
    xs, ys, zs = (values(rng, 50, m) for _ in range(3))
    out = executor.mad(encode(xs), encode(ys), encode(zs))
    assert decode(out) == [(x * y + z) % m for x, y, z in zip(xs, ys, zs)]


def test_out_and_strided_inputs(cpu, rng):
    xs, ys = values(rng, 40, P), values(rng, 40, P)
    a, b = gpuexec.fp_from_ints(xs), gpuexec.fp_from_ints(ys)
    out = np.empty_like(a)
    assert cpu.add(a, b, out=out) is out
    assert gpuexec.fp_to_ints(out) == [(x + y) % P for x, y in zip(xs, ys)]
    cpu.mul(a, b, out=a)  # out may be an input exactly
    assert gpuexec.fp_to_ints(a) == [x * y % P for x, y in zip(xs, ys)]
    c = cpu.sub(b[::2], b[1::2])  # strided views are copied
    assert gpuexec.fp_to_ints(c) == [(x - y) % P for x, y in zip(ys[::2], ys[1::2])]


def test_errors_carry_the_library_message(cpu):
    a, b = gpuexec.fr_from_ints([1, 2, 3]), gpuexec.fr_from_ints([1, 2])
    with pytest.raises(gpuexec.InvalidArgument, match="vector sizes differ: a has 3, b 2"):
        cpu.add(a, b)
    with pytest.raises(ValueError, match=r"b: expected shape \(n, 4\), got \(3, 6\)"):
        cpu.add(a, gpuexec.fp_from_ints([1, 2, 3]))  # fields never mix
    bad = a.copy()
    bad[2] = [2**64 - 1] * 4
    with pytest.raises(gpuexec.NonCanonical, match=r"b\[2\] is not reduced \(limbs >= r\)"):
        cpu.mul(a, bad)
    with pytest.raises(TypeError, match="dtype uint64"):
        cpu.add(a.astype(np.int64), a)
    with pytest.raises(gpuexec.InvalidArgument, match=r"\(n, 6\) for Fp or \(n, 4\) for Fr"):
        cpu.add(np.zeros((3, 5), dtype=np.uint64), a)
    with pytest.raises(gpuexec.InvalidArgument, match="out: has 2 elements, expected 3"):
        cpu.add(a, a, out=np.zeros((2, 4), dtype=np.uint64))
    with pytest.raises(gpuexec.InvalidArgument, match="backend: expected"):
        gpuexec.Executor("cuda")
    assert issubclass(gpuexec.NonCanonical, gpuexec.Error)


def test_threads_share_one_executor(cpu, rng):
    # Executor calls may come from any thread at once; the GIL is released while they run.
    xs = values(rng, 1 << 14, R)
    a = gpuexec.fr_from_ints(xs)
    want = gpuexec.fr_to_ints(cpu.mul(a, a))
    results = [None] * 4

    def work(k):
        for _ in range(10):
            results[k] = cpu.mul(a, a)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(gpuexec.fr_to_ints(r) == want for r in results)
