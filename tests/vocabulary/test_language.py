"""The catalogues: every message of the code has its Hindi, with the same placeholders."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from dashboard.vocabulary.language import (
    CATALOGUES,
    LANGUAGES,
    _,
    catalogue_path,
    current,
    ngettext,
    speaking,
)

ROOT = CATALOGUES.parent
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[sdif]")


def extracted() -> set[str | tuple[str, ...]]:
    """Every message the code marks, found as `make messages` finds them (babel.cfg)."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(ROOT, method_map, options_map)
    return {message if isinstance(message, str) else tuple(message) for _, _, message, *_ in found}


def catalogue(language: str):
    with catalogue_path(language).open("rb") as po:
        return read_po(po)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def messages():
    return extracted()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_code_is_in_the_catalogue(messages, language):
    ids = {m.id for m in catalogue(language) if m.id}
    missing = [m for m in messages if m not in ids]
    assert not missing, f"run `make messages`; not in {language}: {missing[:10]}"


def test_every_message_has_its_hindi(messages):
    hindi = catalogue("hi")
    untranslated = [
        m.id for m in hindi if m.id and m.id in messages and (m.fuzzy or not all(_forms(m.string)))
    ]
    assert not untranslated, f"{len(untranslated)} without Hindi, e.g. {untranslated[:10]}"


def test_translations_keep_the_placeholders():
    wrong = []
    for message in catalogue("hi"):
        originals = _forms(message.id)
        for form, translation in enumerate(_forms(message.string)):
            original = originals[min(form, len(originals) - 1)]
            if translation and placeholders(translation) != placeholders(original):
                wrong.append((message.id, translation))
    assert not wrong, wrong[:10]


def _forms(string) -> tuple[str, ...]:
    return string if isinstance(string, tuple) else (string,)


def test_the_check_finds_a_message_without_hindi(tmp_path: Path, monkeypatch):
    """The completeness test can fail: a message the catalogue lacks is reported."""
    (tmp_path / "x.py").write_text('_("A message no catalogue has")\n')
    found = extract_from_dir(tmp_path)
    assert {m for _, _, m, *_ in found} - {m.id for m in catalogue("hi")}


def test_messages_are_translated_in_the_language_spoken():
    assert current() == "en"
    with speaking("hi"):
        assert _("Page not found") == "पृष्ठ नहीं मिला"
        assert ngettext("{count} state", "{count} states", 1) == "{count} राज्य"
        assert ngettext("{count} state", "{count} states", 2) == "{count} राज्यों"
    assert _("Page not found") == "Page not found"
