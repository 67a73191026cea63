"""The rules of each entity file (partners to participants), applied a chunk at a time.

Every rule reports at the row and column at fault and marks the row bad; the
file's valid rows come out in code form (references as codes, places as
district_code) ready to compare with the store and to write.
"""

import numpy as np
import pandas as pd

from dashboard.geography import tables as geography
from dashboard.importer import values
from dashboard.importer.columns import (
    CHOICES,
    CODE_LENGTH,
    EMAIL,
    PARTICIPANT_CODE_LENGTH,
    TEXT_LENGTHS,
)
from dashboard.importer.context import Checked, Context
from dashboard.importer.privacy import (
    PARTICIPANT,
    MissingKey,
    derived_code,
    normalise_email,
    personal_value,
)
from dashboard.importer.report import ERROR, WARNING, Report, said
from dashboard.importer.resolve import (
    KM_PER_DEGREE,
    coordinates_problem,
    distance_outside,
    district_name,
    place,
)
from dashboard.importer.sources import Chunk, Source
from dashboard.importer.table import MISSING, NO_ROWS, Block, Header, read_header
from dashboard.vocabulary.language import N_

Columns = dict[str, np.ndarray]


def check_file(source: Source, ctx: Context) -> Checked | None:
    """Check one entity file; its valid, deduplicated rows and every code it names.

    A file lacking a required column has every row checked all the same, for the
    other columns (the checks that need the missing one find it empty and pass
    over it), and gives no rows to write.
    """
    header = read_header(source, ctx.report)
    if header is None:
        return None
    rule = RULES[source.spec.name]
    key = source.spec.key[0]
    frames, codes = [], set()
    for chunk in source.chunks():
        block = Block(source, header, chunk, ctx.report)
        columns = rule(block, header, ctx)
        codes.update(c for c in columns[key] if c)
        if header.usable:
            frame = pd.DataFrame({"line": block.lines, **columns})
            frames.append(frame[~block.bad])
    if not frames and header.usable and not source.open_quotes:
        ctx.report.add(source.label, 0, "", None, NO_ROWS, WARNING)
    present = frozenset(c for c in source.spec.columns if header.has(c))
    frame = pd.concat(frames, ignore_index=True) if frames else _no_rows(source, header, ctx)
    frame = _without_repeats(frame, source, ctx)
    return Checked(source.spec, source.label, _own_columns(frame, source, present), codes)


def _no_rows(source: Source, header: Header, ctx: Context) -> pd.DataFrame:
    """An empty frame with the columns the file's rows would have."""
    block = Block(source, header, Chunk(np.empty(0, dtype=np.int64), []), Report())
    return pd.DataFrame({"line": block.lines, **RULES[source.spec.name](block, header, ctx)})


def _own_columns(frame: pd.DataFrame, source: Source, present: frozenset[str]) -> pd.DataFrame:
    """Drop optional columns the file does not give: the store keeps its values for them."""
    absent = [c for c in source.spec.optional if c not in present and c in frame]
    return frame.drop(columns=absent)


def _without_repeats(frame: pd.DataFrame, source: Source, ctx: Context) -> pd.DataFrame:
    """Rows repeated verbatim count once; a code repeated with other values is an error."""
    if frame.empty:
        return frame
    key = source.spec.key[0]
    data = [c for c in frame.columns if c != "line"]
    frame = frame[~frame.duplicated(subset=data)]
    repeated = frame.duplicated(subset=[key], keep="first")
    if repeated.any():
        first = frame.drop_duplicates(subset=[key]).set_index(key)
        for row in frame[repeated].itertuples(index=False):
            earlier = first.loc[getattr(row, key)]
            differ = [c for c in data if c != key and not _same(getattr(row, c), earlier[c])]
            ctx.report.add(
                source.label,
                int(row.line),
                key,
                getattr(row, key),
                said(
                    N_("given again with another {columns} (first on line {line})"),
                    columns=", ".join(differ),
                    line=str(earlier["line"]),
                ),
            )
    return frame[~repeated].reset_index(drop=True)


def _same(a: object, b: object) -> bool:
    return (pd.isna(a) and pd.isna(b)) if (_missing(a) or _missing(b)) else a == b


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


# ------------------------------------------------------------------ column rules


def code_column(block: Block, column: str, limit: int = CODE_LENGTH) -> np.ndarray:
    block.require(column)
    codes = _filled(block.parse(column, values.code(limit)))
    return _impersonal(block, column, codes, "")


def _text(block: Block, column: str) -> np.ndarray:
    block.require(column)
    return _impersonal(block, column, block.parse(column, values.text(TEXT_LENGTHS[column])))


