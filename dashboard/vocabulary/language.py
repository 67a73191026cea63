"""The interface's language: English or Hindi, chosen per request and read everywhere.

The current language is a ContextVar, not Flask's request, so figures, the command line and
a printed brief translate the same way as the page. Messages come from the Babel
catalogues in `translations/<language>/LC_MESSAGES/messages.po`, compiled in memory the
first time a language is used (no binary .mo in the repository, no build step: a fresh
clone runs and tests as it is). `make messages` extracts the code's messages (babel.cfg)
and updates the catalogues.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("en", "hi")  # the first is the default
DEFAULT = LANGUAGES[0]
NAMES = {"en": "English", "hi": "हिन्दी"}  # each in its own words, as the switch shows it
LOCALES = {"en": "en_IN", "hi": "hi_IN"}  # numbers as written in India
CATALOGUES = Path(__file__).resolve().parents[2] / "translations"
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


def language_of(value: object) -> str:
    """`value` when it names a language the interface speaks, else the default."""
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT


def current() -> str:
    """The language of what is being answered now ('en' or 'hi')."""
    return _current.get()


def other() -> str:
    """The language not being spoken: the one the switch offers."""
    return next(language for language in LANGUAGES if language != current())


def use(language: str) -> Token:
    """Speak `language` for the rest of this context (a request); returns the token that
    undoes it."""
    return _current.set(language_of(language))


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak `language` inside the block: for the command line, tests and printed briefs."""
    token = use(language)
    try:
        yield
    finally:
        _current.reset(token)


def locale(language: str | None = None) -> Locale:
    """The Babel locale numbers of `language` (default: the current) follow: en_IN, hi_IN."""
    return _parsed(LOCALES[language_of(language or current())])


def date_locale(language: str | None = None) -> Locale:
    """The Babel locale dates and month names follow: the language's own (English writes
    Sep, as the charts' axes do; en_IN's CLDR data would write Sept)."""
    return _parsed(language_of(language or current()))


@cache
def _parsed(name: str) -> Locale:
    return Locale.parse(name)


def catalogue_path(language: str) -> Path:
    return CATALOGUES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> Translations:
    """`language`'s catalogue, compiled in memory from its .po (fuzzy entries left out)."""
    with catalogue_path(language).open("rb") as po:
        catalog = read_po(po, locale=LOCALES[language])
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext(message: str) -> str:
    """`message` in the current language (as written when it has no translation)."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message, as the current language counts `n`."""
    return translations(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet: for words defined once at
    import (labels in tables) and translated with `gettext` where they are shown."""
    return message


_ = gettext
