"""Generate the demo data set as pandas frames, deterministically from a seed.

The shape follows ECHO India's published figures (reference README, section 3):
hubs at real institutions, programmes of 12-24 weekly or fortnightly sessions
since 2008 with a COVID-19 surge, participants in a handful of spoke districts
of the hub's state, about 2.7 attendances per participant, attendance falling
off over a series, and remote districts never reached. Everything that grows
with the requested number of attendances is vectorised with numpy so that ten
million attendances stay within memory and seconds.

Each stage draws from its own random stream, so the hubs' coordinates do not
move when the requested scale changes.
"""

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard.demo import catalogue as cat
from dashboard.geography import tables
from dashboard.geography.tables import DistrictResolver

PROGRAMS_PER_MILLION = 860
MIN_PROGRAMS = 6
EDUCATION_SHARE = 0.10
COVERAGE_RATIO = 1.5  # one programme per hub first once there are this many per hub
SPOKE_SHARE = 0.85  # participants from the programme's spoke districts
HOME_STATE_SHARE = 0.25  # of a national programme's participants, from the hub's state
WEBINAR_SHARE = 0.6  # of COVID-19 programmes, run as open webinars
ATTENDANCES_PER_PERSON = 2.7  # Project ECHO worldwide, 2022
ATTENDANCES_PER_ENROLMENT = 2.45  # the rest of the 2.7 comes from people in several programmes
MAX_RETURNING = 0.4
MAX_CORE = 0.6
OVERSHOOT = 1.08  # enrol a little more than needed, then trim to the exact total
COORDINATE_DECIMALS = 5  # about a metre
COVID_FROM, COVID_TO = np.datetime64("2020-04", "M"), np.datetime64("2021-12", "M")

Step = Callable[[str], None]


@dataclass(frozen=True)
class Geography:
    """The project's geography as the generator needs it."""

    states: pd.DataFrame
    districts: pd.DataFrame
    shapes: gpd.GeoDataFrame

    @classmethod
    def load(cls) -> "Geography":
        return cls(tables.states(), tables.districts(), tables.district_shapes())


@dataclass
class DemoData:
    """The generated rows, one frame per store table, with explicit integer ids.

    Hubs and participants name their district by `district_code`; the build
    turns codes into the store's district ids.
    """

    partners: pd.DataFrame
    hubs: pd.DataFrame
    disease_areas: pd.DataFrame
    programs: pd.DataFrame
    program_partners: pd.DataFrame
    sessions: pd.DataFrame
    participants: pd.DataFrame
    attendance: pd.DataFrame

    def counts(self) -> dict[str, int]:
        return {f.name: len(getattr(self, f.name)) for f in fields(self)}


class CatalogueError(ValueError):
    """A catalogue place that the project's geography does not know."""


def generate(
    attendances: int = 1_000_000,
    seed: int = 2008,
    today: date | None = None,
    geography: Geography | None = None,
    step: Step | None = None,
) -> DemoData:
    """The whole demo data set with exactly `attendances` attendance rows."""
    if attendances < 1:
        raise ValueError("attendances must be positive")
    today = today or date.today()
    if today.year < cat.FIRST_YEAR:
        raise ValueError(f"today must be in {cat.FIRST_YEAR} or later")
    step = step or (lambda _name: None)
    geography = geography or Geography.load()
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(6)]

    step("placing hubs")
    places = Places.build(geography)
    partners = partner_frame()
    hubs = hub_frame(places, partners, streams[0])
    step("planning programmes")
    plan = plan_programs(hubs, places, attendances, np.datetime64(today, "D"), streams[1])
    programs = program_frame(plan, hubs, places, streams[2])
    hubs = with_launch_dates(hubs, programs, today, streams[0])
    program_partners = program_partner_frame(plan, hubs, partners, places, streams[2])
    sessions = session_frame(plan)
    step("enrolling participants")
    participants, attendance = people(plan, places, attendances, streams[3])
    return DemoData(
        partners=partners,
        hubs=hubs.drop(columns=["_institution", "_since", "_topic", "_served", "_weight"]),
        disease_areas=pd.DataFrame(
            {"id": np.arange(1, len(cat.TOPICS) + 1), "name": [t.name for t in cat.TOPICS]}
        ),
        programs=programs,
        program_partners=program_partners,
        sessions=sessions,
        participants=participants,
        attendance=attendance,
    )


# --- geography -------------------------------------------------------------


