"""Import rate: `python -m dashboard import` of generated files into a fresh store of each kind.

The files come from `benchmarks.import_speed` (a small programme world and N distinct
attendance rows); they are written once into the bench folder and kept, since the
same files serve every run.
"""

from pathlib import Path
from typing import Any

from benchmarks.import_speed import generate, measure
from benchmarks.outside.stores import (
    drop_postgres,
    postgres_url,
    recreate_postgres,
    remove_sqlite,
)

IMPORT_DATABASE = "echo_bench_import"


def import_files(folder: Path, rows: int) -> Path:
    """The folder of import files with `rows` attendances, generated on first use."""
    files = folder / f"import-files-{rows}"
    done = files / ".complete"
    if not done.exists():
        print(f"[bench] writing import files with {rows:,} attendances", flush=True)
        generate(files, rows)
        done.touch()
    return files


def import_rate(kind: str, rows: int, folder: Path) -> dict[str, Any]:
    """Import `rows` attendances into a freshly migrated store of `kind`; the store is
    removed afterwards (it only existed to be written)."""
    files = import_files(folder, rows)
    print(f"[bench] importing {rows:,} attendances into a fresh {kind} store", flush=True)
    if kind == "sqlite":
        path = folder / "import-sqlite.db"
        remove_sqlite(path)
        url = f"sqlite:///{path}"
    else:
        recreate_postgres(IMPORT_DATABASE)
        url = postgres_url(IMPORT_DATABASE)
    try:
        result = measure(files, url)
    finally:
        if kind == "sqlite":
            remove_sqlite(path)
        else:
            drop_postgres(IMPORT_DATABASE)
    seconds = result["seconds"]
    return {
        "kind": kind,
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds),
        "max_rss_mb": round(result["max_rss_mb"]),
    }
