"""Text from outside is printed escaped and cut short."""

import pytest

from dashboard.printable import printable


@pytest.mark.parametrize(
    "text, width, shown",
    [
        ("Bengaluru Urban", None, "Bengaluru Urban"),
        ("\x1b[2J\x1b[31mEVIL", None, "\\x1b[2J\\x1b[31mEVIL"),
        ("CSI \x9b2J, DEL \x7f, NUL \x00", None, "CSI \\x9b2J, DEL \\x7f, NUL \\x00"),
        ("abc\u202edcba", None, "abc\\u202edcba"),  # a right-to-left override
        ("line\u2028break\nand\ttab", None, "line\\u2028break\\x0aand\\x09tab"),
        ("नमस्ते St John\u2019s", None, "नमस्ते St John\u2019s"),
        ("x" * 50_000, 80, "x" * 79 + "…"),
        ("\x1b" * 100, 4, "\\x1b\\x1b\\x1b…"),
        ("short", 80, "short"),
    ],
)
def test_printable(text, width, shown):
    assert printable(text, width) == shown