@dataclass(frozen=True)
class Places:
    """Districts as arrays: codes, states, shapes, and who may be reached."""

    codes: np.ndarray
    state_index: np.ndarray  # per district, index into `state_codes`
    state_codes: np.ndarray  # LGD codes
    state_names: np.ndarray
    reachable: np.ndarray  # False for the white-spot districts
    shapes: gpd.GeoSeries
    located: dict[tuple[str, str], int]  # catalogue (state, district) -> district row

    @classmethod
    def build(cls, geography: Geography) -> "Places":
        districts = geography.districts.reset_index(drop=True)
        states = geography.states.sort_values("state_code").reset_index(drop=True)
        located = resolve_catalogue(geography.states, districts)
        reachable = np.ones(len(districts), dtype=bool)
        reachable[[located[place] for place in cat.WHITE_SPOTS]] = False
        state_index = np.searchsorted(states["state_code"].to_numpy(), districts["state_code"])
        return cls(
            codes=districts["district_code"].to_numpy(dtype=object),
            state_index=state_index,
            state_codes=states["state_code"].to_numpy(),
            state_names=states["name"].to_numpy(dtype=object),
            reachable=reachable,
            shapes=geography.shapes.geometry,
            located=located,
        )

    def state_of(self, abbreviation: str) -> int:
        code = cat.STATE_LGD[abbreviation]
        return int(np.searchsorted(self.state_codes, code))


def resolve_catalogue(states: pd.DataFrame, districts: pd.DataFrame) -> dict[tuple[str, str], int]:
    """Every catalogue place as a row of `districts`; raises listing all that do not resolve."""
    resolver = DistrictResolver(states, districts)
    rows = {code: row for row, code in enumerate(districts["district_code"])}
    wanted = {(i.state, i.district) for i in cat.institutions()} | set(cat.WHITE_SPOTS)
    located, missing = {}, []
    for state, name in sorted(wanted):
        code = resolver.district(name, cat.STATE_LGD[state])
        if code is None:
            missing.append(f"{name} ({state})")
        else:
            located[(state, name)] = rows[code]
    if missing:
        raise CatalogueError(
            "The demo catalogue names districts the geography does not know: " + ", ".join(missing)
        )
    return located


