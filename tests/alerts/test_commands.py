"""`python -m dashboard alerts ...` as cron and an administrator run it: subscriptions and
muted items written and audited, bad arguments refused, a run sending through the mail
settings of the environment, and a failed run reported (exit status, audit log), never sent."""

from datetime import timedelta

import pytest

from dashboard import cli
from dashboard.alerts import commands
from dashboard.store import accounts
from dashboard.store import alerts as kept
from tests import attention_world as aw
from tests import signin
from tests.conftest import migrated_store
from tests.world import write_world


@pytest.fixture
def store(tmp_path):
    with migrated_store("sqlite", tmp_path) as store:
        write_world(store, aw.attention_world())
        yield store


@pytest.fixture
def mail_settings(inbox, monkeypatch):
    """The environment of a run (docs/configuration.md) pointing at the test's server, on
    the attention world's day."""
    box, settings = inbox
    monkeypatch.setenv("ECHO_SMTP_HOST", settings.host)
    monkeypatch.setenv("ECHO_SMTP_PORT", str(settings.port))
    monkeypatch.setenv("ECHO_ALERTS_FROM", settings.sender)
    monkeypatch.setattr(commands, "today_in_india", lambda: aw.AS_OF)
    return box


def alerts(store, *args: str) -> int:
    return cli.main(["alerts", *args, "--db", store.url])


def actions(store) -> list[str]:
    return [row["action"] for row in reversed(accounts.audit_events(store))]


def test_subscribe_ack_snooze_unsubscribe_are_written_and_audited(store, mail_settings):
    user = signin.user(store, "state", states=(29,))
    assert alerts(store, "subscribe", user.email, "--weekly", "--lang", "hi") == 0
    (subscription,) = kept.subscriptions(store)
    assert (subscription.frequency, subscription.language) == ("weekly", "hi")
    assert alerts(store, "ack", user.email, "silent_hubs:HB2") == 0
    assert alerts(store, "snooze", user.email, "cohort_once:COH", "--days", "3") == 0
    assert kept.muted(store, user.id, aw.AS_OF) == {"silent_hubs:HB2", "cohort_once:COH"}
    assert kept.muted(store, user.id, aw.AS_OF + timedelta(days=3)) == {"silent_hubs:HB2"}
    assert alerts(store, "unsubscribe", user.email) == 0
    assert kept.subscriptions(store) == []
    assert actions(store) == [
        "alerts subscribed",
        "alert acknowledged",
        "alert snoozed",
        "alerts unsubscribed",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["subscribe", "nobody@test.invalid"],
        ["ack", "{email}", "silent_hubs"],
        ["ack", "{email}", "no_such_rule:HB2"],
        ["snooze", "{email}", "silent_hubs:HB2", "--days", "0"],
        ["unsubscribe", "{email}"],  # not subscribed
        [],  # neither --send nor --dry-run
    ],
)
def test_bad_arguments_are_refused(store, args, capsys):
    user = signin.user(store)
    assert alerts(store, *[a.format(email=user.email) for a in args]) == 2
    assert capsys.readouterr().err.startswith("error: ")
    assert kept.subscriptions(store) == [] and kept.muted(store, user.id, aw.AS_OF) == set()


def test_a_run_sends_each_digest_once_and_audits_it(store, mail_settings):
    user = signin.user(store, "state", states=(9,))
    alerts(store, "subscribe", user.email)
    assert alerts(store, "--send") == 0
    assert alerts(store, "--send") == 0  # started again the same day: nothing more
    assert len(mail_settings.to(user.email)) == 1
    assert actions(store).count("alert sent") == 1


def test_a_run_on_a_store_without_sessions_fails(tmp_path, mail_settings, capsys):
    with migrated_store("sqlite", tmp_path) as empty:
        user = signin.user(empty)
        alerts(empty, "subscribe", user.email)
        assert alerts(empty, "--send") == 1
        assert "no sessions" in capsys.readouterr().err
        assert actions(empty)[-1] == "alerts failed"
    assert mail_settings.messages == []


def test_a_run_without_mail_settings_fails_naming_them(store, mail_settings, monkeypatch, capsys):
    monkeypatch.delenv("ECHO_SMTP_HOST")
    user = signin.user(store)
    alerts(store, "subscribe", user.email)
    assert alerts(store, "--send") == 1
    assert "ECHO_SMTP_HOST is not set" in capsys.readouterr().err
    assert kept.sent(store, user.id) == [] and mail_settings.messages == []
