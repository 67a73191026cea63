"""A mail server of the test's own (aiosmtpd, on a free local port) that keeps what it is
handed, and stores holding the attention world (tests/attention_world.py) with users."""

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from dashboard.config import Smtp


class Inbox:
    """aiosmtpd's handler: every message delivered, parsed."""

    def __init__(self):
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, email: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == email]


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, Smtp]]:
    """(the messages the server took, settings that send to it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings = Smtp("127.0.0.1", port, None, None, False, "alerts@echo.test", "https://echo.test")
    yield handler, settings
    controller.stop()
