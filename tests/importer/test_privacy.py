"""No personal data in the store: PII columns dropped (and said so), emails made keyed codes."""

import hashlib
import hmac

from sqlalchemy import select

from dashboard.importer import import_path
from dashboard.importer.privacy import derived_code
from dashboard.store.schema import participant
from tests.importer.conftest import KEY
from tests.importer.helpers import GOOD, report_lines, run, write_files

PEOPLE = """Participant Name,E-mail,Mobile,cadre,state,district
Ravi Kumar, Ravi.Kumar@Example.org ,98450 12345,ASHA,Karnataka,Mysuru
Asha Devi,asha.devi@example.org,+91 99000 11122,ANM,Karnataka,Bangalore
"""
ATTENDED = """session_code,email,name
S1,ravi.kumar@example.org,Ravi Kumar
S2,ASHA.DEVI@example.org,Asha Devi
"""


def expected_code(email: str) -> str:
    return "e-" + hmac.new(KEY.encode(), email.encode(), hashlib.sha256).hexdigest()[:40]


def people_files() -> dict[str, str]:
    return GOOD | {"participants.csv": PEOPLE, "attendance.csv": ATTENDED}


def test_emails_become_keyed_codes_and_no_personal_data_is_stored(key, new_store, tmp_path, capsys):
    store = new_store("sqlite")
    folder = write_files(tmp_path / "files", people_files())
    code, out, _ = run(capsys, "import", str(folder), "--db", str(store.url))
    assert code == 0, out
    assert report_lines(out, "Notes") == [
        "attendance.csv:1: email: -: personal data: used only to derive missing participant "
        "codes, not stored",
        "attendance.csv:1: name: -: personal data (name): dropped, not stored",
        "participants.csv:1: e_mail: -: personal data: used only to derive missing "
        "participant codes, not stored",
        "participants.csv:1: mobile: -: personal data (phone): dropped, not stored",
        "participants.csv:1: participant_name: -: personal data (name): dropped, not stored",
    ]
    assert report_lines(out) == []


def test_derived_codes_are_the_keyed_hash_of_the_normalised_email(key, new_store, tmp_path):
    store = new_store("sqlite")
    files = people_files() | {
        "participants.csv": PEOPLE.replace("E-mail", "email").replace("Mobile", "phone")
    }
    result = import_path(store, write_files(tmp_path / "files", files))
    assert not result.refused, result.text()
    codes = set(store.read(select(participant.c.participant_code)).participant_code)
    assert codes == {
        expected_code("ravi.kumar@example.org"),
        expected_code("asha.devi@example.org"),
    }
    assert result.counts["attendance"].inserted == 2
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("store-*.db*"))
    for secret in (b"Ravi Kumar", b"ravi.kumar", b"asha.devi", b"example.org", b"98450"):
        assert secret not in stored


def test_the_same_person_gets_the_same_code_in_every_import(key, new_store, tmp_path):
    store = new_store("sqlite")
    files = people_files() | {"participants.csv": PEOPLE.replace("E-mail", "email")}
    import_path(store, write_files(tmp_path / "a", files))
    again = import_path(store, write_files(tmp_path / "b", files))
    assert again.counts["participants"].unchanged == 2
    assert again.counts["attendance"].unchanged == 2
    assert derived_code("a@b.in", KEY.encode()) == derived_code("a@b.in", KEY.encode())


def test_emails_without_a_key_are_refused(monkeypatch, seeded, tmp_path, capsys):
    monkeypatch.delenv("PARTICIPANT_KEY", raising=False)
    files = GOOD | {"participants.csv": PEOPLE.replace("E-mail", "email")}
    folder = write_files(tmp_path, files)
    code, out, _ = run(capsys, "import", str(folder), "--db", str(seeded.url))
    assert code == 1
    assert report_lines(out) == [
        "participants.csv:1: email: -: PARTICIPANT_KEY is not set: participant codes cannot "
        "be derived from emails without it (set it to a long random secret, the same for "
        "every import)"
    ]


def test_a_short_key_is_refused(monkeypatch, seeded, tmp_path, capsys):
    monkeypatch.setenv("PARTICIPANT_KEY", "short")
    files = GOOD | {"participants.csv": PEOPLE.replace("E-mail", "email")}
    code, out, _ = run(capsys, "import", str(write_files(tmp_path, files)), "--db", str(seeded.url))
    assert code == 1
    assert "PARTICIPANT_KEY is shorter than 16 characters" in out


def test_a_bad_email_is_reported_without_echoing_it(key, seeded, tmp_path, capsys):
    people = "participant_code,email,cadre,state,district\n,ravi at example,ASHA,29,Mysuru\n"
    files = GOOD | {"participants.csv": people}
    code, out, _ = run(capsys, "import", str(write_files(tmp_path, files)), "--db", str(seeded.url))
    assert code == 1
    assert report_lines(out) == ["participants.csv:2: email: -: not an email address"]
    assert "ravi at example" not in out
