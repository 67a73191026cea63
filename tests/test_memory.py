"""Handing freed heap back to the system (dashboard.memory)."""

import re
from pathlib import Path

from dashboard import memory


def _anonymous_bytes() -> int:
    rollup = Path("/proc/self/smaps_rollup").read_text()
    return int(re.search(r"^Anonymous:\s+(\d+) kB", rollup, re.M).group(1)) * 1024


def test_free_heap_is_read_and_handed_back_above_the_limit():
    kept = [bytearray(100_000) for _ in range(400)]  # 40 MB of blocks below mmap's threshold
    del kept[::2]  # half of them freed between live ones: 20 MB freed, held by malloc
    assert memory.free_heap_bytes() >= 15 * 2**20
    assert not memory.release_when_much_is_free(limit=1 << 40)
    before = _anonymous_bytes()
    assert memory.release_when_much_is_free(limit=10 * 2**20)
    assert before - _anonymous_bytes() >= 15 * 2**20  # the freed pages left the process
    assert len(kept) == 200


def test_a_look_happens_at_most_once_in_a_while(monkeypatch):
    looks = []
    monkeypatch.setattr(memory, "release_when_much_is_free", lambda: looks.append(1))
    clock = [100.0]
    monkeypatch.setattr(memory.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(memory, "_last_look", [0.0])
    for step in (0, 1, 9.5, 0.6, 20):
        clock[0] += step
        memory.release_now_and_then(every=10)
    assert len(looks) == 3  # at 100, at 110.1 and at 130.1
