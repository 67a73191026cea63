"""`python -m dashboard template DIR`: one CSV per import file, its header and one example row.

The example rows refer to each other (the hub's host is the example partner,
and so on), so the folder as written imports cleanly into a migrated store.
Files are UTF-8 with a BOM, which Excel needs to show non-English names.
"""

import csv
from collections.abc import Iterable
from pathlib import Path

from dashboard.importer.columns import SPECS

ENCODING = "utf-8-sig"


class ExistingFiles(FileExistsError):
    """The folder already holds import files; they are never overwritten."""


def write_templates(folder: Path) -> list[Path]:
    """Write the six templates into `folder` (created if needed); return their paths."""
    paths = prepare(folder)
    for spec, path in zip(SPECS, paths, strict=True):
        write_csv(path, spec.columns, [spec.example])
    return paths


def prepare(folder: Path) -> list[Path]:
    """The six file paths in `folder`, refusing to overwrite any of them."""
    paths = [folder / spec.file_name for spec in SPECS]
    existing = [p.name for p in paths if p.exists()]
    if existing:
        raise ExistingFiles(
            f"{folder} already holds {', '.join(existing)}: choose an empty folder "
            "(files are never overwritten)."
        )
    if folder.exists() and not folder.is_dir():
        raise ExistingFiles(f"{folder} is a file, not a folder.")
    folder.mkdir(parents=True, exist_ok=True)
    return paths


def write_csv(path: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> int:
    """Write one import file; return the number of data rows."""
    count = 0
    with open(path, "w", encoding=ENCODING, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