def _impersonal(
    block: Block, column: str, found: np.ndarray, cleared: str | None = None
) -> np.ndarray:
    """Refuse values that look like personal data (see privacy.py), naming the row and the
    rule but not the value, and clear them (so no second error repeats them)."""
    reasons = {v: personal_value(v, column) for v in dict.fromkeys(found.tolist()) if v}
    if any(reasons.values()):
        for n, value in enumerate(found.tolist()):
            if value and reasons[value]:
                block.problem(n, column, None, reasons[value])
                found[n] = cleared
    return found


def _choice(block: Block, column: str) -> np.ndarray:
    block.require(column)
    return block.parse(column, values.choice(CHOICES[column]))


def _filled(parsed: np.ndarray) -> np.ndarray:
    """None -> "" so code columns stay text."""
    return np.array(["" if v is None else v for v in parsed.tolist()], dtype=object)


def reference(block: Block, column: str, target: str, ctx: Context) -> np.ndarray:
    """A code column that must name a row of file `target` or of the store."""
    codes = code_column(block, column)
    known = ctx.known(target)
    unknown = np.array([bool(c) and c not in known for c in codes.tolist()], dtype=bool)
    block.problems(unknown, column, ctx.unknown_reason(target))
    return codes


def _date(
    block: Block, column: str, ctx: Context, future: str | None, required: bool
) -> np.ndarray:
    """Dates; a date after today gets `future`'s severity (ERROR or WARNING)."""
    if required:
        block.require(column)
    parsed = block.parse(column, values.parse_date)
    if future:
        raw = block.get(column)
        for n, value in enumerate(parsed.tolist()):
            if value is not None and value > ctx.today:
                reason = said(N_("in the future (today is {today})"), today=str(ctx.today))
                block.problem(n, column, raw[n], reason, future)
    return parsed


def _places(block: Block) -> np.ndarray:
    """district_code of each row's (state, district), reporting unknown places."""
    states, districts = block.require("state"), block.require("district")
    answers: dict[tuple[str, str], tuple] = {}
    codes = np.full(len(block), "", dtype=object)
    for n, pair in enumerate(zip(states.tolist(), districts.tolist(), strict=True)):
        if not (pair[0] and pair[1]):
            continue
        if pair not in answers:
            answers[pair] = place(*pair)
        code, column, reason = answers[pair]
        if code is None:
            block.problem(n, column, pair[0] if column == "state" else pair[1], reason)
        else:
            codes[n] = code
    return codes


def participant_codes(block: Block, header: Header, ctx: Context, full: bool = True) -> np.ndarray:
    """Given participant codes, or codes derived from emails; personal-looking ones refused.

    `full=False` skips the checks of each given code, for files that only refer to
    participants: a code they name must be known, and known codes passed them.
    """
    codes = block.get("participant_code").copy()
    given = codes != ""
    if header.has(EMAIL) and not given.all():
        _derive(block, codes, ~given, ctx)
    column = "participant_code" if header.has("participant_code") else EMAIL
    if header.has(column):
        block.problems((codes == "") & ~block.bad, column, MISSING)
    if not full:
        return codes
    checked = _filled(block.parse(PARTICIPANT, values.code(PARTICIPANT_CODE_LENGTH)))
    codes[given] = _impersonal(block, PARTICIPANT, np.where(given, checked, ""), "")[given]
    return codes


def _derive(block: Block, codes: np.ndarray, wanted: np.ndarray, ctx: Context) -> None:
    emails = block.get(EMAIL)
    wanted &= emails != ""
    if not wanted.any():
        return
    try:
        key = ctx.key()
    except MissingKey as error:
        if block.label not in ctx.keyless:
            ctx.keyless.add(block.label)
            ctx.report.add(block.label, 1, EMAIL, None, error.reason)
        block.bad |= wanted
        return
    derived: dict[str, str | None] = {}
    for n in np.flatnonzero(wanted):
        email = emails[n]
        if email not in derived:
            normal = normalise_email(email)
            derived[email] = derived_code(normal, key) if normal else None
        if derived[email] is None:
            block.problem(n, EMAIL, None, said(N_("not an email address")))
        else:
            codes[n] = derived[email]


# ------------------------------------------------------------------ file rules


def _partners(block: Block, header: Header, ctx: Context) -> Columns:
    return {
        "partner_code": code_column(block, "partner_code"),
        "name": _text(block, "name"),
        "kind": _choice(block, "kind"),
    }


def _hubs(block: Block, header: Header, ctx: Context) -> Columns:
    districts = _places(block)
    latitude, longitude = _coordinates(block, districts)
    return {
        "hub_code": code_column(block, "hub_code"),
        "name": _text(block, "name"),
        "host_partner_code": reference(block, "host_partner_code", "partners", ctx),
        "district_code": districts,
        "latitude": latitude,
        "longitude": longitude,
        "launched_on": _date(block, "launched_on", ctx, ERROR, required=False),
    }


