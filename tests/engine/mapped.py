"""Whether an array lives in a mapped file or in the process's own heap."""

import mmap

import numpy as np


def is_mapped(array: np.ndarray) -> bool:
    """True when the array's memory is a mapped file (not the process's own heap)."""
    base = array
    while isinstance(base, np.ndarray):
        base = base.base
    if isinstance(base, memoryview):  # np.frombuffer over a mapping (spill.map_array)
        base = base.obj
    return isinstance(base, mmap.mmap)
