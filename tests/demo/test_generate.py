"""The generated demo frames: deterministic, at ECHO India's published scale, and plausible.

Generation without writing takes about a second at the default scale, so the
published figures (250+ hubs, 800+ programmes, 1M+ attendances) are checked
on the real default data set, not on a scaled-down one.
"""

import re
from datetime import date

import numpy as np
import pandas as pd
import pytest
import shapely

from dashboard.demo import catalogue as cat
from dashboard.demo.generate import CatalogueError, DemoData, Geography, generate, resolve_catalogue

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def geography() -> Geography:
    return Geography.load()


@pytest.fixture(scope="module")
def default(geography) -> DemoData:
    return generate(seed=2008, today=TODAY, geography=geography)


@pytest.fixture(scope="module")
def small(geography) -> DemoData:
    return generate(20_000, seed=1, today=TODAY, geography=geography)


def _facts(data: DemoData, geography: Geography) -> pd.DataFrame:
    """One row per attendance with its session, programme, hub and participant columns."""
    sessions = data.sessions.rename(columns={"id": "session_id"})
    programs = data.programs.rename(columns={"id": "program_id", "name": "program"})
    people = data.participants.rename(columns={"id": "participant_id"})
    states = geography.districts.set_index("district_code")["state_code"]
    hubs = data.hubs.rename(columns={"id": "hub_id"})
    hubs["hub_state"] = hubs["district_code"].map(states)
    facts = (
        data.attendance.merge(sessions, on="session_id")
        .merge(programs, on="program_id")
        .merge(hubs[["hub_id", "hub_state", "host_partner_id"]], on="hub_id")
        .merge(people, on="participant_id")
    )
    facts["state_code"] = facts["district_code"].astype(str).map(states)
    return facts


@pytest.fixture(scope="module")
def default_facts(default, geography) -> pd.DataFrame:
    return _facts(default, geography)


# --- determinism and scale -------------------------------------------------


def test_same_seed_gives_identical_frames(small, geography):
    again = generate(20_000, seed=1, today=TODAY, geography=geography)
    for name in small.counts():
        pd.testing.assert_frame_equal(getattr(small, name), getattr(again, name))


def test_another_seed_gives_another_data_set(small, geography):
    other = generate(20_000, seed=2, today=TODAY, geography=geography)
    assert not other.attendance.equals(small.attendance)
    assert not other.programs["start_date"].equals(small.programs["start_date"])


@pytest.mark.parametrize("attendances", [10_000, 20_000, 123_457])
def test_attendance_count_is_the_requested_one(geography, attendances):
    data = generate(attendances, seed=5, today=TODAY, geography=geography)
    assert len(data.attendance) == attendances


def test_default_scale_matches_echo_india_published_figures(default):
    assert len(default.hubs) >= 250
    assert default.programs["hub_id"].nunique() >= 250
    assert len(default.programs) >= 800
    assert default.programs["disease_area_id"].nunique() >= 30
    assert len(default.attendance) == 1_000_000
    assert 2.5 <= len(default.attendance) / len(default.participants) <= 3.0


def test_attendances_per_person_near_echo_figure_at_moderate_scale(geography):
    data = generate(200_000, seed=3, today=TODAY, geography=geography)
    assert 2.5 <= len(data.attendance) / len(data.participants) <= 3.0


def test_small_scale_keeps_a_plausible_shape(small):
    assert 2.2 <= len(small.attendance) / len(small.participants) <= 3.2
    assert 8 <= len(small.programs) <= 40
    assert set(small.programs["sector"]) <= {"health", "education"}


def test_every_attendance_references_existing_rows(default):
    assert default.attendance["session_id"].isin(default.sessions["id"]).all()
    assert default.attendance["participant_id"].isin(default.participants["id"]).all()
    assert not default.attendance.duplicated().any()
    assert default.participants["id"].isin(default.attendance["participant_id"]).all()


# --- institutions, topics, codes -----------------------------------------------


def test_catalogue_resolves_against_the_geography(geography):
    located = resolve_catalogue(geography.states, geography.districts)
    assert len(located) >= 150


def test_unknown_catalogue_district_fails_loudly(geography, monkeypatch):
    monkeypatch.setattr(cat, "WHITE_SPOTS", (*cat.WHITE_SPOTS, ("KA", "Atlantis")))
    with pytest.raises(CatalogueError, match="Atlantis"):
        resolve_catalogue(geography.states, geography.districts)


def test_reference_institutions_are_hubs_in_their_real_districts(default):
    hubs = default.hubs.merge(default.partners, left_on="host_partner_id", right_on="id")
    district_of = hubs.groupby("partner_code")["district_code"].first()
    expected = {
        "NIMHANS": "KA-",
        "AIIMS-DEL": "DL-",
        "ILBS": "DL-",
        "NITRD": "DL-",
        "NICPR": "UP-",
        "PGIMER": "CH-",
        "TMH": "MH-",
        "MAMC": "DL-",
        "BJMC-AMD": "GJ-",
        "MEDANTA": "HR-",
        "PALLIUM": "KL-",
        "PGICH": "UP-",
        "GMC-BPL": "MP-",
        "SGPGI": "UP-",
        "KMC": "WB-",
        "KARUNA": "KA-",
    }
    for code, prefix in expected.items():
        assert district_of[code].startswith(prefix), code
    assert "bengaluru-urban" in district_of["NIMHANS"]
    assert "kolkata" in district_of["KMC"]


