"""Alert runs against a mail server of the test's own: each digest's items and figures
against the attention rules counted by brute force (tests/attention_world.py), per scope
and language; one digest per subscriber and period under two runs at once (SQLite and
PostgreSQL); nothing sent by a run that cannot read the store; weekly cadence; muted items."""

import re
import socket
import threading
from dataclasses import replace
from datetime import timedelta
from fractions import Fraction

import pytest
from cachelib import SimpleCache

from dashboard.alerts import mail
from dashboard.alerts.run import AlertsFailed, Report, Run, run_alerts
from dashboard.attention import figure_text
from dashboard.service import DashboardData
from dashboard.store import alerts as kept
from dashboard.store.database import Store
from dashboard.vocabulary.attention import FIGURES, Thresholds
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.language import _, speaking
from tests import attention_world as aw
from tests import signin
from tests.conftest import BACKENDS, migrated_store
from tests.world import write_world

WORLD = aw.attention_world()
DEFAULTS = Thresholds()
KEY = re.compile(r": (\w+:[\w-]+)\r?$", re.MULTILINE)  # an item's key line: "Item: rule:code"


@pytest.fixture
def store(tmp_path):
    with migrated_store("sqlite", tmp_path) as store:
        write_world(store, WORLD)
        yield store


def subscriber(store: Store, states=(), frequency="daily", language="en"):
    account = signin.user(store, "state" if states else "ministry", states=states)
    kept.subscribe(store, account.id, frequency, language)
    return account


def alerts(store, settings, today=aw.AS_OF, thresholds=DEFAULTS, dry=False) -> Report:
    """One run as cron starts it, on `today`, sending to the test's server."""
    data = DashboardData(store, SimpleCache(), use_engine=False)
    send = None if dry else (lambda message: mail.send(settings, message))
    url = settings.dashboard_url
    return run_alerts(Run(store, data, thresholds, today, settings.sender, url, send, "test"))


def expected(states=(), thresholds=DEFAULTS, language="en") -> dict[str, list[str]]:
    """Each item the rules list for the scope, by key, with its figure lines as a digest
    writes them, from the brute-force count."""
    found = aw.rules(WORLD, Filters(state=tuple(states)), thresholds)
    with speaking(language):
        return {
            f"{rule}:{code}": [
                f"    {_(FIGURES[name])}: {figure_text(name, _plain(value))}"
                for name, value in figures.items()
            ]
            for rule, items in found.items()
            for code, figures in items.items()
        }


def _plain(value):
    return float(value) if isinstance(value, Fraction) else value


def keys(message) -> set[str]:
    return set(KEY.findall(message.get_content()))


def assert_digest(message, wanted: dict[str, list[str]]) -> None:
    """The digest lists exactly the wanted items, each figure as counted."""
    body = message.get_content()
    assert keys(message) == set(wanted)
    for lines in wanted.values():
        for line in lines:
            assert line in body.splitlines()


@pytest.mark.parametrize("states", [(29,), (9,), ()], ids=["state 29", "state 9", "india"])
def test_each_digest_holds_its_scope_items_with_their_figures(store, inbox, states):
    box, settings = inbox
    account = subscriber(store, states)
    report = alerts(store, settings)
    assert report.sent == [account.email] and not report.failed
    (message,) = box.to(account.email)
    wanted = expected(states)
    assert wanted and wanted != expected((29,) if states == (9,) else (9,))
    assert_digest(message, wanted)
    assert message["Subject"] == (
        f"ECHO India: {len(wanted)} new items need attention (data as of 07 Dec 2026)"
    )
    assert "https://echo.test/?" in message.get_content()
    assert kept.sent(store, account.id)[0]["sent"] == set(wanted)


def test_a_hindi_digest_is_in_hindi(store, inbox):
    box, settings = inbox
    account = subscriber(store, (29,), language="hi")
    alerts(store, settings)
    (message,) = box.to(account.email)
    assert "नए मद ध्यान देने योग्य हैं" in message["Subject"]
    assert "आपकी पिछली सूचना के बाद से नया" in message.get_content()
    assert_digest(message, expected((29,), language="hi"))
    assert expected((29,), language="hi") != expected((29,))  # the headings are translated


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_runs_at_once_send_one_digest_each(tmp_path, inbox, backend, monkeypatch):
    """Each run is let past the early look (is the period done?), so only the claim's
    unique key stands between them."""
    box, settings = inbox
    monkeypatch.setattr(kept, "is_claimed", lambda *args: False)
    with migrated_store(backend, tmp_path) as store:
        write_world(store, WORLD)
        people = [subscriber(store, states) for states in ((29,), (9,), ())]
        start = threading.Barrier(2)
        reports: list[Report] = []

        def run() -> None:
            own = Store(store.url)  # each run its own connections, as two processes
            start.wait()
            reports.append(alerts(own, settings))
            own.dispose()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for person in people:
            assert len(box.to(person.email)) == 1
            assert len(kept.sent(store, person.id)) == 1
        sent = sorted(email for report in reports for email in report.sent)
        assert sent == sorted(p.email for p in people)
        assert not any(report.failed for report in reports)