def _coordinates(block: Block, districts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both or neither; a warning when outside India or far from the hub's district."""
    latitude = block.parse("latitude", values.parse_latitude)
    longitude = block.parse("longitude", values.parse_longitude)
    raw = {c: block.get(c) for c in ("latitude", "longitude")}
    for n in range(len(block)):
        given = [c for c in raw if raw[c][n]]
        if len(given) == 1:
            other = "longitude" if given[0] == "latitude" else "latitude"
            reason = said(N_("missing: give {other} with {given}"), other=other, given=given[0])
            block.problem(n, other, None, reason)
        elif given and latitude[n] is not None and longitude[n] is not None:
            _place_check(block, n, latitude[n], longitude[n], districts[n])
    return _floats(latitude), _floats(longitude)


def _place_check(block: Block, n: int, latitude: float, longitude: float, district: str) -> None:
    shown = f"{block.get('latitude')[n]}, {block.get('longitude')[n]}"
    reason = coordinates_problem(latitude, longitude)
    if reason is None and district:
        outside = distance_outside(district, latitude, longitude)
        if outside > geography.HUB_TOLERANCE_DEGREES:
            km = outside * KM_PER_DEGREE
            reason = said(
                N_("about {km} km outside {district}, the hub's district"),
                km=round(km),
                district=district_name(district),
            )
    if reason:
        block.problem(n, "latitude", shown, reason, WARNING)


def _floats(parsed: np.ndarray) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in parsed.tolist()], dtype=float)


def _programs(block: Block, header: Header, ctx: Context) -> Columns:
    start = _date(block, "start_date", ctx, WARNING, required=True)
    end = _date(block, "end_date", ctx, None, required=False)
    raw_end = block.get("end_date")
    for n, (first, last) in enumerate(zip(start.tolist(), end.tolist(), strict=True)):
        if first is not None and last is not None and last < first:
            reason = said(N_("before start_date ({date})"), date=str(first))
            block.problem(n, "end_date", raw_end[n], reason)
    return {
        "program_code": code_column(block, "program_code"),
        "name": _text(block, "name"),
        "hub_code": reference(block, "hub_code", "hubs", ctx),
        "disease_area": _disease_areas(block, ctx),
        "sector": _choice(block, "sector"),
        "partner_codes": _partner_lists(block, ctx),
        "start_date": start,
        "end_date": end,
    }


def _disease_areas(block: Block, ctx: Context) -> np.ndarray:
    """Names as first spelt (in the store, else in this import): "tuberculosis" is Tuberculosis."""
    names = _text(block, "disease_area")
    for n, name in enumerate(names.tolist()):
        if name is not None:
            names[n] = ctx.spellings.setdefault(name.casefold(), name)
    return names


def _partner_lists(block: Block, ctx: Context) -> np.ndarray:
    """`;`-separated partner codes, each known; kept sorted and `;`-joined for comparing."""
    known = ctx.known("partners")
    lists = np.full(len(block), "", dtype=object)
    for n, raw in enumerate(block.get("partner_codes").tolist()):
        codes = values.split_codes(raw)
        for code in codes:
            if reason := personal_value(code, "partner_codes"):
                block.problem(n, "partner_codes", None, reason)
            elif code not in known:
                block.problem(n, "partner_codes", code, ctx.unknown_reason("partners"))
        lists[n] = ";".join(sorted(codes))
    return lists


def _sessions(block: Block, header: Header, ctx: Context) -> Columns:
    programs = reference(block, "program_code", "programs", ctx)
    held = _date(block, "held_on", ctx, ERROR, required=True)
    _within_programme(block, programs, held, ctx)
    return {
        "session_code": code_column(block, "session_code"),
        "program_code": programs,
        "held_on": held,
        "duration_minutes": block.parse("duration_minutes", values.parse_minutes),
    }


def _within_programme(block: Block, programs: np.ndarray, held: np.ndarray, ctx: Context) -> None:
    dates = ctx.program_dates()
    raw = block.get("held_on")
    for n, (program, day) in enumerate(zip(programs.tolist(), held.tolist(), strict=True)):
        if day is None or program not in dates or block.bad[n]:
            continue
        start, end = dates[program]
        if day < start or (end is not None and day > end):
            if not end:
                outside = N_(
                    "outside its programme's dates ({start} to open): "
                    "its attendance counts all the same"
                )
            else:
                outside = N_(
                    "outside its programme's dates ({start} to {end}): "
                    "its attendance counts all the same"
                )
            reason = said(outside, start=str(start), end=str(end))
            block.problem(n, "held_on", raw[n], reason, WARNING)


def _participants(block: Block, header: Header, ctx: Context) -> Columns:
    return {
        "participant_code": participant_codes(block, header, ctx),
        "cadre": _text(block, "cadre"),
        "district_code": _places(block),
    }


RULES = {
    "partners": _partners,
    "hubs": _hubs,
    "programs": _programs,
    "sessions": _sessions,
    "participants": _participants,
}
