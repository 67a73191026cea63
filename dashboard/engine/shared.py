"""One engine per data version, shared by every process through memory-mapped files.

Under gunicorn each worker would otherwise read the store and hold its own copy of
the engine's arrays. Instead the first process to need a data version builds the
engine (one builder per store at a time, under `fcntl.flock`) into a temporary
folder: every large numpy array goes to its own `.npy` file as soon as it is made
(`dashboard.engine.spill`), the remaining arrays when it is done, and the rest
(scalars, lists, the small dimension frames) to one pickle; the folder is then
renamed into place at once.
Every process, the builder included, then maps those files read-only: the arrays
live once in the page cache whichever number of workers reads them, and a
recycled worker maps them in a moment instead of reading the store again.

A folder's name carries the store (hashed URL), its data version and a fingerprint
of (URL, version, written_at, engine code, boot): a store deleted and rebuilt with
the same version number gets another folder, as does a new release of the engine.
The newest two folders per store are kept. Any disk problem (folder unwritable,
disk full, a damaged file) logs one warning and falls back to an engine in memory.
"""

import dataclasses
import fcntl
import hashlib
import logging
import os
import pickle
import shutil
import stat
import uuid
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select

from dashboard.engine import views
from dashboard.engine.core import Engine, release_reading_memory
from dashboard.engine.spill import Spill, map_array
from dashboard.store.database import Store
from dashboard.store.schema import data_version

FORMAT = 1  # bump when the layout of a saved folder changes
KEEP = 2  # finished folders kept per store (the newest)
SKELETON = "engine.pkl"

log = logging.getLogger("echo.engine")
_warned: set[str] = set()


@dataclasses.dataclass(frozen=True)
class Fingerprint:
    """What identifies the data an engine was read from."""

    version: int
    written_at: str


def fingerprint(store: Store) -> Fingerprint | None:
    """The store's (version, written_at); None before its first write."""
    frame = store.read(select(data_version.c.version, data_version.c.written_at))
    if frame.empty or pd.isna(frame.iat[0, 1]):
        return None
    return Fingerprint(int(frame.iat[0, 0]), str(frame.iat[0, 1]))


def obtain(store: Store, root: Path) -> Engine:
    """The engine of the store's current data version, mapped from `root` (built and saved
    there first when no process did yet); an engine in memory when the disk cannot help."""
    if store.is_in_memory:  # each process has its own: nothing to share
        return views.load_prepared(store)
    found = fingerprint(store)
    if found is None:  # a store never written to: nothing worth sharing
        return views.load_prepared(store)
    if not _usable(root):
        return views.load_prepared(store)
    engine = _open(root / folder_name(store.url, found))
    if engine is not None:
        return engine
    lock = _lock(root / f"{store_key(store.url)}.lock")
    if lock is None:
        return views.load_prepared(store)
    try:
        return _build_or_open(store, root)
    finally:
        os.close(lock)  # lets go of the lock


def _build_or_open(store: Store, root: Path) -> Engine:
    """Under the store's lock: map what another process built meanwhile, else build."""
    found = fingerprint(store)  # the store may have moved on while this process waited
    if found is None:
        return views.load_prepared(store)
    target = root / folder_name(store.url, found)
    engine = _open(target)
    if engine is not None:
        return engine
    temporary = _temporary(target)
    try:
        return _build(store, found, target, temporary)
    finally:
        if temporary is not None:  # renamed into place by then, unless the build was not saved
            _remove(temporary)


def _build(store: Store, found: Fingerprint, target: Path, temporary: Path | None) -> Engine:
    """Build with every large array written into `temporary` as it is made; rename that
    folder into place as `target` and map it, or keep the build private when the store
    was written to meanwhile (its files, deleted, live on while mapped)."""
    spill = Spill(temporary)
    built = views.load_prepared(store, spill)
    if built.version != found.version or fingerprint(store) != found:
        return built  # written to while reading: its fingerprint is unknown, keep it private
    try:
        _remove(target)  # a damaged folder of the same name, if any
        if spill.folder is None:
            raise OSError(f"could not write into {temporary}")
        save(built, target, spill)
        _prune(target.parent, store_key(store.url), target)
    except Exception as error:  # a disk problem must never break a page
        _warn(target.parent, f"cannot save the engine under {target.parent}: {error}")
        return built
    mapped = _open(target)
    if mapped is None:
        return built
    del built
    release_reading_memory(store)
    return mapped


def _temporary(target: Path) -> Path | None:
    """A new private folder beside `target` to build into (None: build in memory)."""
    temporary = target.parent / f".{target.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
    try:
        temporary.mkdir(mode=0o700)
    except OSError as error:
        _warn(target.parent, f"cannot write under {target.parent}: {error}")
        return None
    return temporary


def store_key(url: str) -> str:
    return hashlib.sha1(url.encode()).hexdigest()[:16]


def folder_name(url: str, found: Fingerprint) -> str:
    identity = repr((FORMAT, url, found.version, found.written_at, CODE_ID, _boot_id()))
    digest = hashlib.sha1(identity.encode()).hexdigest()[:16]
    return f"{store_key(url)}-v{found.version}-{digest}"


