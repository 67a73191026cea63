"""One engine per data version, mapped from files by every process (dashboard.engine.shared)."""

import dataclasses
import logging
import multiprocessing
import os
import pickle
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest

from dashboard import config
from dashboard.engine import core, shared, spill
from dashboard.engine import views as engine_views
from dashboard.engine.backend import IN_MEMORY, EngineBackend
from dashboard.engine.holder import EngineHolder
from dashboard.queries.backend import SqlBackend
from dashboard.queries.lookups import current_data_version
from dashboard.store.database import Store
from dashboard.store.migrate import migrate
from dashboard.store.writes import bump_data_version
from dashboard.vocabulary.filters import Filters
from tests.engine.compare import VIEW_OPTIONS, assert_every_view_equal, assert_same
from tests.engine.mapped import is_mapped
from tests.queries.combos import filter_combinations
from tests.world import make_world, write_world

COMBOS = filter_combinations(make_world(seed=7), count=4, seed=5)


@pytest.fixture
def engine_dir(tmp_path, monkeypatch) -> Path:
    """The engine folder; every array of a build goes through the spill, however small."""
    folder = tmp_path / "engines"
    monkeypatch.setenv("ECHO_ENGINE_DIR", str(folder))
    monkeypatch.setattr(shared, "_warned", set())
    monkeypatch.setattr(spill, "MIN_BYTES", 0)
    return folder


@pytest.fixture
def world_store(new_store):
    store = new_store("sqlite")
    write_world(store, make_world(seed=7))
    return store


