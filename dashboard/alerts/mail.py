"""Handing digests to the mail server (ECHO_SMTP_*), with Python's own smtplib."""

import smtplib
from email.message import EmailMessage

from dashboard.config import Smtp

TIMEOUT_SECONDS = 30
MailError = (smtplib.SMTPException, OSError)  # what a failed hand-over raises


def send(settings: Smtp, message: EmailMessage) -> None:
    """Send one message; raises one of `MailError` when the server will not take it."""
    with smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS) as server:
        if settings.starttls:
            server.starttls()
        if settings.user:
            server.login(settings.user, settings.password or "")
        server.send_message(message)
