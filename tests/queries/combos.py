"""Filter combinations drawn from a World: single filters, pairs, and random mixes."""

import random
from datetime import date

from dashboard.vocabulary.filters import Filters
from tests.world import CADRES, DISEASES, World


def filter_combinations(world: World, count: int = 40, seed: int = 3) -> list[Filters]:
    rng = random.Random(seed)
    options = {
        "state": sorted(set(world.districts.values())),
        "district": sorted(world.districts),
        "partner": [p["partner_code"] for p in world.partners],
        "disease": list(DISEASES),
        "sector": ["health", "education", "other"],
        "cadre": list(CADRES),
        "hub": [h["hub_code"] for h in world.hubs],
        "program": [p["program_code"] for p in world.programs],
    }
    combos = [Filters(), Filters(date_from=date(2021, 4, 1), date_to=date(2022, 3, 31))]
    combos += [Filters(**{name: (values[0],)}) for name, values in options.items()]
    for _ in range(count):
        chosen = rng.sample(sorted(options), rng.randrange(1, 4))
        values = {name: tuple(rng.sample(options[name], rng.randrange(1, 3))) for name in chosen}
        if rng.random() < 0.4:
            values["date_from"] = date(2019 + rng.randrange(4), rng.randrange(1, 13), 1)
        combos.append(Filters(**values))
    return combos
