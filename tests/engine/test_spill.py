"""Arrays written to the engine's folder while it is built (dashboard.engine.spill)."""

import logging

import numpy as np

from dashboard.engine import spill
from dashboard.engine.spill import Spill, map_array
from tests.engine.mapped import is_mapped


def test_a_large_array_is_written_and_mapped_back_read_only(tmp_path, monkeypatch):
    monkeypatch.setattr(spill, "MIN_BYTES", 64)
    kept = Spill(tmp_path)
    original = np.arange(1000, dtype=np.int32).reshape(10, 100)
    mapped = kept.keep(original)
    assert mapped is not original
    np.testing.assert_array_equal(mapped, original)
    assert mapped.dtype == np.int32 and mapped.shape == (10, 100)
    assert is_mapped(mapped) and not mapped.flags.writeable
    assert kept.file_of(mapped) == "0.npy"
    np.testing.assert_array_equal(np.load(tmp_path / "0.npy"), original)
    assert kept.file_of(mapped.copy()) is None  # only the very array handed out
    kept.release()  # its pages leave the process; reading brings them back
    assert int(mapped.sum()) == int(original.sum())


def test_small_arrays_and_objects_stay_in_memory(tmp_path):
    kept = Spill(tmp_path)
    small = np.arange(10)
    names = np.array(["a", "b"], dtype=object)
    assert kept.keep(small) is small
    assert kept.keep(names) is names
    assert list(tmp_path.iterdir()) == []


def test_without_a_folder_nothing_is_written(monkeypatch):
    monkeypatch.setattr(spill, "MIN_BYTES", 0)
    array = np.arange(100)
    assert spill.IN_MEMORY.keep(array) is array
    assert spill.IN_MEMORY.file_of(array) is None


def test_a_full_disk_builds_on_in_memory_with_a_warning(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(spill, "MIN_BYTES", 0)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(spill.np, "save", full)
    kept = Spill(tmp_path)
    array = np.arange(100)
    with caplog.at_level(logging.WARNING, logger="echo.engine"):
        assert kept.keep(array) is array
        assert kept.keep(np.arange(5)) is not None
    assert kept.folder is None
    assert len(caplog.records) == 1 and "No space left" in caplog.text


def test_map_array_reads_empty_and_fortran_arrays(tmp_path):
    for name, array in [("empty", np.zeros(0, np.int64)), ("f", np.asfortranarray(np.eye(3)))]:
        np.save(tmp_path / f"{name}.npy", array)
        mapped, region = map_array(tmp_path / f"{name}.npy")
        np.testing.assert_array_equal(mapped, array)
        assert not region.closed
