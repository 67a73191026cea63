"""The server's own pages (sign-in, sign-out, audit log) in English and Hindi: the language
from the link, remembered in the cookie the Dash pages share, the switch keeping the
page's address, and the sign-in's redirect carrying it."""

import re

import pytest

from dashboard.access.language import linked, switch_href
from dashboard.vocabulary.language import speaking
from tests import signin
from tests.access.conftest import CSRF, person

SWITCH = re.compile(r'<a id="page-language" href="([^"]*)" lang="(\w+)"')


def sign_in_form(http, page: str, email: str, password: str):
    """POST the sign-in form of `page` (its address kept, as a browser posts it)."""
    token = CSRF.search(http.get(page).get_data(as_text=True)).group(1)
    return http.post(page, data={"email": email, "password": password, "csrf_token": token})


def test_the_sign_in_page_in_hindi(http):
    page = http.get("/login?next=%2Flive&lang=hi")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and '<html lang="hi">' in text
    for words in ("साइन इन करें", "ईमेल", "पासवर्ड", "ECHO India डैशबोर्ड"):
        assert words in text, words
    assert "Password" not in text
    assert 'href="/assets/app.css"' in text  # the vendored Devanagari font
    href, language = SWITCH.search(text).groups()
    assert (href, language) == ("?next=%2Flive&amp;lang=en", "en")
    assert ">English</a>" in text


def test_the_sign_in_page_in_english_offers_hindi(http):
    text = http.get("/login?next=%2F").get_data(as_text=True)
    assert '<html lang="en">' in text and ">Sign in</button>" in text
    assert SWITCH.search(text).groups() == ("?next=%2F&amp;lang=hi", "hi")
    assert ">हिन्दी</a>" in text


def test_the_language_is_remembered_in_the_dash_pages_cookie(http):
    answer = http.get("/login?lang=hi")
    assert "lang=hi" in answer.headers["Set-Cookie"]
    again = http.get("/login?next=%2F")
    assert again.status_code == 302 and again.headers["Location"] == "/login?next=%2F&lang=hi"
    http.get("/login?lang=en")
    assert http.get("/login").status_code == 200


def test_a_failed_sign_in_says_so_in_hindi(http, app_store):
    user = person(app_store[0])
    answer = sign_in_form(http, "/login?next=%2F&lang=hi", user.email, "not the password")
    assert answer.status_code == 401
    assert "ईमेल या पासवर्ड गलत है।" in answer.get_data(as_text=True)


def test_signing_in_in_hindi_lands_on_the_dashboard_in_hindi(http, app_store):
    user = person(app_store[0])
    answer = sign_in_form(http, "/login?next=%2Flive&lang=hi", user.email, signin.PASSWORD)
    assert answer.status_code == 302 and answer.headers["Location"] == "/live?lang=hi"
    assert '<html lang="hi">' in http.get("/live?lang=hi").get_data(as_text=True)


def test_a_page_asked_for_in_hindi_before_signing_in_asks_for_it_in_hindi(http):
    answer = http.get("/?lang=hi")
    assert answer.headers["Location"] == "/login?next=%2F%3Flang%3Dhi&lang=hi"


def test_the_audit_page_and_sign_out_in_hindi(http, app_store):
    signin.signed_in(http, app_store[0], role="admin")
    audit = http.get("/admin/audit?lang=hi").get_data(as_text=True)
    assert '<h2 class="h5">ऑडिट लॉग</h2>' in audit and '<html lang="hi">' in audit
    assert "नवीनतम पहले" in audit and "डैशबोर्ड पर वापस जाएँ" in audit
    assert 'href="/?lang=hi"' in audit  # its links keep the language
    signed_out = http.get("/logout?lang=hi").get_data(as_text=True)
    assert ">साइन आउट</button>" in signed_out


def test_a_refusal_is_in_the_language_of_its_link(http, app_store):
    signin.signed_in(http, app_store[0], role="ministry")
    answer = http.get("/admin/audit?lang=hi")
    assert answer.status_code == 403
    assert answer.get_data(as_text=True) == "केवल प्रशासक ही ऑडिट लॉग पढ़ सकते हैं।"


@pytest.mark.parametrize(
    ("language", "href", "expected"),
    [
        ("en", "/", "/"),
        ("hi", "/", "/?lang=hi"),
        ("hi", "?page=2", "?page=2&lang=hi"),
        ("hi", "/live?lang=en", "/live?lang=en"),
    ],
)
def test_a_link_carries_the_language_unless_it_is_the_default(language, href, expected):
    with speaking(language):
        assert linked(href) == expected


def test_the_switch_keeps_every_other_parameter():
    assert switch_href("?next=%2F&lang=en", "hi") == "?next=%2F&lang=hi"
    assert switch_href("", "en") == "?lang=en"
