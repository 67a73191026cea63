"""No personal data in the store: which input columns hold it, which values look
like it, and pseudonymous codes.

A participant's name, email or phone number is never stored. Columns holding
them are dropped (the report says so). Values that look like them are refused
in every code and free-text column of every file (`personal_value`):

- an email address, plain or obfuscated (`a@b`, `a(at)b.org`, `a [at] b [dot] org`,
  `a at b dot org`);
- a phone number (Google's libphonenumber finds it): one written in international
  form (`+44 7700 900123`, `0091 98765 43210`), an Indian mobile number
  (`98765 43210`), or an Indian number with its trunk 0 (`080-2699 5000`); a plain
  run of digits that is not a mobile number (`2023000001`) is a code, not a phone;
- a person's name, where a name has no business: in codes, cadres and disease
  areas, but not in the names of institutions, hubs and programmes. Two to four
  words of letters that start with a title (Dr, Mrs, Shri...) or with a common
  given name and end with a common given name or surname (the name lists of the
  Faker library for India, the UK and the US). A participant code, which must be
  pseudonymous, is refused as soon as it is words of letters alone.

Where a file gives an email but no `participant_code`, the code is a keyed hash
(HMAC-SHA256) of the normalised email: the same person gets the same code in
every import that uses the same key, and without the key nobody can go back
from a code to an email, nor test guessed emails against it.
"""

import hashlib
import hmac
import os
import re
import unicodedata
from functools import cache

from dashboard.importer.columns import FileSpec
from dashboard.importer.report import Reason, said
from dashboard.vocabulary.language import N_

KEY_VARIABLE = "PARTICIPANT_KEY"
MIN_KEY_LENGTH = 16
CODE_PREFIX = "e-"
HASH_CHARACTERS = 40  # 160 bits: collisions are out of reach for any programme's size

_EMAIL_COLUMN = re.compile(r"e_?mail")
_PHONE_COLUMN = re.compile(r"phone|mobile|whatsapp|telephone|^tel$|^cell|contact_no|contact_num")
_NAME_COLUMN = re.compile(r"name")
_PLACE_WORDS = re.compile(r"state|district|hub|program|partner|disease|session|org|institut|place")
_EMAIL_VALUE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

