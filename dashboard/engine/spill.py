"""Arrays written to the engine's folder as soon as they are built, and mapped back.

At ten million attendances the engine's arrays come to about 700 MB, and numbering
the pairs needs a few hundred MB of temporaries on top: a builder holding it all
in its heap peaked at 1.2 GB. With every finished array in its file, the builder
holds only what it is working on; `release` hands back the mapped pages it has read
(they stay in the page cache, which every process mapping the files shares, and
come back on the next read). `shared.save` then writes only what is not in a file yet.
"""

import dataclasses
import logging
import mmap
from pathlib import Path
from typing import TypeVar

import numpy as np

MIN_BYTES = 1 << 20  # smaller arrays stay in memory until the engine is saved

log = logging.getLogger("echo.engine")
Instance = TypeVar("Instance")


class Spill:
    """Where the arrays of an engine being built go; `Spill(None)` keeps them in memory."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._maps: list[mmap.mmap] = []
        self._files: dict[int, tuple[np.ndarray, str]] = {}
        self._written = 0

    def write(self, array: np.ndarray) -> str:
        """Write the array to a new file of the folder; its name."""
        name = f"{self._written}.npy"
        self._written += 1
        np.save(self.folder / name, np.ascontiguousarray(array), allow_pickle=False)
        return name

    def keep(self, array: np.ndarray) -> np.ndarray:
        """The array, mapped from its own file when it is large (read-only from now on)."""
        if self.folder is None or array.dtype.hasobject or array.nbytes < MIN_BYTES:
            return array
        try:
            name = self.write(array)
            mapped, region = map_array(self.folder / name)
        except OSError as error:  # disk full or gone: build on in memory
            log.warning("cannot write under %s (%s); building in memory", self.folder, error)
            self.folder = None
            return array
        self._maps.append(region)
        self._files[id(mapped)] = (mapped, name)
        self.release()
        return mapped

    def keep_fields(self, instance: Instance) -> Instance:
        """A copy of the dataclass instance with each of its arrays kept."""
        arrays = {
            f.name: self.keep(getattr(instance, f.name))
            for f in dataclasses.fields(instance)
            if isinstance(getattr(instance, f.name), np.ndarray)
        }
        return dataclasses.replace(instance, **arrays)

    def file_of(self, array: np.ndarray) -> str | None:
        """The name of the file this very array is mapped from, if it was kept here."""
        found = self._files.get(id(array))
        return found[1] if found is not None and found[0] is array else None

    def release(self) -> None:
        """Drop every mapped page from this process (they are read back when needed)."""
        for region in self._maps:
            if not region.closed:
                region.madvise(mmap.MADV_DONTNEED)


IN_MEMORY = Spill(None)


def map_array(path: Path) -> tuple[np.ndarray, mmap.mmap]:
    """A read-only array over a `.npy` file's data, and the mapping it lives in."""
    with open(path, "rb") as source:
        version = np.lib.format.read_magic(source)
        read_header = (
            np.lib.format.read_array_header_1_0
            if version == (1, 0)
            else np.lib.format.read_array_header_2_0
        )
        shape, fortran_order, dtype = read_header(source)
        offset = source.tell()
        region = mmap.mmap(source.fileno(), 0, access=mmap.ACCESS_READ)
    count = int(np.prod(shape, dtype=np.int64))
    array = np.frombuffer(region, dtype=dtype, count=count, offset=offset)
    return array.reshape(shape, order="F" if fortran_order else "C"), region
