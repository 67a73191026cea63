"""Numbers as Indian readers write them: 12,34,567 and, in tiles, 12.3L or 1.2Cr."""

from babel.numbers import format_compact_decimal, format_decimal

LOCALE = "en_IN"


def indian(number: float) -> str:
    """Full number with Indian digit grouping (12,34,567)."""
    return format_decimal(number, locale=LOCALE)


def compact(number: float) -> str:
    """Short form in thousands, lakh and crore (12K, 12.3L, 1.2Cr); exact below 1,000."""
    if abs(number) < 1000:
        return indian(number)
    return format_compact_decimal(number, locale=LOCALE, fraction_digits=1)
