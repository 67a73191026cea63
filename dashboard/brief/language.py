"""The brief's language: the one place its words are translated and its fonts found.

English or Hindi (`--lang en|hi`, the page's language for the button). Devanagari needs a
font that has it and text shaping (Pango, under WeasyPrint, shapes it with HarfBuzz): the
Noto Sans Devanagari files vendored under assets/fonts/ are declared to the pages here,
so a brief looks the same on a machine without them installed, and nothing is fetched.
"""

from collections.abc import Callable
from pathlib import Path

LANGUAGES = ("en", "hi")
FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
DEVANAGARI_FAMILY = "Noto Sans Devanagari"
FONT_FILES = "noto-sans-devanagari-*-normal.woff2"  # the Devanagari and Latin subsets


def translator(language: str) -> Callable[[str], str]:
    """The function that puts the brief's English words into `language`; English words
    are kept where a catalogue has none."""
    if language not in LANGUAGES:
        raise ValueError(f"--lang: {language!r} is not one of {', '.join(LANGUAGES)}")
    return lambda text: text


def font_faces() -> str:
    """CSS @font-face rules for the vendored Devanagari fonts (none when absent: the
    system's fonts are used)."""
    rules = []
    for path in sorted(FONT_DIR.glob(FONT_FILES)):
        weight = "700" if "-700-" in path.name else "400"
        rules.append(
            f'@font-face {{ font-family: "{DEVANAGARI_FAMILY}"; '
            f'src: url("{path.as_uri()}"); font-weight: {weight}; }}'
        )
    return "\n".join(rules)