def points_in(shape: shapely.Geometry, count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` points drawn uniformly inside a polygon, by rejection from its bounds.

    Candidates are rounded before the test, so the stored coordinates are inside too.
    """
    west, south, east, north = shape.bounds
    found = np.empty((0, 2))
    while len(found) < count:
        candidates = np.column_stack(
            [rng.uniform(west, east, 64 * count), rng.uniform(south, north, 64 * count)]
        ).round(COORDINATE_DECIMALS)
        inside = shapely.contains_xy(shape, candidates[:, 0], candidates[:, 1])
        found = np.vstack([found, candidates[inside]])
    return found[:count]


# --- partners and hubs -----------------------------------------------------


def partner_frame() -> pd.DataFrame:
    """MoHFW first, then every institution in catalogue order."""
    rows = [(cat.MINISTRY[0], cat.MINISTRY[1], "ministry")]
    rows += [(i.code, i.name, i.kind) for i in cat.institutions()]
    frame = pd.DataFrame(rows, columns=["partner_code", "name", "kind"])
    frame.insert(0, "id", np.arange(1, len(frame) + 1))
    return frame


def hub_frame(places: Places, partners: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One row per hub; an institution's n-th hub focuses on its n-th topic and opens later."""
    partner_ids = dict(zip(partners["partner_code"], partners["id"], strict=True))
    rows = []
    for number, institution in enumerate(cat.institutions()):
        for n in range(institution.hubs):
            topic = institution.topics[n % len(institution.topics)]
            since = institution.since + n
            if topic == cat.COVID:
                since = max(since, 2020)
            rows.append(
                {
                    "hub_code": f"H-{institution.code}-{n + 1:02d}",
                    "name": f"{institution.name} - {topic} hub",
                    "host_partner_id": partner_ids[institution.code],
                    "district_row": places.located[(institution.state, institution.district)],
                    "_institution": number,
                    "_since": since,
                    "_topic": topic,
                    "_weight": _hub_weight(institution),
                }
            )
    hubs = pd.DataFrame(rows)
    hubs.insert(0, "id", np.arange(1, len(hubs) + 1))
    hubs["district_code"] = places.codes[hubs["district_row"]]
    hubs[["longitude", "latitude"]] = _hub_points(hubs, places, rng)
    hubs["_served"] = [cat.institutions()[i].states_served[0] for i in hubs["_institution"]]
    return hubs.drop(columns="district_row")


def _hub_weight(institution: cat.Institution) -> float:
    """State missions run the most programmes, national institutes more than most."""
    if institution.kind == cat.NHM:
        return 2.0
    return 1.5 if institution.national else 1.0


def _hub_points(hubs: pd.DataFrame, places: Places, rng: np.random.Generator) -> np.ndarray:
    points = np.empty((len(hubs), 2))
    for row, positions in hubs.groupby("district_row").indices.items():
        shape = places.shapes.loc[places.codes[row]]
        points[positions] = points_in(shape, len(positions), rng)
    return points


def with_launch_dates(
    hubs: pd.DataFrame, programs: pd.DataFrame, today: date, rng: np.random.Generator
) -> pd.DataFrame:
    """A hub opens with its first programme; one without programmes early in its first year."""
    first = programs.groupby("hub_id")["start_date"].min()
    fallback = pd.to_datetime(hubs["_since"].astype(str) + "-01-01") + pd.to_timedelta(
        rng.integers(0, 180, len(hubs)), unit="D"
    )
    fallback = pd.Series(fallback.clip(upper=pd.Timestamp(today)).to_numpy(), index=hubs.index)
    launched = hubs["id"].map(first).fillna(fallback)
    return hubs.assign(launched_on=pd.to_datetime(launched).dt.normalize())


# --- programmes ------------------------------------------------------------


@dataclass
class Plan:
    """Programme attributes as parallel arrays, in programme-id order."""

    hub: np.ndarray  # row in the hub frame
    topic: np.ndarray  # row in cat.TOPICS
    served: np.ndarray  # state index, -1 for national programmes
    home_state: np.ndarray  # state index of the host's usual state
    webinar: np.ndarray
    start: np.ndarray  # datetime64[D]
    planned: np.ndarray  # sessions planned
    session_dates: np.ndarray  # held sessions, grouped by programme
    session_program: np.ndarray
    session_minutes: np.ndarray
    last_planned: np.ndarray  # date of the last planned session

    @property
    def held(self) -> np.ndarray:
        return np.bincount(self.session_program, minlength=len(self.hub))


def program_count(attendances: int) -> int:
    return max(MIN_PROGRAMS, round(attendances * PROGRAMS_PER_MILLION / 1_000_000))


def plan_programs(
    hubs: pd.DataFrame,
    places: Places,
    attendances: int,
    today: np.datetime64,
    rng: np.random.Generator,
) -> Plan:
    """Which hub runs which topic from when, how often, and for how long."""
    months = np.arange(np.datetime64(f"{cat.FIRST_YEAR}-01", "M"), today.astype("M") + 1)
    count = program_count(attendances)
    sectors = np.array([cat.TOPICS[_topic_index(t)].sector for t in hubs["_topic"]])
    education = round(count * EDUCATION_SHARE) if (sectors == "education").any() else 0
    picks = [
        _hubs_and_months(hubs, sectors == sector, months, n, rng)
        for sector, n in (("health", count - education), ("education", education))
        if n
    ]
    hub = np.concatenate([p[0] for p in picks])
    month = np.concatenate([p[1] for p in picks])
    topic = _topics(hubs, hub, months[month], rng)
    start = _start_dates(months[month], today, rng)
    order = np.lexsort((topic, hub, start))
    hub, topic, start = hub[order], topic[order], start[order]
    webinar = (topic == _topic_index(cat.COVID)) & (rng.random(len(hub)) < WEBINAR_SHARE)
    served = _served_states(hubs, hub, webinar, places, rng)
    home = np.array([places.state_of(s) for s in hubs["_served"].to_numpy()[hub]], dtype=int)
    return _schedule(hub, topic, served, home, webinar, start, today, rng)


def _topic_index(name: str) -> int:
    return next(i for i, t in enumerate(cat.TOPICS) if t.name == name)


# Programmes started per year before the COVID-19 surge: ECHO India's slow start
# with one liver institute in 2008, growth through the 2010s, a plateau after.
YEARLY_STARTS = {
    2008: 3, 2009: 5, 2010: 8, 2011: 10, 2012: 14, 2013: 18, 2014: 24, 2015: 30, 2016: 38,
    2017: 46, 2018: 55, 2019: 62, 2020: 66, 2021: 70, 2022: 72, 2023: 72, 2024: 74,
}  # fmt: skip
COVID_SURGE = 1.45


def _month_weights(months: np.ndarray) -> np.ndarray:
    """Relative number of programmes starting each month, the COVID-19 surge of 2020-21 included."""
    years = months.astype("datetime64[Y]").astype(int) + 1970
    weights = np.array([YEARLY_STARTS.get(y, YEARLY_STARTS[max(YEARLY_STARTS)]) for y in years])
    surge = (months >= COVID_FROM) & (months <= COVID_TO)
    return weights * np.where(surge, COVID_SURGE, 1.0)


def _hubs_and_months(
    hubs: pd.DataFrame,
    in_sector: np.ndarray,
    months: np.ndarray,
    count: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Programme slots (hub, month): each month's programmes go to the hubs open by then.

    Once there are enough programmes, every hub gets one first, so none stands empty.
    """
    candidates = np.flatnonzero(in_sector)
    since = np.minimum(
        hubs["_since"].to_numpy()[candidates], months[-1].astype("datetime64[Y]").astype(int) + 1970
    )
    opens = (since - cat.FIRST_YEAR) * 12
    is_open = np.arange(len(months))[None, :] >= opens[:, None]
    weight = hubs["_weight"].to_numpy()[candidates]
    joint = is_open * weight[:, None]
    share = joint.sum(axis=0)
    joint = joint / np.where(share > 0, share, 1.0) * _month_weights(months)[None, :]
    hub_parts, month_parts = [], []
    if count >= COVERAGE_RATIO * len(candidates):
        cumulative = joint.cumsum(axis=1)
        draw = rng.random(len(candidates)) * cumulative[:, -1]
        hub_parts.append(candidates)
        month_parts.append((cumulative < draw[:, None]).sum(axis=1))
        count -= len(candidates)
    flat = rng.choice(joint.size, size=count, p=(joint / joint.sum()).ravel())
    hub_parts.append(candidates[flat // len(months)])
    month_parts.append(flat % len(months))
    return np.concatenate(hub_parts), np.concatenate(month_parts)


def _topics(
    hubs: pd.DataFrame, hub: np.ndarray, month: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """A topic of the hub's institution open that month: its focus first, COVID-19 in 2020-21."""
    names = [t.name for t in cat.TOPICS]
    base = np.zeros((len(hubs), len(names)))
    for row, (institution, focus) in enumerate(
        zip(hubs["_institution"], hubs["_topic"], strict=True)
    ):
        for name in cat.institutions()[institution].topics:
            base[row, names.index(name)] = 1.0
        base[row, names.index(focus)] = 4.0
    weights = base[hub] * _topic_openness(month)
    if (weights.sum(axis=1) == 0).any():
        raise ValueError("a hub has no topic open at one of its programme dates")
    cumulative = weights.cumsum(axis=1)
    draw = rng.random(len(hub)) * cumulative[:, -1]
    return (cumulative < draw[:, None]).sum(axis=1)


def _topic_openness(month: np.ndarray) -> np.ndarray:
    """Per programme and topic: 0 when the topic is closed that month, boosted for COVID-19."""
    openness = np.ones((len(month), len(cat.TOPICS)))
    for column, topic in enumerate(cat.TOPICS):
        if topic.first:
            openness[month < np.datetime64(topic.first, "M"), column] = 0
        if topic.last:
            openness[month > np.datetime64(topic.last, "M"), column] = 0
        if topic.name == cat.COVID:
            openness[:, column] *= 6
    return openness


def _start_dates(month: np.ndarray, today: np.datetime64, rng: np.random.Generator) -> np.ndarray:
    """A day in the month moved to the programme's weekday, never after today."""
    first = month.astype("datetime64[D]")
    days = ((month + 1).astype("datetime64[D]") - first).astype(int)
    start = first + (rng.random(len(month)) * days).astype(int)
    weekday = rng.choice(6, size=len(month), p=[0.1, 0.2, 0.2, 0.2, 0.2, 0.1])
    start = start + (weekday - _weekday(start)) % 7
    late = start > today
    start[late] -= 7 * np.ceil((start[late] - today).astype(int) / 7).astype(int)
    return start


def _weekday(days: np.ndarray) -> np.ndarray:
    return (days - np.datetime64("1970-01-05")).astype(int) % 7


def _served_states(
    hubs: pd.DataFrame,
    hub: np.ndarray,
    webinar: np.ndarray,
    places: Places,
    rng: np.random.Generator,
) -> np.ndarray:
    """The state a programme's spokes are in; -1 for a programme open to all of India."""
    institutions = cat.institutions()
    served = np.empty(len(hub), dtype=int)
    draws = rng.random((len(hub), 2))
    for p, row in enumerate(hub):
        institution = institutions[hubs["_institution"].iat[row]]
        options = institution.states_served
        weights = np.array([3.0] + [1.0] * (len(options) - 1))
        choice = options[np.searchsorted(weights.cumsum() / weights.sum(), draws[p, 0])]
        national = institution.national and (webinar[p] or draws[p, 1] < 0.45)
        served[p] = -1 if national else places.state_of(choice)
    return served


def _schedule(
    hub: np.ndarray,
    topic: np.ndarray,
    served: np.ndarray,
    home: np.ndarray,
    webinar: np.ndarray,
    start: np.ndarray,
    today: np.datetime64,
    rng: np.random.Generator,
) -> Plan:
    """Session dates: weekly or fortnightly from the start, a week skipped now and then."""
    count = len(hub)
    planned = rng.integers(12, 25, count)
    interval = np.where(webinar | (rng.random(count) < 0.55), 7, 14)
    program = np.repeat(np.arange(count), planned)
    firsts = np.concatenate([[0], planned.cumsum()[:-1]])
    step = interval[program] * (1 + (rng.random(len(program)) < 0.06))
    step[firsts] = 0
    offset = step.cumsum()
    offset -= np.repeat(offset[firsts], planned)
    dates = start[program] + offset
    minutes = _session_minutes(program, count, rng)
    held = dates <= today
    ends = np.append(firsts[1:], len(program)) - 1
    return Plan(
        hub=hub,
        topic=topic,
        served=served,
        home_state=home,
        webinar=webinar,
        start=start,
        planned=planned,
        session_dates=dates[held],
        session_program=program[held],
        session_minutes=minutes[held],
        last_planned=dates[ends],
    )


def _session_minutes(program: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """Mostly 60 minutes; some series run 90 or 120, and a 60-minute one sometimes overruns."""
    usual = rng.choice([60, 90, 120], size=count, p=[0.82, 0.11, 0.07])[program]
    longer = (usual == 60) & (rng.random(len(program)) < 0.08)
    return np.where(longer, 90, usual)


def program_frame(
    plan: Plan,
    hubs: pd.DataFrame,
    places: Places,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Programme rows: running ones end in the future or have no end date yet."""
    count = len(plan.hub)
    held = plan.held
    running = held < plan.planned
    last_held = pd.Series(plan.session_dates).groupby(plan.session_program).max().to_numpy()
    end = np.where(running, plan.last_planned, last_held).astype("datetime64[D]")
    open_ended = running & (rng.random(count) < 0.4)
    region = np.where(plan.served < 0, "India", places.state_names[np.maximum(plan.served, 0)])
    topics = np.array([t.name for t in cat.TOPICS], dtype=object)[plan.topic]
    audiences = np.array([cat.AUDIENCE_LABELS[t.audience] for t in cat.TOPICS], dtype=object)[
        plan.topic
    ]
    frame = pd.DataFrame(
        {
            "id": np.arange(1, count + 1),
            "program_code": [f"P{i:04d}" for i in range(1, count + 1)],
            "hub_id": hubs["id"].to_numpy()[plan.hub],
            "disease_area_id": plan.topic + 1,
            "sector": [cat.TOPICS[t].sector for t in plan.topic],
            "start_date": plan.start,
            "end_date": pd.Series(end).where(~open_ended),
        }
    )
    cohort = frame.groupby([plan.hub, plan.topic, plan.served]).cumcount() + 1
    kind = np.where(plan.webinar, "webinar series", "ECHO")
    frame.insert(
        2,
        "name",
        [
            f"{t} {k} for {a}, {r} - cohort {c}"
            for t, k, a, r, c in zip(topics, kind, audiences, region, cohort, strict=True)
        ],
    )
    return frame


def program_partner_frame(
    plan: Plan, hubs: pd.DataFrame, partners: pd.DataFrame, places: Places, rng: np.random.Generator
) -> pd.DataFrame:
    """The host, sometimes the state's NHM or SCERT, and MoHFW on national programmes."""
    ids = dict(zip(partners["partner_code"], partners["id"], strict=True))
    kinds = dict(zip(partners["id"], partners["kind"], strict=True))
    abbreviations = {code: abbreviation for abbreviation, code in cat.STATE_LGD.items()}
    host = hubs["host_partner_id"].to_numpy()[plan.hub]
    home = abbreviations_of(plan, hubs, places, abbreviations)
    draws = rng.random((len(host), 2))
    rows = []
    for p, partner in enumerate(host):
        rows.append((p + 1, partner))
        sector = cat.TOPICS[plan.topic[p]].sector
        local = ids.get(f"NHM-{home[p]}" if sector == "health" else f"SCERT-{home[p]}")
        if local and local != partner and draws[p, 0] < (0.6 if kinds[partner] == "ngo" else 0.3):
            rows.append((p + 1, local))
        if sector == "health" and draws[p, 1] < _ministry_share(plan, p, kinds[partner]):
            rows.append((p + 1, ids[cat.MINISTRY[0]]))
    return pd.DataFrame(rows, columns=["program_id", "partner_id"])


def abbreviations_of(
    plan: Plan, hubs: pd.DataFrame, places: Places, abbreviations: dict[int, str]
) -> list[str]:
    """Each programme's state (the host's usual state for national ones) as an abbreviation."""
    usual = hubs["_served"].to_numpy()[plan.hub]
    codes = places.state_codes[np.maximum(plan.served, 0)]
    return [
        usual[p] if plan.served[p] < 0 else abbreviations[int(codes[p])]
        for p in range(len(plan.hub))
    ]


def _ministry_share(plan: Plan, p: int, host_kind: str) -> float:
    """MoHFW backs most national programmes and COVID-19 webinars, a few state ones."""
    if plan.webinar[p]:
        return 0.9
    if plan.served[p] < 0:
        return 0.7
    return 0.1 if host_kind == "state_health_mission" else 0.0


def session_frame(plan: Plan) -> pd.DataFrame:
    """Held sessions only, numbered in programme order."""
    count = len(plan.session_program)
    return pd.DataFrame(
        {
            "id": np.arange(1, count + 1, dtype=np.int32),
            "session_code": [f"S{i:06d}" for i in range(1, count + 1)],
            "program_id": (plan.session_program + 1).astype(np.int32),
            "held_on": plan.session_dates.astype("datetime64[s]"),
            "duration_minutes": plan.session_minutes.astype(np.int16),
        }
    )


# --- participants and attendance -------------------------------------------

CORE, REGULAR, DROP_IN = 0, 1, 2


def people(
    plan: Plan, places: Places, attendances: int, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Participants and exactly `attendances` attendance rows.

    Each programme enrols a cohort sized for its planned attendance; enrolments
    expand into attendance rows, the small surplus is trimmed at random, and
    then some enrolments turn out to be people who also came to another
    programme, which brings attendances per person to ECHO's 2.7.
    """
    wanted = _planned_attendances(plan, attendances, rng)
    mix = _engagement_mix(plan, wanted, rng)
    spokes = _spokes(plan, places, rng)
    seed = int(rng.integers(2**63))
    overshoot = OVERSHOOT
    for _ in range(20):
        attempt = np.random.default_rng(seed)
        enrolled = _enrol(
            plan, places, _cohort_sizes(plan, wanted, mix, overshoot), mix, spokes, attempt
        )
        session_id, enrolment = _attend(plan, enrolled, attempt)
        if len(session_id) >= attendances:
            break
        overshoot *= 1.05 * attendances / max(len(session_id), 1)
    else:
        raise RuntimeError("could not enrol enough participants for the requested attendances")
    keep = _trim(enrolled.kind[enrolment] != CORE, len(session_id) - attendances, attempt)
    session_id, enrolment = session_id[keep], enrolment[keep]
    participant, present = _participants(enrolled, enrolment, places, attempt)
    person = participant[enrolment]
    order = np.argsort((session_id.astype(np.int64) << 32) | person)
    attendance = pd.DataFrame(
        {"session_id": session_id[order], "participant_id": (person[order] + 1).astype(np.int32)}
    )
    return _participant_frame(enrolled, present, places), attendance


def _trim(casual: np.ndarray, surplus: int, rng: np.random.Generator) -> np.ndarray:
    """Rows to keep: the surplus leaves at random, from casual attendees when there are enough.

    Sparing the core members keeps each programme's retention as enrolled.
    """
    keep = np.ones(len(casual), dtype=bool)
    pool = np.flatnonzero(casual) if casual.sum() >= surplus else np.arange(len(casual))
    keep[rng.choice(pool, surplus, replace=False)] = False
    return keep


def _session_sizes(plan: Plan, rng: np.random.Generator) -> np.ndarray:
    """Planned mean attendees a session: 20-80 mostly, hundreds to thousands in webinars."""
    count = len(plan.hub)
    usual = np.clip(rng.lognormal(np.log(50), 0.35, count), 20, 90)
    webinar = np.exp(rng.uniform(np.log(150), np.log(2500), count))
    return np.where(plan.webinar, webinar, usual)


def _planned_attendances(plan: Plan, attendances: int, rng: np.random.Generator) -> np.ndarray:
    """Attendances each programme should get so that they add up to the requested total.

    Ordinary series keep their 20-80 a session; the open COVID-19 webinars take
    up the difference (within reason), as they did in 2020-21.
    """
    wanted = _session_sizes(plan, rng) * plan.held
    usual = wanted[~plan.webinar].sum()
    webinars = wanted[plan.webinar].sum()
    if webinars:
        wanted[plan.webinar] *= np.clip((attendances - usual) / webinars, 0.25, 3.0)
    return wanted * attendances / wanted.sum()


def _engagement_mix(plan: Plan, wanted: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Per programme, the shares of core (stay the course) and regular enrolments.

    The rest drop in once or twice. The core shares are scaled together so
    that attendances per person come out near ECHO's 2.7 at any scale, with or
    without drop-in-heavy webinars among the programmes.
    """
    count = len(plan.hub)
    core = np.where(plan.webinar, rng.uniform(0.01, 0.02, count), rng.uniform(0.06, 0.16, count))
    regular = np.where(plan.webinar, 0.10, 0.25)
    enrolments = wanted.sum() / ATTENDANCES_PER_ENROLMENT
    low, high = 0.0, 1.0 / core.max()
    for _ in range(40):
        scale = (low + high) / 2
        mix = np.column_stack([np.minimum(core * scale, MAX_CORE), regular])
        if (wanted / _attendances_per_enrolment(plan, mix)).sum() > enrolments:
            low = scale
        else:
            high = scale
    return mix


def _attendances_per_enrolment(plan: Plan, mix: np.ndarray) -> np.ndarray:
    """Expected attendance rows of one enrolment, per programme (see `_attend`)."""
    held = plan.held.astype(float)
    core = 0.97 * held - 0.15 * held * (held - 1) / (2 * plan.planned)
    regular = 1 + 0.7 * (np.minimum(3.3, 0.45 * held + 0.55) - 1)
    drop_in = np.where(held > 1, 1.15, 1.0)
    return mix[:, 0] * core + mix[:, 1] * regular + (1 - mix.sum(axis=1)) * drop_in


def _cohort_sizes(plan: Plan, wanted: np.ndarray, mix: np.ndarray, overshoot: float) -> np.ndarray:
    """Enrolments a programme needs for its planned attendances, plus the overshoot."""
    expected = _attendances_per_enrolment(plan, mix)
    return np.maximum(1, np.round(wanted * overshoot / expected)).astype(np.int64)


def _spokes(plan: Plan, places: Places, rng: np.random.Generator) -> np.ndarray:
    """3-10 reachable districts of each programme's state, padded with -1."""
    home = _home_states(plan, places)
    by_state, first, size = _reachable_by_state(places)
    spokes = np.full((len(plan.hub), 10), -1, dtype=np.int64)
    wanted = rng.integers(3, 11, len(plan.hub))
    for p, state in enumerate(home):
        pool = by_state[first[state] : first[state] + size[state]]
        if not len(pool):
            raise ValueError(f"no reachable district in state {places.state_codes[state]}")
        chosen = rng.choice(pool, size=min(wanted[p], len(pool)), replace=False)
        spokes[p, : len(chosen)] = chosen
    return spokes


def _home_states(plan: Plan, places: Places) -> np.ndarray:
    return np.where(plan.served >= 0, plan.served, plan.home_state)


def _reachable_by_state(places: Places) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    reachable = np.flatnonzero(places.reachable)
    by_state = reachable[np.argsort(places.state_index[reachable], kind="stable")]
    size = np.bincount(places.state_index[reachable], minlength=len(places.state_codes))
    first = np.concatenate([[0], size.cumsum()[:-1]])
    return by_state, first, size


@dataclass
class Enrolled:
    """Enrolments (one person in one programme) as parallel arrays."""

    program: np.ndarray
    kind: np.ndarray
    join: np.ndarray
    length: np.ndarray
    cadre: np.ndarray
    district: np.ndarray


def _enrol(
    plan: Plan,
    places: Places,
    cohorts: np.ndarray,
    mix: np.ndarray,
    spokes: np.ndarray,
    rng: np.random.Generator,
) -> Enrolled:
    """Who enrols, how engaged, from which session, from where, in which cadre."""
    program = np.repeat(np.arange(len(cohorts), dtype=np.int32), cohorts)
    draw = rng.random(len(program))
    kind = np.where(
        draw < mix[program, 0], CORE, np.where(draw < mix[program].sum(axis=1), REGULAR, DROP_IN)
    ).astype(np.int8)
    held = plan.held[program]
    lateness = np.where(kind == REGULAR, 2.0, 1.5)
    join = np.where(kind == CORE, 0, held * rng.random(len(program)) ** lateness).astype(np.int32)
    stay = np.where(
        kind == REGULAR, rng.geometric(0.3, len(program)), 1 + (rng.random(len(program)) < 0.2)
    )
    length = np.where(kind == CORE, held, np.minimum(stay, held - join)).astype(np.int32)
    cadre = _cadres(plan, program, rng)
    district = _districts(plan, places, program, spokes, rng)
    return Enrolled(program, kind, join, length, cadre, district)


def _cadres(plan: Plan, program: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A cadre fitting the programme's topic (ASHAs at ASHA refreshers, teachers at teaching)."""
    cadre = np.empty(len(program), dtype=np.int8)
    topic = plan.topic[program]
    for t, spec in enumerate(cat.TOPICS):
        mask = topic == t
        if mask.any():
            weights = cat.AUDIENCES[spec.audience]
            options = [cat.CADRES.index(c) for c in weights]
            p = np.array(list(weights.values()), dtype=float)
            cadre[mask] = rng.choice(options, size=int(mask.sum()), p=p / p.sum())
    return cadre


def _districts(
    plan: Plan,
    places: Places,
    program: np.ndarray,
    spokes: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Home districts: mostly the programme's spokes, else anywhere in its state or India."""
    by_state, first, size = _reachable_by_state(places)
    everywhere = np.flatnonzero(places.reachable)
    home = _home_states(plan, places)[program]
    which, where = rng.random(len(program)), rng.random(len(program))
    spoke_count = (spokes[program] >= 0).sum(axis=1)
    spoke = spokes[program, (spoke_count * where**1.3).astype(np.int64)]
    in_state = by_state[first[home] + (size[home] * where).astype(np.int64)]
    in_india = everywhere[(len(everywhere) * where).astype(np.int64)]
    national = plan.served[program] < 0
    return np.where(
        national,
        np.where(which < HOME_STATE_SHARE, spoke, in_india),
        np.where(which < SPOKE_SHARE, spoke, in_state),
    ).astype(np.int32)


def _attend(
    plan: Plan, enrolled: Enrolled, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Attendance rows as (session id, enrolment index).

    Core members come to most sessions but less towards the end; the others
    come for a short stretch from when they joined, mostly early in a series.
    Each enrolment covers distinct sessions, so the rows are unique.
    """
    counts = enrolled.length.astype(np.int64)
    enrolment = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
    nth = np.arange(len(enrolment), dtype=np.int32) - np.repeat(
        (counts.cumsum() - counts).astype(np.int32), counts
    )
    program = enrolled.program[enrolment]
    local = enrolled.join[enrolment] + nth
    kind = enrolled.kind[enrolment]
    chance = np.where(
        kind == CORE,
        0.97 - 0.15 * local / plan.planned[program],
        np.where(kind == REGULAR, 0.7, 1.0),
    )
    keep = (nth == 0) | (rng.random(len(enrolment)) < chance)
    first_session = np.concatenate([[0], plan.held.cumsum()[:-1]])
    session = (first_session[program[keep]] + local[keep] + 1).astype(np.int32)
    return session, enrolment[keep]


def _participants(
    enrolled: Enrolled, enrolment: np.ndarray, places: Places, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Each enrolment's participant index, and which enrolments start a new participant.

    Enough enrolments become someone who also attended another programme of the
    same state and cadre to bring attendances per person to ECHO's 2.7. One
    person never holds two enrolments in the same programme, so attendance
    rows stay unique.
    """
    present = np.zeros(len(enrolled.program), dtype=bool)
    present[enrolment] = True
    wanted = min(
        round(MAX_RETURNING * present.sum()),
        present.sum() - round(len(enrolment) / ATTENDANCES_PER_PERSON),
    )
    donor = np.full(len(present), -1, dtype=np.int64)
    lent = np.zeros(len(present), dtype=bool)
    taken = np.empty(0, dtype=np.int64)  # (programme, donor) pairs already merged
    for _ in range(6):
        returning = donor >= 0
        free = present & ~returning & ~lent
        missing = wanted - returning.sum()
        if missing <= 0 or not free.any():
            break
        asking = free & (rng.random(len(present)) < missing / free.sum())
        found = _donors(enrolled, present & ~returning & ~asking, asking, places, rng)
        asker = np.flatnonzero(found >= 0)
        pairs = enrolled.program[asker].astype(np.int64) * len(present) + found[asker]
        _, first = np.unique(pairs, return_index=True)
        once = np.zeros(len(asker), dtype=bool)
        once[first] = True
        fresh = once & ~np.isin(pairs, taken)
        donor[asker[fresh]] = found[asker[fresh]]
        lent[found[asker[fresh]]] = True
        taken = np.concatenate([taken, pairs[fresh]])
    returning = donor >= 0
    new = present & ~returning
    participant = np.cumsum(new, dtype=np.int64) - 1
    participant[returning] = participant[donor[returning]]
    return participant, new


def _donors(
    enrolled: Enrolled,
    donors: np.ndarray,
    asking: np.ndarray,
    places: Places,
    rng: np.random.Generator,
) -> np.ndarray:
    """For each asking enrolment, a donor of the same state and cadre in another programme."""
    group = places.state_index[enrolled.district].astype(np.int64) * len(cat.CADRES)
    group += enrolled.cadre
    pool = np.flatnonzero(donors)
    pool = pool[np.argsort(group[pool], kind="stable")]
    asks = np.flatnonzero(asking)
    low = np.searchsorted(group[pool], group[asks], side="left")
    high = np.searchsorted(group[pool], group[asks], side="right")
    spread = (rng.random(len(asks)) * (high - low)).astype(np.int64)
    pick = pool[np.minimum(low + spread, len(pool) - 1)]
    found = (high > low) & (enrolled.program[pick] != enrolled.program[asks])
    donor = np.full(len(enrolled.program), -1, dtype=np.int64)
    donor[asks[found]] = pick[found]
    return donor


def _participant_frame(enrolled: Enrolled, new: np.ndarray, places: Places) -> pd.DataFrame:
    """Pseudonymous participants: a sequential code, a cadre and a home district, nothing else."""
    count = int(new.sum())
    width = max(7, len(str(count)))
    return pd.DataFrame(
        {
            "id": np.arange(1, count + 1, dtype=np.int32),
            "participant_code": [f"U{i:0{width}d}" for i in range(1, count + 1)],
            "cadre": pd.Categorical.from_codes(enrolled.cadre[new], categories=cat.CADRES),
            "district_code": pd.Categorical.from_codes(
                enrolled.district[new], categories=places.codes
            ),
        }
    )
