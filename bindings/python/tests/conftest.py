"""Shared fixtures: executors on the CPU and (where there is a device) on Vulkan, the moduli as
literals (not read from the library), and random values with the edge cases first."""

import random

import pytest

import gpuexec

P = 0x1A0111EA397FE69A4B1BA7B6434BACD764774B84F38512BF6730D2A0F6B0F6241EABFFFEB153FFFFB9FEFFFFFFFFAAAB
R = 0x73EDA753299D7D483339D80809A1D80553BDA402FFFE5BFEFFFFFFFF00000001


@pytest.fixture(scope="session")
def cpu():
    return gpuexec.Executor("cpu")


@pytest.fixture(scope="session")
def vulkan():
    try:
        return gpuexec.Executor("vulkan")
    except gpuexec.NoDevice as e:
        pytest.skip(f"no Vulkan device: {e}")


@pytest.fixture(params=["cpu", "vulkan"])
def executor(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def rng():
    return random.Random(381)


def values(rng, n, modulus):
    """n values mod modulus: 0, 1, modulus - 1, then random ones."""
    edges = [0, 1, modulus - 1]
    return (edges + [rng.randrange(modulus) for _ in range(n)])[:n]
