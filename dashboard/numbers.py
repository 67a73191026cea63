"""Numbers as Indian readers write them: 12,34,567 and, in tiles, 12.3L or 1.2Cr."""

from numbers import Integral

from babel import Locale
from babel.numbers import format_compact_decimal, format_decimal

LOCALE = Locale.parse("en_IN")  # parsed once: maps and lists format hundreds of numbers


def indian(number: float) -> str:
    """Full number with Indian digit grouping (12,34,567). Whole numbers, what maps and
    lists show by the hundred, are grouped here: babel takes three times as long."""
    if isinstance(number, Integral):
        return _grouped(int(number))
    return format_decimal(number, locale=LOCALE)


def _grouped(number: int) -> str:
    """The last three digits, then pairs: as babel's en_IN pattern groups them."""
    digits = str(abs(number))
    head, tail = digits[:-3], digits[-3:]
    pairs = [head[max(0, end - 2) : end] for end in range(len(head), 0, -2)][::-1]
    return ("-" if number < 0 else "") + ",".join([*pairs, tail])


def compact(number: float) -> str:
    """Short form in thousands, lakh and crore (12K, 12.3L, 1.2Cr); exact below 1,000."""
    if abs(number) < 1000:
        return indian(number)
    return format_compact_decimal(number, locale=LOCALE, fraction_digits=1)


def change(now: float, before: float) -> str:
    """Change against the previous period: '▲ 12%', '▼ 3%', '= 0%', or 'new' from nothing."""
    if before == 0:
        return "new" if now else "no change"
    percent = (now - before) / before * 100
    if round(percent) == 0:
        return "= 0%"
    arrow = "▲" if percent > 0 else "▼"
    return f"{arrow} {abs(percent):.0f}%"