def test_partners_include_ministry_missions_municipalities_councils_and_scerts(default):
    kinds = default.partners["kind"].value_counts()
    assert kinds["ministry"] == 1
    assert kinds["state_health_mission"] >= 28
    assert kinds["municipal_corporation"] >= 8
    assert kinds["nursing_council"] >= 8
    assert kinds["education_department"] >= 10
    mohfw = default.partners.set_index("partner_code").loc["MoHFW", "id"]
    assert (default.program_partners["partner_id"] == mohfw).sum() >= 50


def test_codes_are_short_readable_and_unique(default):
    assert default.partners["partner_code"].str.fullmatch(r"[A-Za-z][A-Za-z0-9-]{1,14}").all()
    assert default.hubs["hub_code"].str.fullmatch(r"H-[A-Za-z0-9-]+-\d{2}").all()
    assert default.programs["program_code"].str.fullmatch(r"P\d{4}").all()
    assert default.sessions["session_code"].str.fullmatch(r"S\d{6}").all()
    assert default.participants["participant_code"].str.fullmatch(r"U\d{7}").all()
    for frame, column in [
        (default.partners, "partner_code"),
        (default.hubs, "hub_code"),
        (default.programs, "program_code"),
        (default.sessions, "session_code"),
        (default.participants, "participant_code"),
    ]:
        assert frame[column].is_unique, column
    assert "NHM-KA" in set(default.partners["partner_code"])
    assert "H-NIMHANS-01" in set(default.hubs["hub_code"])


def test_participants_carry_no_personal_data(default):
    assert list(default.participants.columns) == [
        "id",
        "participant_code",
        "cadre",
        "district_code",
    ]
    pii = re.compile(r"name|mail|phone|mobile|birth|address|aadhaar", re.IGNORECASE)
    assert not any(pii.search(column) for column in default.participants.columns)


def test_topics_fit_the_hosting_institution(default):
    topics_of = {i.code: set(i.topics) for i in cat.institutions()}
    programs = default.programs.merge(
        default.hubs[["id", "host_partner_id"]], left_on="hub_id", right_on="id"
    ).merge(default.partners, left_on="host_partner_id", right_on="id", suffixes=("", "_p"))
    areas = default.disease_areas.set_index("id")["name"]
    programs["area"] = programs["disease_area_id"].map(areas)
    for code, area in zip(programs["partner_code"], programs["area"], strict=True):
        assert area in topics_of[code], (code, area)
    nimhans = programs.loc[programs["partner_code"] == "NIMHANS", "area"]
    assert set(nimhans) <= {
        "Mental health",
        "Addiction",
        "Dementia",
        "Tobacco cessation",
        "Epilepsy",
    }


def test_each_programme_is_among_its_partners_host(default):
    hosts = default.programs.merge(
        default.hubs[["id", "host_partner_id"]], left_on="hub_id", right_on="id"
    )[["id_x", "host_partner_id"]]
    pairs = set(map(tuple, default.program_partners.to_numpy()))
    assert all((p, h) in pairs for p, h in hosts.itertuples(index=False))
    assert not default.program_partners.duplicated().any()


def test_sector_split_is_about_ninety_ten(default):
    share = default.programs["sector"].value_counts(normalize=True)
    assert share["health"] == pytest.approx(0.9, abs=0.02)
    assert share["education"] == pytest.approx(0.1, abs=0.02)


def test_disease_areas_are_the_reference_topics(default):
    names = set(default.disease_areas["name"])
    assert len(names) >= 30
    assert {"HIV", "Tuberculosis", "Mental health", "COVID-19 critical care"} <= names
    assert {"Early childhood education", "School leadership"} <= names


# --- places --------------------------------------------------------------------


def test_hub_coordinates_lie_inside_their_district(default, geography):
    shapes = geography.shapes.geometry.loc[default.hubs["district_code"]].to_numpy()
    inside = shapely.contains_xy(shapes, default.hubs["longitude"], default.hubs["latitude"])
    assert inside.all(), default.hubs.loc[~inside, "hub_code"].tolist()


def test_hub_coordinates_do_not_depend_on_scale(default, geography):
    smaller = generate(20_000, seed=2008, today=TODAY, geography=geography)
    columns = ["hub_code", "latitude", "longitude"]
    pd.testing.assert_frame_equal(default.hubs[columns], smaller.hubs[columns])


def test_white_spot_districts_are_never_reached(default, geography):
    located = resolve_catalogue(geography.states, geography.districts)
    white = set(geography.districts["district_code"].iloc[[located[p] for p in cat.WHITE_SPOTS]])
    reached = set(default.participants["district_code"].astype(str))
    assert not white & reached
    unreached = 1 - len(reached) / len(geography.districts)
    assert 0.05 <= unreached <= 0.15


