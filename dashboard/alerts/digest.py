"""One subscriber's digest e-mail: their new items by rule, each with its figures as the
"Needs attention" view writes them, in the language spoken (`speaking`)."""

from datetime import date
from email.message import EmailMessage

from dashboard.attention import Item, figure_text
from dashboard.clock import day_text
from dashboard.vocabulary.alerts import CLOSING, ITEM_KEY, OPENING, SUBJECT, item_key
from dashboard.vocabulary.attention import FIGURES, RULES
from dashboard.vocabulary.language import _


def key(item: Item) -> str:
    return item_key(item.rule, item.code)


def digest(
    items: list[Item], as_of: date, to: str, sender: str, dashboard_url: str
) -> EmailMessage:
    """The e-mail listing `items` (in the rules' order), as of the data's day `as_of`."""
    message = EmailMessage()
    message["Subject"] = _(SUBJECT).format(count=len(items), day=day_text(as_of))
    message["From"] = sender
    message["To"] = to
    message.set_content(body(items, as_of, dashboard_url))
    return message


def body(items: list[Item], as_of: date, dashboard_url: str) -> str:
    lines = [_(OPENING).format(day=day_text(as_of))]
    for rule, heading in RULES.items():
        chosen = [item for item in items if item.rule == rule]
        if chosen:
            lines += ["", f"{_(heading)} ({len(chosen)})"]
            lines += [line for item in chosen for line in _item_lines(item, dashboard_url)]
    return "\n".join([*lines, "", _(CLOSING), ""])


def _item_lines(item: Item, dashboard_url: str) -> list[str]:
    figures = [f"    {_(FIGURES[n])}: {figure_text(n, v)}" for n, v in item.figures.items()]
    return [
        f"  - {item.name} ({item.code})",
        *figures,
        f"    {dashboard_url}{item.href}",
        f"    {_(ITEM_KEY)}: {key(item)}",
    ]