def _code_id() -> str:
    """The engine's own source and the libraries that read the files back. Taken when
    this module is imported, with the rest of the engine: a server forking workers from a
    parent loaded before a new release was unpacked keeps the code id of what it runs."""
    digest = hashlib.sha1(f"{np.__version__} {pd.__version__}".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


CODE_ID = _code_id()


@cache
def _boot_id() -> str:
    """Files written before a reboot may be incomplete (never synced): do not trust them."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


# Saving and opening


@dataclasses.dataclass(frozen=True)
class _Array:
    """Stands for an array saved in its own file."""

    file: str


@dataclasses.dataclass(frozen=True)
class _Instance:
    """Stands for a dataclass instance: its class and its saved fields."""

    kind: type
    fields: dict[str, Any]


def save(engine: Engine, target: Path, spill: Spill) -> None:
    """Write the engine into `target` (which must not exist) atomically: into the spill's
    folder, which already holds the arrays written while building, then renamed."""
    folder = spill.folder
    try:
        skeleton = _encode(engine, spill)
        with open(folder / SKELETON, "wb") as out:
            pickle.dump({"format": FORMAT, "name": target.name, "engine": skeleton}, out, 5)
        os.rename(folder, target)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _encode(value: Any, spill: Spill) -> Any:
    """The value with every numeric array written to a file of the spill's folder (unless
    the spill wrote it already, while building) and replaced by its name.

    Walks dataclasses (fields named with a leading underscore are run-time state,
    left to their defaults), dicts, lists and tuples; anything else is pickled as is.
    """
    if isinstance(value, np.ndarray) and not value.dtype.hasobject:
        return _Array(spill.file_of(value) or spill.write(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {
            f.name: _encode(getattr(value, f.name), spill)
            for f in dataclasses.fields(value)
            if not f.name.startswith("_")
        }
        return _Instance(type(value), fields)
    if type(value) is dict:
        return {key: _encode(item, spill) for key, item in value.items()}
    if type(value) in (list, tuple):
        return type(value)(_encode(item, spill) for item in value)
    return value


def load(target: Path) -> Engine:
    """The engine saved in `target`, its arrays mapped read-only."""
    with open(target / SKELETON, "rb") as source:
        saved = pickle.load(source)
    if saved.get("format") != FORMAT or saved.get("name") != target.name:
        raise ValueError(f"{target} holds another engine")
    engine = _decode(saved["engine"], target)
    if not isinstance(engine, Engine):
        raise ValueError(f"{target} holds no engine")
    return engine


def _decode(value: Any, folder: Path) -> Any:
    if isinstance(value, _Array):
        return map_array(folder / value.file)[0]
    if isinstance(value, _Instance):
        return _rebuild(value.kind, {k: _decode(v, folder) for k, v in value.fields.items()})
    if type(value) is dict:
        return {key: _decode(item, folder) for key, item in value.items()}
    if type(value) in (list, tuple):
        return type(value)(_decode(item, folder) for item in value)
    return value


def _rebuild(kind: type, values: dict[str, Any]) -> Any:
    """An instance of the dataclass from its saved fields, the run-time ones at defaults."""
    fields = {f.name: f for f in dataclasses.fields(kind)}
    expected = {name for name in fields if not name.startswith("_")}
    if set(values) != expected:
        raise ValueError(f"saved {kind.__name__} has other fields than the code's")
    instance = kind(**{name: v for name, v in values.items() if fields[name].init})
    for name, v in values.items():
        if not fields[name].init:
            object.__setattr__(instance, name, v)
    return instance


def _open(target: Path) -> Engine | None:
    """The mapped engine of `target`, or None when it is missing or cannot be read."""
    if not target.is_dir():
        return None
    try:
        return load(target)
    except Exception as error:  # pruned meanwhile or damaged: build it again
        log.info("cannot map the engine in %s (%s)", target, error)
        return None


# The folder, its lock and its housekeeping


def _usable(root: Path) -> bool:
    """The folder exists (created if need be), is ours and no one else can write to it
    (the pickles in it are trusted)."""
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = root.stat()
        if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            _warn(root, f"{root} belongs to another user or others can write to it")
            return False
        if not os.access(root, os.W_OK | os.X_OK):
            _warn(root, f"{root} is not writable")
            return False
    except OSError as error:
        _warn(root, f"cannot use {root}: {error}")
        return False
    return True


def _lock(path: Path) -> int | None:
    """Wait for the store's lock (one builder at a time; the kernel lets go of it when a
    process dies) and return its descriptor, or None when it cannot be taken."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        _warn(path.parent, f"cannot lock {path}: {error}")
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError as error:
        os.close(fd)
        _warn(path.parent, f"cannot lock {path}: {error}")
        return None
    return fd


def _prune(root: Path, key: str, keep: Path) -> None:
    """Keep the newest KEEP finished folders of the store; drop its unfinished ones (the
    lock is held, so no process is writing them). A process still mapping a removed
    folder keeps reading it: the files live on until it unmaps them."""
    finished = []
    for entry in root.iterdir():
        if entry.name.startswith(f".{key}-") and entry.name.endswith(".tmp"):
            _remove(entry)
        elif entry.name.startswith(f"{key}-") and entry != keep and entry.is_dir():
            finished.append((entry.stat().st_mtime, entry.name, entry))
    for _, _, entry in sorted(finished, reverse=True)[KEEP - 1 :]:
        _remove(entry)


def _remove(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path, ignore_errors=True)


def _warn(root: Path, message: str) -> None:
    """One warning per folder and process; the engine then lives in memory."""
    if str(root) not in _warned:
        _warned.add(str(root))
        log.warning("%s; keeping the engine in this process's memory instead", message)
