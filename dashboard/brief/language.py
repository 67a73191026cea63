"""The brief's fonts: Devanagari needs a font that has it and text shaping (Pango, under
WeasyPrint, shapes it with HarfBuzz). The Noto Sans Devanagari files the page uses
(assets/fonts/, `make fonts`) are declared to the brief's pages here, so a Hindi brief
looks the same on a machine without them installed, and nothing is fetched. The words
themselves come from the interface's catalogues (dashboard.vocabulary.language).
"""

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
DEVANAGARI_FAMILY = "Noto Sans Devanagari"
FONT_FILES = "noto-sans-devanagari-*-normal.woff2"  # the Devanagari and Latin subsets


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
