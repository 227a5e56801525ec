"""The NTT against a naive DFT in Python ints (small n), round trips for larger n."""

import pytest
from conftest import R, values

import gpuexec


def root_of_unity(n):
    # 7 generates Fr*; r - 1 = 2^32 t, so 7^((r-1)/n) has order n for n | 2^32.
    w = pow(7, (R - 1) // n, R)
    assert pow(w, n, R) == 1 and (n == 1 or pow(w, n // 2, R) == R - 1)
    return w


def dft(xs, shift=1):
    n, w = len(xs), root_of_unity(len(xs))
    return [sum(x * pow(shift * pow(w, i, R), j, R) for j, x in enumerate(xs)) % R for i in range(n)]


def idft(ys, shift=1):
    n, w_inv = len(ys), pow(root_of_unity(len(ys)), -1, R)
    n_inv, s_inv = pow(n, -1, R), pow(shift, -1, R)
    return [
        pow(s_inv, j, R) * n_inv * sum(y * pow(w_inv, i * j, R) for i, y in enumerate(ys)) % R
        for j in range(n)
    ]


@pytest.mark.parametrize("n", [1, 2, 8, 32])
@pytest.mark.parametrize("shift", [None, 7])
def test_against_naive_dft(executor, rng, n, shift):
    xs = values(rng, n, R)
    s = 1 if shift is None else shift
    y = executor.ntt(gpuexec.fr_from_ints(xs), coset=shift)
    assert gpuexec.fr_to_ints(y) == dft(xs, s)
    x = executor.ntt(gpuexec.fr_from_ints(xs), inverse=True, coset=shift)
    assert gpuexec.fr_to_ints(x) == idft(xs, s)


def test_batch(cpu, rng):
    xs = values(rng, 32, R)
    y = cpu.ntt(gpuexec.fr_from_ints(xs), batch=4)
    assert gpuexec.fr_to_ints(y) == sum((dft(xs[k : k + 8]) for k in range(0, 32, 8)), [])


def test_round_trip_in_place(executor, rng):
    a = gpuexec.fr_from_ints(values(rng, 1 << 12, R))
    b = a.copy()
    assert executor.ntt(b, coset=5, out=b) is b
    assert not (a == b).all()
    executor.ntt(b, inverse=True, coset=5, out=b)
    assert (a == b).all()


def test_device_vector(executor, rng):
    xs = values(rng, 1 << 10, R)
    v = executor.upload(gpuexec.fr_from_ints(xs))
    assert executor.ntt(v, coset=3) is v
    assert (v.read() == executor.ntt(gpuexec.fr_from_ints(xs), coset=3)).all()
    executor.ntt(v, inverse=True, coset=3)
    assert gpuexec.fr_to_ints(v.read()) == xs


def test_errors(cpu):
    a = gpuexec.fr_from_ints(list(range(12)))
    with pytest.raises(gpuexec.InvalidArgument, match="ntt: the length 12 is not a power of two"):
        cpu.ntt(a)
    with pytest.raises(gpuexec.InvalidArgument, match="the coset shift is 0"):
        cpu.ntt(a[:8], coset=0)
    with pytest.raises(gpuexec.NonCanonical, match=r"coset is not in \[0, r\)"):
        cpu.ntt(a[:8], coset=R)
    with pytest.raises(gpuexec.InvalidArgument, match=r"data: expected shape \(n, 4\)"):
        cpu.ntt(gpuexec.fp_from_ints([1, 2]))
    with pytest.raises(gpuexec.InvalidArgument, match="the NTT is over fr"):
        cpu.ntt(cpu.upload(gpuexec.fp_from_ints([1, 2])))
    with pytest.raises(gpuexec.InvalidArgument, match="do not split into 3 vectors"):
        cpu.ntt(a[:8], batch=3)