# Columns whose values may name people: the names of institutions, hubs and programmes.
NAMES_ALLOWED = frozenset({"name"})
PARTICIPANT = "participant_code"
_AT = r"(?:\s*[(\[{<]\s*at\s*[)\]}>]\s*)"
_DOT = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+)"
_EMAIL_LIKE = re.compile(
    r"[^\s@\uff20][@\uff20][^\s@\uff20]"  # a@b, someone@localhost
    r"|[\w.+-]\s+[@\uff20]\s+[\w-]+\.[\w-]"  # a @ b.org
    rf"|[\w.+-]{_AT}[\w-]"  # someone(at)example.org, a [at] b
    rf"|[\w.+-]\s+at\s+[\w-]+(?:{_DOT}[\w-]+)+"  # a at b dot org
    r"|[\w.+-]\s+at\s+[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|in|edu|gov|info|co|ac|nic|io)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# Fewer digits than these are no phone number of the kinds refused: an Indian mobile has
# 10, a number in international form (+ and the country's code) 8 or more.
_PHONE_DIGITS, _INTERNATIONAL_DIGITS = 10, 8
_TITLES = frozenset(
    {"dr", "mr", "mrs", "ms", "miss", "smt", "shrimati", "shri", "sri", "kumari", "prof"}
)
_WORD_SEPARATORS = {True: re.compile(r"[\s._-]+"), False: re.compile(r"\s+")}
_NAME_LOCALES = ("en_IN", "hi_IN", "en_GB", "en_US")


class MissingKey(ValueError):
    """Codes must be derived from emails but PARTICIPANT_KEY is unset or too short."""

    @property
    def reason(self) -> Reason:
        return self.args[0]


def personal_column(column: str, spec: FileSpec) -> str | None:
    """ "email", "phone" or "name" when a (normalised) column name holds personal data."""
    if _EMAIL_COLUMN.search(column):
        return "email"
    if _PHONE_COLUMN.search(column):
        return "phone"
    if column not in spec.columns and _NAME_COLUMN.search(column):
        return None if _PLACE_WORDS.search(column) else "name"
    return None


def participant_key() -> bytes:
    """The secret for derived codes, from the environment; refused when unset or short."""
    key = os.environ.get(KEY_VARIABLE, "")
    if not key:
        unset = N_(
            "{variable} is not set: participant codes cannot be derived from emails "
            "without it (set it to a long random secret, the same for every import)"
        )
        raise MissingKey(said(unset, variable=KEY_VARIABLE))
    if len(key) < MIN_KEY_LENGTH:
        short = N_("{variable} is shorter than {length} characters")
        raise MissingKey(said(short, variable=KEY_VARIABLE, length=MIN_KEY_LENGTH))
    return key.encode()


def normalise_email(raw: str) -> str | None:
    """The email as one person has one: trimmed and case-folded; None if not an email."""
    email = raw.strip().casefold()
    return email if _EMAIL_VALUE.fullmatch(email) else None


def derived_code(email: str, key: bytes) -> str:
    """`e-` and 40 hex digits of HMAC-SHA256(key, normalised email)."""
    digest = hmac.new(key, email.encode(), hashlib.sha256).hexdigest()
    return CODE_PREFIX + digest[:HASH_CHARACTERS]


def personal_value(value: str, column: str) -> Reason | None:
    """Why a value of `column` looks like personal data (the reason names the rule), or None.

    Each rule first asks what is cheap (an @ or an "at", enough digits, no digit at all),
    as millions of codes pass through here.
    """
    participant = column == PARTICIPANT
    if _may_be_email(value) and _EMAIL_LIKE.search(value):
        if participant:
            return said(
                N_(
                    "looks like an email address: give emails in an `email` column, "
                    "which is turned into a pseudonymous code and not stored"
                )
            )
        return said(N_("looks like an email address: personal data is not stored"))
    digits = len(_DIGIT.findall(value))
    if _is_phone(value, digits):
        if participant:
            return said(N_("looks like a phone number: participant codes must be pseudonymous"))
        return said(N_("looks like a phone number: personal data is not stored"))
    if digits or column in NAMES_ALLOWED:
        return None
    words = _words(value, code=column.endswith(("_code", "_codes")))
    if participant and len(words) > 1:
        return said(
            N_(
                "looks like a person's name (words of letters alone): participant codes must "
                "be pseudonymous, such as U00123"
            )
        )
    if _is_name(words):
        return said(
            N_(
                "looks like a person's name (a title, or a common given name and surname): "
                "personal data is not stored"
            )
        )
    return None


def _may_be_email(value: str) -> bool:
    return "@" in value or "\uff20" in value or "at" in value.lower()


def _is_phone(value: str, digits: int) -> bool:
    """A phone number in international form, an Indian mobile, or Indian with its trunk 0."""
    if digits < (_INTERNATIONAL_DIGITS if "+" in value else _PHONE_DIGITS):
        return False
    import phonenumbers
    from phonenumbers import Leniency, PhoneNumberType

    mobile = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
    for match in phonenumbers.PhoneNumberMatcher(value, "IN", leniency=Leniency.POSSIBLE):
        raw, number = match.raw_string.lstrip("("), match.number
        if raw.startswith("+"):
            return True
        if phonenumbers.is_valid_number(number) and (
            raw.startswith("0") or phonenumbers.number_type(number) in mobile
        ):
            return True
    return False


def _words(value: str, code: bool) -> list[str]:
    """The value's words when it is words of letters alone (an initial counts), else [].

    In a value not all in capitals, a word in capitals is an abbreviation (AYUSH, ASHA),
    never a name: it is kept as "" so it matches no name.
    """
    words = [w for w in _WORD_SEPARATORS[code].split(value.strip()) if w]
    if not 1 <= len(words) <= 4 or not all(map(_letters, words)):
        return []
    shouting = value.isupper()
    return [
        "" if len(w) > 1 and w.isupper() and not shouting else w.casefold().rstrip(".")
        for w in words
    ]


def _letters(word: str) -> bool:
    """Letters (and the marks of scripts such as Devanagari), an apostrophe, a final dot."""
    body = word.rstrip(".").replace("'", "").replace("\u2019", "")
    return bool(body) and all(
        ch.isalpha() or unicodedata.category(ch).startswith("M") for ch in body
    )


def _is_name(words: list[str]) -> bool:
    if len(words) < 2:
        return False
    if words[0] in _TITLES:
        return True
    given, surnames = _names()
    return words[0] in given and (words[-1] in given or words[-1] in surnames)


@cache
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """Common given names and surnames, case-folded (loaded when first needed)."""
    from importlib import import_module

    given: set[str] = set()
    surnames: set[str] = set()
    for locale in _NAME_LOCALES:
        provider = import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            given.update(getattr(provider, attribute, ()))
        surnames.update(getattr(provider, "last_names", ()))
    return frozenset(n.casefold() for n in given), frozenset(n.casefold() for n in surnames)
