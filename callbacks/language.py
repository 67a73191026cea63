"""Which language a request is answered in, and the switch between English and Hindi.

The language travels in the URL (`?lang=hi`), so a shared link opens in it and every
cached answer (keyed by the URL) is in one language. A request takes it from its own
query string (a page, a CSV, the live screen), a callback from the URL of the page that
asks (the `search` it sends, else the page's address in the Referer), anything else
speaks English. A page asked for without `lang` opens in the language last chosen in
this browser (a cookie), its address then naming it.
"""

from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from dash import Dash, Input, Output, callback
from flask import Response, redirect, request

from dashboard.vocabulary.language import DEFAULT, language_of, other, use
from layouts import ids
from layouts.pages import PAGES

COOKIE = "lang"
YEAR = 365 * 24 * 3600


def install(app: Dash) -> None:
    """Set each request's language before it is answered; remember a page's in a cookie."""
    app.server.before_request(_choose)
    app.server.after_request(_remember)
    app.server.teardown_request(lambda _error: use(DEFAULT))  # a thread's next request


def _choose() -> Response | None:
    remembered = request.cookies.get(COOKIE)
    if _is_page() and "lang" not in request.args and language_of(remembered) != DEFAULT:
        query = request.query_string.decode()
        return redirect(f"{request.path}?{query + '&' if query else ''}lang={remembered}")
    use(_language_asked())
    return None


def _language_asked() -> str:
    if "lang" in request.args:
        return language_of(request.args.get("lang"))
    body = request.get_json(silent=True) if request.is_json else None
    search = _search_in(body) if isinstance(body, dict) else None
    if search is None:
        search = urlsplit(request.referrer or "").query
    return language_of(parse_qs(search.lstrip("?")).get("lang", [DEFAULT])[0])


def _search_in(body: dict) -> str | None:
    """The page URL's query string a Dash callback request carries, when it reads one."""
    for item in [*_flat(body.get("inputs")), *_flat(body.get("state"))]:
        if isinstance(item, dict) and item.get("property") == "search":
            value = item.get("value")
            return value if isinstance(value, str) else ""
    return None


def _flat(items: Any) -> list:
    if not isinstance(items, list):
        return []
    return [leaf for item in items for leaf in (_flat(item) if isinstance(item, list) else [item])]


def _is_page() -> bool:
    return request.method == "GET" and request.path in PAGES


def _remember(response: Response) -> Response:
    if _is_page() and "lang" in request.args:
        language = language_of(request.args.get("lang"))
        response.set_cookie(COOKIE, language, max_age=YEAR, samesite="Lax", httponly=True)
    return response


def switch_href(search: str | None, language: str) -> str:
    """The page's own address in `language`, everything else in it kept."""
    pairs = [(k, v) for k, v in parse_qs((search or "").lstrip("?")).items() if k != "lang"]
    query = urlencode(
        [(k, value) for k, values in pairs for value in values] + [("lang", language)]
    )
    return f"?{query}"


@callback(Output(ids.LANGUAGE_SWITCH, "href"), Input(ids.PAGE_URL, "search"))
def follow_the_page(search: str | None) -> str:
    """The switch keeps the view the page shows, in the other language."""
    return switch_href(search, other())
