"""Alerts: the needs-attention items new since each subscriber's last digest, mailed once
a day or once a week, in the subscriber's language and scope (README "Alerts").

`digest` writes one e-mail, `run` decides who is due and claims, sends and records each
digest, `commands` is `python -m dashboard alerts ...`.
"""