def _arrays(value, path="engine"):
    """Every numpy array reachable through the engine's dataclasses, dicts and lists."""
    if isinstance(value, np.ndarray):
        yield path, value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            if not f.name.startswith("_"):
                yield from _arrays(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _arrays(item, f"{path}[{key!r}]")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _arrays(item, f"{path}[{i}]")


def _assert_mapped(engine) -> None:
    arrays = dict(_arrays(engine))
    assert len(arrays) > 20
    private = [path for path, array in arrays.items() if not is_mapped(array)]
    assert private == []
    assert not any(array.flags.writeable for array in arrays.values())


def _folders(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_dir())


def _no_build(*args):
    raise AssertionError("built the engine instead of mapping it")


def test_mapped_engine_answers_every_view_as_built(world_store, engine_dir):
    mapped = shared.obtain(world_store, engine_dir)
    _assert_mapped(mapped)
    built = core.load_engine(world_store)
    sql = SqlBackend(world_store)
    from_built, from_mapped = EngineBackend(lambda: built, sql), EngineBackend(lambda: mapped, sql)
    for name in IN_MEMORY:
        for options in VIEW_OPTIONS.get(name, [{}]):
            for filters in [Filters(), *COMBOS]:
                expected = getattr(from_built, name)(filters, **options)
                got = getattr(from_mapped, name)(filters, **options)
                assert_same(expected, got, f"{name} {filters}")
    for filters in [Filters(), *COMBOS[:2]]:
        assert_every_view_equal(world_store, mapped, filters)


def _saved_arrays(value):
    """The file names a saved skeleton refers to, once per reference."""
    if isinstance(value, shared._Array):
        yield value.file
    elif isinstance(value, shared._Instance):
        for item in value.fields.values():
            yield from _saved_arrays(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _saved_arrays(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _saved_arrays(item)


def test_a_build_writes_each_array_once_and_leaves_no_stray_file(
    world_store, engine_dir, monkeypatch
):
    written_while_building = []
    save = shared.save

    def counted(engine, target, spill):
        written_while_building.append(len(list(spill.folder.glob("*.npy"))))
        save(engine, target, spill)

    monkeypatch.setattr(shared, "save", counted)
    shared.obtain(world_store, engine_dir)
    (folder,) = (engine_dir / name for name in _folders(engine_dir))
    with open(folder / shared.SKELETON, "rb") as source:
        named = sorted(_saved_arrays(pickle.load(source)["engine"]))
    files = sorted(path.name for path in folder.glob("*.npy"))
    assert named == files  # each file named once: none written twice, none left over
    assert written_while_building[0] > 40  # most of them before the engine was saved


def test_second_worker_maps_what_the_first_built(world_store, engine_dir, monkeypatch):
    version = current_data_version(world_store)
    first = EngineHolder(world_store).get(version)
    _assert_mapped(first)  # the builder let its own copy go for the mapped one
    monkeypatch.setattr(core, "load_engine", _no_build)
    second = EngineHolder(world_store).get(version)
    assert second is not first
    _assert_mapped(second)
    assert second.kept_answers.keys() == first.kept_answers.keys() != set()
    assert engine_views.summary(second, Filters()) == engine_views.summary(first, Filters())
    assert len(_folders(engine_dir)) == 1


def test_a_store_rebuilt_with_the_same_version_is_not_served_stale_files(tmp_path, engine_dir):
    url = f"sqlite:///{tmp_path}/rebuilt.db"
    answers = []
    for seed in (7, 8):
        for leftover in tmp_path.glob("rebuilt.db*"):
            leftover.unlink()
        store = Store(url)
        try:
            migrate(store)
            write_world(store, make_world(seed=seed))
            assert current_data_version(store) == 1
            engine = EngineHolder(store).get(1)
            assert_every_view_equal(store, engine, Filters())
            answers.append(engine_views.summary(engine, Filters()))
        finally:
            store.dispose()
    assert answers[0] != answers[1]
    assert len(_folders(engine_dir)) == 2


def test_a_new_version_gets_its_own_folder_and_old_ones_go(world_store, engine_dir):
    engines = [shared.obtain(world_store, engine_dir)]
    seen = [_folders(engine_dir)]
    for _ in range(3):
        with world_store.transaction() as conn:
            bump_data_version(conn)
        time.sleep(0.01)  # distinct modification times
        engines.append(shared.obtain(world_store, engine_dir))
        seen.append(_folders(engine_dir))
    assert [e.version for e in engines] == [1, 2, 3, 4]
    assert [len(s) for s in seen] == [1, 2, 2, 2]
    assert [name.split("-")[1] for name in seen[-1]] == ["v3", "v4"]
    # an engine whose files were removed meanwhile still answers (mapped files live on)
    assert engine_views.summary(engines[0], Filters()) == engine_views.summary(
        engines[-1], Filters()
    )


def test_an_engine_read_while_the_store_was_written_is_not_saved(
    world_store, engine_dir, monkeypatch
):
    original = core.load_engine

    def written_meanwhile(store, *args):
        engine = original(store, *args)
        with store.transaction() as conn:
            bump_data_version(conn)
        return engine

    monkeypatch.setattr(core, "load_engine", written_meanwhile)
    engine = shared.obtain(world_store, engine_dir)
    assert engine.version == 1
    assert engine_views.summary(engine, Filters())["attendances"] > 0  # its files are gone
    assert [p.name for p in engine_dir.iterdir()] == [f"{shared.store_key(world_store.url)}.lock"]
    monkeypatch.setattr(core, "load_engine", original)
    assert shared.obtain(world_store, engine_dir).version == 2
    assert [name.split("-")[1] for name in _folders(engine_dir)] == ["v2"]


def test_a_damaged_folder_is_built_again(world_store, engine_dir):
    shared.obtain(world_store, engine_dir)
    (folder,) = (engine_dir / name for name in _folders(engine_dir))
    (folder / "0.npy").write_bytes(b"not an array")
    engine = shared.obtain(world_store, engine_dir)
    _assert_mapped(engine)
    assert_every_view_equal(world_store, engine, Filters())


def _obtain_in_child(url: str, root: str, log: str, barrier) -> None:
    """One worker process: count its builds in `log`, then answer a summary there too."""
    original = core.load_engine

    def slow_build(store, *args):
        with open(log, "a") as out:
            out.write(f"build {os.getpid()}\n")
        time.sleep(1.0)  # long enough for the other process to come and wait
        return original(store, *args)

    core.load_engine = slow_build
    store = Store(url)
    barrier.wait(timeout=60)
    engine = shared.obtain(store, Path(root))
    arrays = dict(_arrays(engine))
    mapped = all(is_mapped(a) for a in arrays.values())
    with open(log, "a") as out:
        out.write(f"done {mapped} {engine_views.summary(engine, Filters())['attendances']}\n")
    store.dispose()


def test_two_processes_at_once_build_only_once(world_store, engine_dir, tmp_path):
    log = tmp_path / "builds.log"
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(2)
    args = (world_store.url, str(engine_dir), str(log), barrier)
    children = [spawn.Process(target=_obtain_in_child, args=args) for _ in range(2)]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=120)
        assert child.exitcode == 0
    lines = log.read_text().splitlines()
    assert sum(line.startswith("build") for line in lines) == 1
    attendances = engine_views.summary(core.load_engine(world_store), Filters())["attendances"]
    assert (
        sorted(line for line in lines if line.startswith("done"))
        == [f"done True {attendances}"] * 2
    )
    assert len(_folders(engine_dir)) == 1


def test_an_unusable_folder_falls_back_to_memory_with_one_warning(
    world_store, tmp_path, monkeypatch, caplog
):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("ECHO_ENGINE_DIR", str(blocker / "engines"))
    monkeypatch.setattr(shared, "_warned", set())
    with caplog.at_level(logging.WARNING, logger="echo.engine"):
        for version in (1, 2):
            if version == 2:
                with world_store.transaction() as conn:
                    bump_data_version(conn)
            engine = EngineHolder(world_store).get(version)
            assert not any(is_mapped(a) for _, a in _arrays(engine))
            assert_every_view_equal(world_store, engine, Filters())
    assert len(caplog.records) == 1


def test_a_full_disk_falls_back_to_memory_and_leaves_nothing_behind(
    world_store, engine_dir, monkeypatch, caplog
):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shared.np, "save", full)
    with caplog.at_level(logging.WARNING, logger="echo.engine"):
        engine = EngineHolder(world_store).get(1)
    assert engine_views.summary(engine, Filters())["attendances"] > 0
    assert "No space left" in caplog.text
    assert [p.name for p in engine_dir.iterdir()] == [f"{shared.store_key(world_store.url)}.lock"]


def test_off_keeps_the_engine_in_memory(world_store, monkeypatch):
    monkeypatch.setenv("ECHO_ENGINE_DIR", "off")
    monkeypatch.setattr(shared, "obtain", _no_build)
    engine = EngineHolder(world_store).get(1)
    assert not any(is_mapped(a) for _, a in _arrays(engine))


def test_an_empty_store_is_not_saved(new_store, engine_dir):
    store = new_store("sqlite")
    engine = EngineHolder(store).get(0)
    assert engine.version == 0
    assert not engine_dir.exists() or _folders(engine_dir) == []


def test_postgresql_store_is_shared_too(new_store, engine_dir, monkeypatch):
    store = new_store("postgresql")
    write_world(store, make_world(seed=7))
    first = shared.obtain(store, engine_dir)
    monkeypatch.setattr(core, "load_engine", _no_build)
    second = shared.obtain(store, engine_dir)
    _assert_mapped(second)
    assert_every_view_equal(store, second, Filters())
    assert engine_views.summary(first, Filters()) == engine_views.summary(second, Filters())


def test_the_default_folder_is_the_users_own(monkeypatch):
    monkeypatch.delenv("ECHO_ENGINE_DIR", raising=False)
    folder = config.engine_dir()
    assert folder == Path(tempfile.gettempdir()) / f"echo-engine-{os.getuid()}"
    for off in ("off", "OFF", "0", "false"):
        monkeypatch.setenv("ECHO_ENGINE_DIR", off)
        assert config.engine_dir() is None
