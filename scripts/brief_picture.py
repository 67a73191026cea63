"""A brief's first page as a picture, for the README.

Usage: python scripts/brief_picture.py BRIEF.pdf [OUT.png]
(default docs/screenshots/brief.png); make the brief first, e.g.
`python -m dashboard brief --out brief.pdf --from 2026-04-01 --to 2026-12-07`.
"""

import sys
from pathlib import Path

import pypdfium2 as pdfium

SCALE = 1.4  # about 100 dots per inch: readable in the README, a few hundred KB


def main() -> None:
    brief = pdfium.PdfDocument(sys.argv[1])
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots/brief.png")
    brief[0].render(scale=SCALE).to_pil().save(out, optimize=True)
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
