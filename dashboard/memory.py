"""Handing memory back to the system, for servers that run for days (glibc only).

numpy's temporaries of a few MB come from malloc's heap; glibc keeps freed heap
for reuse and raises its threshold for mapping large blocks as it goes, so a
worker's memory settles at the high-water mark of its busiest query. A fixed
threshold maps every block above 256 KB and unmaps it when freed. Smaller freed
blocks pile up between live ones, past glibc's own trimming: a server hands them
back now and then (at ten million attendances, 70 MB less at the benchmark's peak
with no slower answers; after every answer, answers were slower).
"""

import contextlib
import ctypes
import time

M_TRIM_THRESHOLD = -1  # mallopt parameters, from glibc's malloc.h
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 256 * 1024
TRIM_THRESHOLD = 4 * 1024 * 1024
FREE_HEAP_LIMIT = 64 * 1024 * 1024
LOOK_SECONDS = 10.0


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


_HEAP_COUNTERS = "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"


class _HeapInfo(ctypes.Structure):
    """glibc's `struct mallinfo2`: ten counters, each a size_t."""

    _fields_ = [(name, ctypes.c_size_t) for name in _HEAP_COUNTERS.split()]


def free_heap_bytes() -> int:
    """Bytes freed but kept by malloc in every arena (0 where this cannot be read)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = _libc()
        libc.mallinfo2.restype = _HeapInfo
        return int(libc.mallinfo2().fordblks)
    return 0


def release_when_much_is_free(limit: int = FREE_HEAP_LIMIT) -> bool:
    """Give freed heap back when more than `limit` bytes of it sit unused: freed blocks
    between live ones are past glibc's own trimming, and a worker's threads each have
    an arena of their own."""
    if free_heap_bytes() <= limit:
        return False
    release_freed_memory()
    return True


_last_look = [0.0]  # when this process last looked (time.monotonic)


def release_now_and_then(every: float = LOOK_SECONDS) -> None:
    """`release_when_much_is_free`, at most once every `every` seconds per process."""
    now = time.monotonic()
    if now - _last_look[0] >= every:
        _last_look[0] = now
        release_when_much_is_free()
