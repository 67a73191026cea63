"""No personal data in the store: which input columns hold it, and pseudonymous codes.

A participant's name, email or phone number is never stored. Columns holding
them are dropped (the report says so). Where a file gives an email but no
`participant_code`, the code is a keyed hash (HMAC-SHA256) of the normalised
email: the same person gets the same code in every import that uses the same
key, and without the key nobody can go back from a code to an email, nor test
guessed emails against it.
"""

import hashlib
import hmac
import os
import re

from dashboard.importer.columns import FileSpec

KEY_VARIABLE = "PARTICIPANT_KEY"
MIN_KEY_LENGTH = 16
CODE_PREFIX = "e-"
HASH_CHARACTERS = 40  # 160 bits: collisions are out of reach for any programme's size

_EMAIL_COLUMN = re.compile(r"e_?mail")
_PHONE_COLUMN = re.compile(r"phone|mobile|whatsapp|telephone|^tel$|^cell|contact_no|contact_num")
_NAME_COLUMN = re.compile(r"name")
_PLACE_WORDS = re.compile(r"state|district|hub|program|partner|disease|session|org|institut|place")
_EMAIL_VALUE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_VALUE = re.compile(r"(\+?91|0)?[6-9]\d{9}")


class MissingKey(ValueError):
    """Codes must be derived from emails but PARTICIPANT_KEY is unset or too short."""


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
        raise MissingKey(
            f"{KEY_VARIABLE} is not set: participant codes cannot be derived from emails "
            "without it (set it to a long random secret, the same for every import)"
        )
    if len(key) < MIN_KEY_LENGTH:
        raise MissingKey(f"{KEY_VARIABLE} is shorter than {MIN_KEY_LENGTH} characters")
    return key.encode()


def normalise_email(raw: str) -> str | None:
    """The email as one person has one: trimmed and case-folded; None if not an email."""
    email = raw.strip().casefold()
    return email if _EMAIL_VALUE.fullmatch(email) else None


def derived_code(email: str, key: bytes) -> str:
    """`e-` and 40 hex digits of HMAC-SHA256(key, normalised email)."""
    digest = hmac.new(key, email.encode(), hashlib.sha256).hexdigest()
    return CODE_PREFIX + digest[:HASH_CHARACTERS]


def personal_code(code: str) -> str | None:
    """Why a participant code looks like personal data, or None."""
    if "@" in code and _EMAIL_VALUE.fullmatch(code):
        return (
            "looks like an email address: give emails in an `email` column, "
            "which is turned into a pseudonymous code and not stored"
        )
    if code[-1:].isdigit() and _PHONE_VALUE.fullmatch(re.sub(r"[\s()-]", "", code)):
        return "looks like a phone number: participant codes must be pseudonymous"
    return None
