"""In-process benchmark of the engine: load time, peak RSS, per-view cold times.

Usage: python -m benchmarks.bench --db URL [--db URL ...]. Times one page load
(every question the engine answers) for typical filter combinations; the HTTP/browser parts of
issue #6 are not measured here yet.
"""

import argparse
import resource
import time
from datetime import date

from dashboard.engine import load_engine
from dashboard.engine.backend import IN_MEMORY, EngineBackend
from dashboard.queries.backend import SqlBackend
from dashboard.store.database import Store
from dashboard.vocabulary.filters import Filters


def combinations(engine) -> dict[str, Filters]:
    dims = engine.dims
    district = dims.districts.loc[dims.districts.state_code == 29, "district_code"].iloc[0]
    return {
        "none": Filters(),
        "state": Filters(state=(29,)),
        "state+district": Filters(state=(29,), district=(district,)),
        "partner": Filters(partner=(dims.partners.partner_code.iloc[0],)),
        "dates": Filters(date_from=date(2020, 1, 1), date_to=date(2022, 12, 31)),
        "hub": Filters(hub=(dims.hubs.hub_code.iloc[0],)),
        "disease+cadre": Filters(
            disease=(dims.diseases.disease_area.iloc[0],), cadre=(engine.facts.cadres[0],)
        ),
    }


def measure(url: str) -> list[str]:
    started = time.perf_counter()
    store = Store(url)
    engine = load_engine(store)
    lines = [f"## {url}", "", f"load {time.perf_counter() - started:.1f} s", ""]
    lines += ["| filters | page total ms | " + " | ".join(IN_MEMORY) + " |"]
    lines += ["|---" * (len(IN_MEMORY) + 2) + "|"]
    backend = EngineBackend(lambda: engine, SqlBackend(store))
    for label, filters in combinations(engine).items():
        times = []
        for name in IN_MEMORY:
            question = getattr(backend, name)
            start = time.perf_counter()
            question(filters)
            times.append((time.perf_counter() - start) * 1000)
        cells = " | ".join(f"{t:.0f}" for t in times)
        lines.append(f"| {label} | {sum(times):.0f} | {cells} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return [*lines, "", f"peak RSS {peak} MB", ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", action="append", required=True)
    for url in parser.parse_args().db:
        print("\n".join(measure(url)))


if __name__ == "__main__":
    main()
