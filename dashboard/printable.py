"""Text from outside (file names, column names, values, paths) made safe to print.

A header cell `\\x1b[2J` would clear the operator's terminal and a 50 KB cell
would flood it: every message built from outside text escapes the characters
that are not printable (control characters, bidirectional overrides, line
separators) as `\\x1b`, `\\u202e`, and cuts long text short.
"""

ELLIPSIS = "…"


def printable(text: str, width: int | None = None) -> str:
    """`text` cut to `width` characters (the last one an ellipsis), unprintable ones escaped."""
    if width is not None and len(text) > width:
        text = text[: width - 1] + ELLIPSIS
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"
