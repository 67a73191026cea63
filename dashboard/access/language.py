"""Which language a request is answered in, on every page: the Dash pages and the server's
own (sign-in, sign-out, import, audit log, data quality).

The language travels in the URL (`?lang=hi`), so a shared link opens in it and every
cached answer (keyed by the URL) is in one language. A request takes it from its own
query string (a page, a CSV, the live screen), a callback or a form from the URL of the
page that asks (the `search` a Dash callback sends, else the page's address in the
Referer), anything else speaks English. A page asked for without `lang` opens in the
language last chosen in this browser (a cookie), its address then naming it.

A page is a GET of one of the Dash pages' paths (given to `install`) or of a Flask view
marked `@page`. The server's templates get `_`, `ngettext`, `language`, the switch's
`other`, `names` and `switch` (the page's own address in the other language), and
`linked`, which carries the language in a link.
"""

from collections.abc import Callable, Collection
from functools import partial
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlencode, urlsplit

from flask import Flask, Response, current_app, redirect, request

from dashboard.vocabulary.language import (
    DEFAULT,
    NAMES,
    current,
    gettext,
    language_of,
    ngettext,
    other,
    use,
)

COOKIE = "lang"
YEAR = 365 * 24 * 3600
View = TypeVar("View", bound=Callable[..., Any])


def install(server: Flask, paths: Collection[str]) -> None:
    """Set each request's language before it is answered and remember a page's in a
    cookie (`paths`: the Dash pages; the Flask ones are marked `@page`); the server's
    templates speak it."""
    server.before_request(partial(_choose, paths))
    server.after_request(partial(_remember, paths))
    server.teardown_request(lambda _error: use(DEFAULT))  # a thread's next request
    server.jinja_env.globals.update(_=gettext, ngettext=ngettext, linked=linked)
    server.context_processor(_spoken)


def page(view: View) -> View:
    """Mark a Flask view as a page: opened in the remembered language, remembering the one
    its link names. Put it right under the route, so the view registered carries it."""
    view.is_page = True  # type: ignore[attr-defined]
    return view


def switch_href(search: str | None, language: str) -> str:
    """The page's own address in `language`, everything else in it kept."""
    pairs = [(k, v) for k, v in parse_qs((search or "").lstrip("?")).items() if k != "lang"]
    query = urlencode(
        [(k, value) for k, values in pairs for value in values] + [("lang", language)]
    )
    return f"?{query}"


def linked(href: str) -> str:
    """`href` in the language spoken: `lang` added unless it is the default or named."""
    if current() == DEFAULT or "lang" in parse_qs(urlsplit(href).query):
        return href
    return f"{href}{'&' if '?' in href else '?'}lang={current()}"


def _spoken() -> dict[str, Any]:
    """What a server's template needs to speak the language and offer the other."""
    return {
        "language": current(),
        "other": other(),
        "names": NAMES,
        "switch": switch_href(request.query_string.decode(), other()),
    }


def _choose(paths: Collection[str]) -> Response | None:
    remembered = request.cookies.get(COOKIE)
    if _is_page(paths) and "lang" not in request.args and language_of(remembered) != DEFAULT:
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


def _is_page(paths: Collection[str]) -> bool:
    """A GET of a Dash page's path or of a Flask view marked `@page`."""
    if request.method != "GET":
        return False
    view = current_app.view_functions.get(request.endpoint or "")
    return request.path in paths or getattr(view, "is_page", False)


def _remember(paths: Collection[str], response: Response) -> Response:
    if _is_page(paths) and "lang" in request.args:
        language = language_of(request.args.get("lang"))
        response.set_cookie(COOKIE, language, max_age=YEAR, samesite="Lax", httponly=True)
    return response
