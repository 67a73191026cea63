"""`python -m dashboard user|token|audit`: each change made and audited; bad input is one
line and exit status 2; the production server refuses to start with demo accounts."""

import csv
import io
import logging
import runpy
from pathlib import Path

import pytest

from dashboard import service
from dashboard.access.credentials import password_matches, token_digest
from dashboard.access.demo import DEMO_ACCOUNTS, DEMO_DOMAIN
from dashboard.cli import main
from dashboard.store import accounts
from tests import signin


class Arbiter:
    """What gunicorn's hooks use of its master."""

    log = logging.getLogger("gunicorn")


GUNICORN_CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.fixture
def store(small_world):
    return small_world[0]


def command(monkeypatch, capsys, store, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main([*args, "--db", store.url])
    out, err = capsys.readouterr()
    return status, out, err


def test_users_and_tokens_from_the_command_line_are_made_and_audited(monkeypatch, capsys, store):
    email = f"cli-{id(store)}@test.invalid"
    run = lambda *args, stdin="": command(monkeypatch, capsys, store, *args, stdin=stdin)  # noqa: E731
    added = run("user", "add", email, "--role", "state", "--state", "29", "--state", "9",
                "--password-stdin", stdin="a long enough password\n")  # fmt: skip
    assert added[0] == 0, added
    user = accounts.find_user(store, email=email)
    assert user.states == {29, 9} and password_matches(user.password_hash, "a long enough password")
    assert email in run("user", "list")[1]

    made = run("token", "create", email, "--name", f"t-{email}", "--days", "2", "--state", "9")
    assert made[0] == 0, made
    secret = made[1].strip().splitlines()[-1]
    token = accounts.find_token(store, token_digest(secret))
    assert token.name == f"t-{email}" and token.scope(user).states == {9}
    assert f"t-{email}" in run("token", "list")[1] and secret not in run("token", "list")[1]
    assert run("token", "revoke", f"t-{email}")[0] == 0
    assert accounts.find_token(store, token_digest(secret)).revoked_at is not None
    assert run("user", "disable", email)[0] == 0
    assert accounts.find_user(store, email=email).disabled

    status, out, _ = run("audit", "--csv", "--since", "2020-01-01")
    rows = [r for r in csv.DictReader(io.StringIO(out)) if email in r["detail"]]
    assert status == 0
    assert [r["action"] for r in reversed(rows)] == [
        "user added",
        "token created",
        "token revoked",
        "user disabled",
    ]
    assert all(r["ist"] > r["utc"] for r in rows)  # IST is UTC+05:30


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["user", "add", "a@x.in", "--role", "ministry", "--password-stdin"], "short\n", "12"),
        (["user", "add", "a@x.in", "--role", "ministry", "--state", "29", "--password-stdin"],
         "a long enough password", "all of India"),
        (["user", "add", "a@x.in", "--role", "state", "--state", "99", "--password-stdin"],
         "a long enough password", "no state with LGD code 99"),
        (["user", "add", "a@x.in", "--role", "partner", "--password-stdin"],
         "a long enough password", "--partner"),
        (["user", "add", "a@x.in", "--role", "data_manager", "--password-stdin"],
         "a long enough password", "--state or --partner"),
        (["user", "disable", "nobody@x.in"], "", "no user nobody@x.in"),
        (["token", "create", "nobody@x.in", "--name", "x"], "", "no user"),
        (["token", "revoke", "no-such-token"], "", "no token named"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_status_2(monkeypatch, capsys, store, args, stdin, words):
    status, _, err = command(monkeypatch, capsys, store, *args, stdin=stdin)
    assert status == 2 and words in err and "Traceback" not in err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_a_token_wider_than_its_user_or_too_long_is_refused(monkeypatch, capsys, store):
    owner = signin.user(store, "state", states=(29,))
    for extra in (["--state", "9"], ["--days", "0"]):
        status, _, err = command(
            monkeypatch, capsys, store, "token", "create", owner.email, "--name", "w", *extra
        )
        assert status == 2 and ("within" in err or "--days" in err)


def test_demo_accounts_are_made_only_on_the_demo_store(monkeypatch, capsys, new_store):
    store = new_store("sqlite")
    status, out, _ = command(monkeypatch, capsys, store, "user", "demo")
    assert status == 0 and "Not the embedded demo store" in out
    assert not [u for u in accounts.users(store) if u.email.endswith(DEMO_DOMAIN)]


def test_the_production_server_refuses_to_start_with_demo_accounts(new_store, monkeypatch, caplog):
    store = new_store("sqlite")
    monkeypatch.setenv("DATABASE_URL", store.url)
    monkeypatch.setenv("ECHO_SECURE_COOKIES", "0")  # the file sets it unless given
    monkeypatch.setattr(service, "_current", None)
    hooks = runpy.run_path(str(GUNICORN_CONF))
    hooks["on_starting"](Arbiter())  # no demo account: it may start
    demo_user = DEMO_ACCOUNTS[0]
    signin.user(store, demo_user.role, email=demo_user.email)
    with pytest.raises(SystemExit) as stopped:
        hooks["on_starting"](Arbiter())
    assert stopped.value.code == 2 and demo_user.email in caplog.text
    accounts.set_disabled(store, demo_user.email)
    hooks["on_starting"](Arbiter())  # disabled: it may start
    assert service._current is None  # no data manager in the master: workers fork clean