def test_a_run_that_cannot_read_the_store_fails_and_sends_nothing(store, inbox, monkeypatch):
    box, settings = inbox
    account = subscriber(store, (29,))

    def down(*args, **kwargs):
        raise StoreUnavailable("connection refused")

    monkeypatch.setattr(DashboardData, "programs", down)
    report = alerts(store, settings)
    assert report.failed == [f"{account.email}: connection refused"] and not report.sent
    assert box.messages == [] and kept.sent(store, account.id) == []
    with pytest.raises(AlertsFailed, match="cannot be read"):
        alerts(Store("postgresql://postgres@127.0.0.1:1/none"), settings)
    assert box.messages == []


def test_a_store_without_sessions_fails_the_run(tmp_path, inbox):
    box, settings = inbox
    with migrated_store("sqlite", tmp_path) as empty:
        subscriber(empty)
        with pytest.raises(AlertsFailed, match="no sessions"):
            alerts(empty, settings)
    assert box.messages == []


def test_only_new_items_and_nothing_when_nothing_is_new(store, inbox):
    box, settings = inbox
    account = subscriber(store, (29,))
    alerts(store, settings)
    report = alerts(store, settings, today=aw.AS_OF + timedelta(days=1))
    assert report.nothing_new == [account.email] and len(box.to(account.email)) == 1
    lower = replace(Thresholds(), fall_minimum=5)  # TINY's fall counts: a new item
    new = set(expected((29,), lower)) - set(expected((29,)))
    assert new
    alerts(store, settings, today=aw.AS_OF + timedelta(days=2), thresholds=lower)
    assert keys(box.to(account.email)[-1]) == new


def test_weekly_subscribers_are_sent_once_a_week(store, inbox):
    box, settings = inbox
    weekly, daily = subscriber(store, frequency="weekly"), subscriber(store)
    alerts(store, settings)  # Monday 7 Dec 2026
    lower = replace(Thresholds(), fall_minimum=5)
    report = alerts(store, settings, today=aw.AS_OF + timedelta(days=1), thresholds=lower)
    assert report.done_already == [weekly.email] and report.sent == [daily.email]
    report = alerts(store, settings, today=aw.AS_OF + timedelta(days=7), thresholds=lower)
    assert report.sent == [weekly.email]
    assert [len(box.to(p.email)) for p in (weekly, daily)] == [2, 2]
    assert keys(box.to(weekly.email)[1]) == keys(box.to(daily.email)[1])
    assert [s["period"] for s in kept.sent(store, weekly.id)] == ["2026-W50", "2026-W51"]


def test_acknowledged_and_snoozed_items_are_left_out_until_due(store, inbox):
    box, settings = inbox
    account = subscriber(store, (29,))
    wanted = expected((29,))
    acked, snoozed = sorted(wanted)[:2]
    kept.mute(store, account.id, acked, None)
    kept.mute(store, account.id, snoozed, aw.AS_OF + timedelta(days=2))
    alerts(store, settings)
    assert keys(box.to(account.email)[0]) == set(wanted) - {acked, snoozed}
    alerts(store, settings, today=aw.AS_OF + timedelta(days=1))  # still snoozed
    alerts(store, settings, today=aw.AS_OF + timedelta(days=2))
    assert len(box.to(account.email)) == 2
    assert keys(box.to(account.email)[1]) == {snoozed}


def test_unsubscribed_users_and_dry_runs_are_sent_nothing(store, inbox):
    box, settings = inbox
    gone, kept_on = subscriber(store), subscriber(store, (9,))
    kept.unsubscribe(store, gone.id)
    report = alerts(store, settings, dry=True)
    assert report.sent == [kept_on.email] and box.messages == []
    assert "Item: " in report.previews[0] and kept.sent(store, kept_on.id) == []
    alerts(store, settings)
    assert box.to(gone.email) == [] and len(box.to(kept_on.email)) == 1


def test_a_digest_the_mail_server_refuses_is_failed_and_left_for_the_next_run(store, inbox):
    box, settings = inbox
    account = subscriber(store, (9,))
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        nowhere = replace(settings, port=closed.getsockname()[1])
    report = alerts(store, nowhere)
    assert [f.split(":")[0] for f in report.failed] == [account.email] and not report.sent
    assert kept.sent(store, account.id) == []  # the claim was given back
    assert alerts(store, settings).sent == [account.email]
    assert keys(box.to(account.email)[0]) == set(expected((9,)))
