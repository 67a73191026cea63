"""Numbers as Indian readers write them, one style everywhere: full Indian grouping below a
lakh (25,688, 12,34,567 in full), lakh and crore in short (12.3L, 1.2Cr; in Hindi 12.3 लाख,
1.2 करोड़); never K or M. Grouping is Babel's, in the current language's Indian locale
(en_IN, hi_IN), with international digits as Babel's Hindi writes them.

Tiles, axes, colour bars and the live screen take their text from here; plotly cannot write
lakh with its own number formats, so axes and colour bars get their ticks from `ticks`.
"""

import math
from functools import cache
from numbers import Integral

from babel.numbers import NumberPattern

from dashboard.vocabulary.language import N_, _, current, locale

LAKH, CRORE = 10**5, 10**7
STEPS = (1, 2, 2.5, 5, 10)  # round steps between ticks, times a power of ten
UNITS = {LAKH: N_("{number}L"), CRORE: N_("{number}Cr")}  # the short words, per language


def indian(number: float) -> str:
    """Full number with Indian digit grouping (12,34,567), as the language's Indian locale
    writes it (Babel's pattern, read once per language: maps format hundreds of numbers)."""
    language = current()
    if isinstance(number, Integral) and _groups_in_lakhs(language):
        return _grouped(int(number))
    return _decimal_pattern(language).apply(number, locale(language))


@cache
def _decimal_pattern(language: str) -> NumberPattern:
    return locale(language).decimal_formats[None]


@cache
def _groups_in_lakhs(language: str) -> bool:
    """True when the language's pattern groups whole numbers as `_grouped` does (three
    digits, then pairs, with commas): a chart's hovers format thousands of whole numbers,
    and Babel's pattern takes four times as long as this."""
    pattern = _decimal_pattern(language)
    return pattern.grouping == (3, 2) and locale(language).number_symbols["latn"]["group"] == ","


def _grouped(number: int) -> str:
    """The last three digits, then pairs: as Babel's en_IN and hi_IN patterns group them."""
    digits = str(abs(number))
    head, tail = digits[:-3], digits[-3:]
    pairs = [head[max(0, end - 2) : end] for end in range(len(head), 0, -2)][::-1]
    return ("-" if number < 0 else "") + ",".join([*pairs, tail])


def compact(number: float) -> str:
    """Short form: whole and grouped below a lakh (25,688), then lakh and crore to one
    decimal (12.3L, 1.2Cr; 99,96,000 is 1Cr, not 100L)."""
    if abs(number) < LAKH:
        return indian(round(number))
    if abs(round(number / LAKH, 1)) < 100:
        return _in(number, LAKH, 1)
    return _in(number, CRORE, 1)


def _in(number: float, unit: int, decimals: int) -> str:
    """`number` in lakh or crore to at most `decimals` places, trailing zeros dropped."""
    value = round(number / unit, decimals)
    whole = int(value)
    fraction = f"{abs(value - whole):.{decimals}f}"[1:].rstrip("0").rstrip(".")
    sign = "-" if value < 0 and whole == 0 else ""
    return _(UNITS[unit]).format(number=f"{sign}{indian(whole)}{fraction}")


def tick_label(number: float) -> str:
    """A tick's exact value in the short form (75,000, 1L, 1.25L, 2.5Cr): ticks are round,
    so a lakh or crore takes the few decimals its value needs and is never rounded off."""
    if abs(number) < LAKH:
        return indian(round(number))
    unit = CRORE if abs(number) >= CRORE else LAKH
    decimals = next((d for d in range(6) if round(number / unit, d) * unit == number), 6)
    return _in(number, unit, decimals)


def ticks(low: float, high: float, count: int = 5) -> tuple[list[float], list[str]]:
    """About `count` round whole-number ticks from `low` to `high`, and their labels; a scale
    over one value shows that value alone (not 711.6 ... 712.4)."""
    low, high = float(low), float(high)
    if high - low < 1:
        middle = round((low + high) / 2)
        return [middle], [tick_label(middle)]
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = max(1, next(m * power for m in STEPS if m * power >= raw))
    first = math.ceil(low / step)
    values = [n * step for n in range(first, math.floor(high / step) + 1)]
    values = [int(v) if float(v).is_integer() else v for v in values]
    return values, [tick_label(v) for v in values]


def change(now: float, before: float) -> str:
    """Change against the previous period: '▲ 12%', '▼ 3%', '= 0%', or 'new' from nothing."""
    if before == 0:
        return _("new") if now else _("no change")
    percent = (now - before) / before * 100
    if round(percent) == 0:
        return "= 0%"
    arrow = "▲" if percent > 0 else "▼"
    return f"{arrow} {abs(percent):.0f}%"
