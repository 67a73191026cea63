"""The report's reasons: English where printed (the command line), kept as message and
values, and said later in the language of whoever reads them (the import page)."""

import json
import re

from dashboard.importer import import_path
from dashboard.importer.report import Reason, restored, said, spoken, stored
from dashboard.vocabulary.language import N_, current, speaking
from tests.importer.helpers import GOOD, write_files
from tests.importer.test_bad_inputs import CASES, STRICT

DEVANAGARI = re.compile(r"[\u0900-\u097f]")
OUTSIDE = N_("about {km} km outside {district}, the hub's district")
# Many kinds of problem in one import: errors, warnings, notes and rows beyond those kept.
BAD = GOOD | {
    "partners.csv": "partner_code,name,kind,phone\nPA1,Mission,hospitl,98765 43210\n"
    "Dr Ravi Kumar,Mission,ngo,\n",
    "hubs.csv": "hub_code,name,host_partner_code,state,district,latitude,longitude,lattitude\n"
    "HB1,Hub,PA9,Karnataka,Bangalor,77.59,12.97,\n"
    "HB2,Hub,PA1,Karnatka,Mysuru,abc,,\n"
    "HB3,Hub,PA1,Karnataka,Pune,95,1,\n",
    "programs.csv": "program_code,name,hub_code,disease_area,sector,partner_codes,start_date,"
    "end_date\nPR1,TB,HB1,TB,helth,PA1;PA8,2020-02-01,2020-01-01\n"
    "PR1,TB,HB1,TB,health,,2020-02-01,\n",
    "sessions.csv": "session_code,program_code,held_on,duration_minutes,held_on\n"
    f"{'S' * 41},PR1,2020-13-01,0,\nS2,PR1,31/02/2020,601,\nS3,PR1,1999-01-01,1.5,\n"
    "S4,PR1,2099-01-01,abc,\nS5,PR1,13/25/2020,60,\n",
    "participants.csv": "participant_code,cadre,state\nravi@example.org,ASHA,Karnataka\n"
    "U9,ASHA,Karnataka,Mysuru,extra\n",
    "attendance.csv": "session_code,participant_code\nS9,U1\n" + "S1,U8\n" * 60,
    "hubs.xlsx": b"not a workbook",
    "notes.txt": "not an import file",
    "sesions.csv": "session_code\n",
    "folder": {"partners.csv": ""},
}


def test_a_reason_is_its_english_text_and_is_said_in_hindi_when_asked():
    reason = said(OUTSIDE, km=123456, district="Mysuru")
    assert isinstance(reason, str) and reason.message == OUTSIDE
    assert reason == "about 1,23,456 km outside Mysuru, the hub's district"
    with speaking("hi"):
        assert str(reason) == reason  # its text stays English, whoever made it
        assert spoken(reason) == "हब के ज़िले Mysuru से लगभग 1,23,456 किमी बाहर"
    assert spoken(reason) == reason
    assert spoken("plain text, as an old report kept it") == "plain text, as an old report kept it"


def test_a_kept_reason_is_said_in_the_language_of_whoever_reads_it(seeded, tmp_path):
    files = {"sessions.csv": "session_code,program_code,held_on\n" + "S9,PR1,someday\n" * 52}
    with speaking("hi"):  # the check ran for a Hindi page...
        report = import_path(seeded, write_files(tmp_path, files), dry_run=True).report
    first, hidden = report.problems("error")[0], report.hidden("error")
    assert first.reason == "not a date (use YYYY-MM-DD or DD/MM/YYYY)"
    assert hidden == [
        'sessions.csv: held_on: 2 more like "not a date (use YYYY-MM-DD or DD/MM/YYYY)" not shown'
    ]
    kept = json.loads(json.dumps([stored(first.reason), stored(hidden[0])]))
    with speaking("en"):  # ...and is read on an English one
        assert [spoken(restored(k)) for k in kept] == [first.reason, hidden[0]]
    with speaking("hi"):
        assert [spoken(restored(k)) for k in kept] == [
            "तिथि नहीं (YYYY-MM-DD या DD/MM/YYYY का उपयोग करें)",
            'sessions.csv: held_on: "तिथि नहीं (YYYY-MM-DD या DD/MM/YYYY का उपयोग करें)" जैसी '
            "2 और समस्याएँ नहीं दिखाई गईं",
        ]


def reasons(store, folder, strict: bool = False) -> list[str]:
    """Every reason an import of `folder` reports, the lines counting those not kept too."""
    report = import_path(store, folder, dry_run=True, strict=strict).report
    severities = ("error", "warning", "note")
    return [p.reason for s in severities for p in report.problems(s)] + [
        line for s in severities for line in report.hidden(s)
    ]


def untranslated(found: list[str]) -> list[str]:
    """The reasons that are not a `Reason` in English, or that have no Hindi once kept."""
    wrong = [r for r in found if not isinstance(r, Reason) or DEVANAGARI.search(r)]
    with speaking("hi"):
        return wrong + [r for r in found if not DEVANAGARI.search(spoken(restored(stored(r))))]


def test_every_reason_of_a_check_can_be_said_in_hindi(seeded, tmp_path, monkeypatch):
    monkeypatch.delenv("PARTICIPANT_KEY", raising=False)
    found = reasons(seeded, write_files(tmp_path, BAD))
    assert len({r.message for r in found}) > 30, found
    assert not untranslated(found)
    assert current() == "en"


def test_every_reason_of_the_bad_input_catalogue_can_be_said_in_hindi(seeded, tmp_path):
    """tests/importer/test_bad_inputs.py's cases, each checked: none says an English word."""
    found = []
    for n, case in enumerate(CASES):
        folder = write_files(tmp_path / str(n), GOOD | case.files)
        found += reasons(seeded, folder, strict=case.options == STRICT)
    assert len(found) >= len(CASES)
    assert not untranslated(found)


def test_a_reason_kept_by_an_older_version_is_shown_as_it_was_kept():
    kept = stored(said(OUTSIDE, km=12, district="Mysuru"))
    assert kept["text"] == "about 12 km outside Mysuru, the hub's district"
    del kept["params"]["district"]  # the message has changed its values since
    with speaking("hi"):
        assert spoken(restored(kept)) == kept["text"]
        assert spoken(restored("plain text")) == "plain text"
