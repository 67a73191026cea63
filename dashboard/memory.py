"""Handing memory back to the system, for servers that run for days (glibc only).

numpy's temporaries of a few MB come from malloc's heap; glibc keeps freed heap
for reuse and raises its threshold for mapping large blocks as it goes, so a
worker's memory settles at the high-water mark of its busiest query. A fixed
threshold maps every block above 256 KB and unmaps it when freed.
"""

import contextlib
import ctypes

M_TRIM_THRESHOLD = -1  # mallopt parameters, from glibc's malloc.h
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 256 * 1024
TRIM_THRESHOLD = 4 * 1024 * 1024


def _libc():
    return ctypes.CDLL(None)


def return_large_blocks_promptly() -> None:
    """Map large blocks outside the heap and keep at most a little free heap."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        libc = _libc()
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)


def release_freed_memory() -> None:
    """Give freed heap back now (after a large build)."""
    with contextlib.suppress(OSError, AttributeError):
        _libc().malloc_trim(0)
