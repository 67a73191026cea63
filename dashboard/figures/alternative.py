"""A chart's text alternative (WCAG 1.1.1): its main numbers in words, from the same answer
the chart draws, in the language spoken; a screen reader hears it where the chart is."""

from collections.abc import Sequence

from dashboard.numbers import indian
from dashboard.vocabulary.language import _

SHOWN = 10  # the largest ones named; the rest counted


def ranked_text(
    title: str, names: Sequence[str], values: Sequence[float], shown: int = SHOWN
) -> str:
    """ "Attendances by state: Uttar Pradesh 1,23,456, Bihar 98,765 and 3 more." The names
    with their values, largest first, those above zero only."""
    pairs = sorted(
        ((str(name), value) for name, value in zip(names, values, strict=True) if value > 0),
        key=lambda pair: -pair[1],
    )
    if not pairs:
        return _("{title}: none in this selection.").format(title=title)
    listed = ", ".join(f"{name} {indian(value)}" for name, value in pairs[:shown])
    rest = len(pairs) - shown
    more = _(" and {count} more").format(count=indian(rest)) if rest > 0 else ""
    return f"{title}: {listed}{more}."
