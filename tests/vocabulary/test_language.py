"""The catalogues: every message of the code has its Hindi, with the same placeholders."""

import re

import pytest
from babel.messages.catalog import Catalog
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


def catalogue(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as po:
        return read_po(po)


def _forms(text) -> tuple[str, ...]:
    return text if isinstance(text, tuple) else (text,)


def not_in(messages, catalog: Catalog) -> list:
    """The messages the catalogue does not hold."""
    ids = {m.id for m in catalog if m.id}
    return [m for m in messages if m not in ids]


def untranslated(messages, catalog: Catalog) -> list:
    """The messages of the code the catalogue holds without a translation (or fuzzy)."""
    return [
        m.id
        for m in catalog
        if m.id and m.id in messages and (m.fuzzy or not all(_forms(m.string)))
    ]


def other_placeholders(catalog: Catalog) -> list:
    """Translations whose placeholders ({count}, %s) differ from their message's; a plural
    form is compared with the English form it stands for."""
    wrong = []
    for message in catalog:
        originals = _forms(message.id)
        for form, translation in enumerate(_forms(message.string)):
            original = originals[min(form, len(originals) - 1)]
            if translation and sorted(PLACEHOLDER.findall(translation)) != sorted(
                PLACEHOLDER.findall(original)
            ):
                wrong.append((message.id, translation))
    return wrong


@pytest.fixture(scope="module")
def messages():
    return extracted()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_code_is_in_the_catalogue(messages, language):
    missing = not_in(messages, catalogue(language))
    assert not missing, f"run `make messages`; not in {language}: {missing[:10]}"


def test_every_message_has_its_hindi(messages):
    missing = untranslated(messages, catalogue("hi"))
    assert not missing, f"{len(missing)} without Hindi, e.g. {missing[:10]}"


def test_the_server_pages_templates_are_among_the_messages(messages):
    """The sign-in, import, audit and quality templates are extracted (babel.cfg): the
    checks above cover their words."""
    assert {"Sign in", "Check the files", "Audit log", "No problems found."} <= messages


def test_a_template_message_without_its_hindi_is_reported(messages):
    catalog = catalogue("hi")
    catalog["Sign in"].string = ""
    assert untranslated(messages, catalog) == ["Sign in"]


def test_translations_keep_the_placeholders():
    wrong = other_placeholders(catalogue("hi"))
    assert not wrong, wrong[:10]


def test_the_checks_find_what_they_look_for():
    """A message missing, one untranslated, one with a placeholder lost: each is reported."""
    catalog = Catalog(locale="hi")
    catalog.add("Hubs", "हब")
    catalog.add("Programmes", "")
    catalog.add("Data as of {day}", "डेटा")
    catalog.add(("{count} state", "{count} states"), ("{count} राज्य", "राज्यों"))
    code = {"Hubs", "Programmes", "Data as of {day}", "Sessions"}
    assert not_in(code, catalog) == ["Sessions"]
    assert untranslated(code, catalog) == ["Programmes"]
    assert [m for m, _ in other_placeholders(catalog)] == [
        "Data as of {day}",
        ("{count} state", "{count} states"),
    ]


def test_messages_are_translated_in_the_language_spoken():
    assert current() == "en"
    with speaking("hi"):
        assert _("Page not found") == "पृष्ठ नहीं मिला"
        assert ngettext("{count} state", "{count} states", 1) == "{count} राज्य"
        assert ngettext("{count} state", "{count} states", 2) == "{count} राज्यों"
    assert _("Page not found") == "Page not found"