def test_participants_live_mostly_in_the_hub_state(default_facts):
    same_state = (default_facts["state_code"] == default_facts["hub_state"]).mean()
    assert same_state >= 0.5
    national = default_facts.groupby("program_id")["state_code"].nunique()
    assert (national >= 20).sum() >= 20


# --- time and cadence ------------------------------------------------------------


def test_no_session_in_the_future(default):
    assert default.sessions["held_on"].max() <= pd.Timestamp(TODAY)
    assert default.programs["start_date"].max() <= pd.Timestamp(TODAY)


def test_programmes_span_2008_to_today_and_grow(default):
    years = default.programs["start_date"].dt.year.value_counts().sort_index()
    assert years.index.min() == 2008
    assert years.index.max() == TODAY.year
    assert years.loc[2008:2011].sum() < years.loc[2016:2019].sum()


def test_covid_surge_in_2020_21(default_facts, default):
    sessions = default.sessions["held_on"].dt.year.value_counts()
    assert sessions[2020] > sessions[2019]
    assert sessions[2021] > sessions[2019]
    per_year = default_facts["held_on"].dt.year.value_counts()
    assert per_year[2020] + per_year[2021] > 2 * (per_year[2018] + per_year[2019])
    sizes = default_facts.groupby("session_id").size()
    covid = default.disease_areas.set_index("name").loc["COVID-19 critical care", "id"]
    covid_sessions = default_facts.loc[default_facts["disease_area_id"] == covid, "session_id"]
    assert sizes.loc[covid_sessions.unique()].max() >= 1000


def test_sessions_are_weekly_or_fortnightly_and_mostly_an_hour(default):
    sessions = default.sessions.sort_values(["program_id", "held_on"])
    gaps = sessions.groupby("program_id")["held_on"].diff().dropna().dt.days
    assert set(gaps.unique()) <= {7, 14, 21, 28}
    assert gaps.isin([7, 14]).mean() > 0.9
    minutes = default.sessions["duration_minutes"]
    assert minutes.between(60, 120).all()
    assert (minutes == 60).mean() > 0.6


def test_finished_programmes_have_12_to_24_sessions(default):
    held = default.sessions.groupby("program_id").size()
    programs = default.programs.set_index("id")
    running = programs["end_date"].isna() | (programs["end_date"] > pd.Timestamp(TODAY))
    assert held[~running].between(12, 24).all()
    assert held[running].between(1, 24).all()
    last = default.sessions.groupby("program_id")["held_on"].max()
    assert (programs.loc[~running, "end_date"] == last[~running]).all()
    assert running.sum() > 0


def test_typical_sessions_have_20_to_80_attendees(default_facts):
    sizes = default_facts.groupby("session_id").size()
    assert 20 <= sizes.median() <= 80
    assert sizes.between(10, 120).mean() > 0.85


def test_attendance_falls_off_over_a_series(default_facts, default):
    sizes = default_facts.groupby("session_id").size().rename("size")
    sessions = default.sessions.join(sizes, on="id").fillna({"size": 0})
    sessions["nth"] = sessions.groupby("program_id").cumcount()
    sessions["count"] = sessions.groupby("program_id")["id"].transform("size")
    done = sessions[sessions["count"] >= 12]
    first = done[done["nth"] < 3]["size"].mean()
    last = done[done["nth"] >= done["count"] - 3]["size"].mean()
    assert last < 0.8 * first


def test_participants_return_and_some_join_several_programmes(default_facts):
    per_programme = default_facts.groupby(["program_id", "participant_id"]).size()
    assert (per_programme >= 2).mean() > 0.2
    programmes = per_programme.reset_index().groupby("participant_id").size()
    assert 0.03 < (programmes >= 2).mean() < 0.4


# --- cadres ----------------------------------------------------------------------


def test_cadres_fit_the_programme_sector(default_facts):
    health = default_facts["sector"] == "health"
    cadre = default_facts["cadre"].astype(str)
    assert cadre[health].isin(cat.HEALTH_CADRES).all()
    assert cadre[~health].isin(cat.EDUCATION_CADRES).all()
    assert set(cadre.unique()) == set(cat.CADRES)


def test_asha_refreshers_are_attended_by_ashas(default_facts, default):
    area = default.disease_areas.set_index("name").loc["ASHA refresher training", "id"]
    cadres = default_facts.loc[default_facts["disease_area_id"] == area, "cadre"].astype(str)
    assert cadres.isin(["ASHA", "ANM"]).all()
    assert (cadres == "ASHA").mean() > 0.7


def test_catalogue_institutions_keep_one_sector():
    sector = {t.name: t.sector for t in cat.TOPICS}
    for institution in cat.institutions():
        assert len({sector[t] for t in institution.topics}) == 1, institution.code


def test_generation_rejects_a_non_positive_scale(geography):
    with pytest.raises(ValueError):
        generate(0, geography=geography)


def test_ids_are_dense_from_one(default):
    for name in ("partners", "hubs", "disease_areas", "programs", "sessions", "participants"):
        ids = getattr(default, name)["id"].to_numpy()
        assert np.array_equal(ids, np.arange(1, len(ids) + 1)), name
