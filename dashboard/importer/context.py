"""What every file's checks share: the store's state, earlier files' results, today, the key."""

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from dashboard.importer.columns import FileSpec
from dashboard.importer.privacy import MissingKey, participant_key
from dashboard.importer.report import Reason, Report, said
from dashboard.importer.resolve import StoreState
from dashboard.vocabulary.language import N_

UNKNOWN = {  # a reference to a code of that file that neither it nor the store holds
    "partners": N_("unknown partner: not in partners.csv nor in the store"),
    "hubs": N_("unknown hub: not in hubs.csv nor in the store"),
    "programs": N_("unknown programme: not in programs.csv nor in the store"),
    "sessions": N_("unknown session: not in sessions.csv nor in the store"),
    "participants": N_("unknown participant: not in participants.csv nor in the store"),
}


@dataclass
class Checked:
    """One entity file after its checks.

    `frame` holds its valid rows in code form with their `line` (optional
    columns the file leaves out left out too); `codes` every code the file
    names, valid or not, so that a reference to a row with an error is not
    reported a second time as unknown.
    """

    spec: FileSpec
    label: str
    frame: pd.DataFrame
    codes: set[str]


@dataclass
class Context:
    state: StoreState
    report: Report
    today: date
    checked: dict[str, Checked] = field(default_factory=dict)
    keyless: set[str] = field(default_factory=set)
    _spellings: dict[str, str] | None = None
    _known: dict[str, set[str]] = field(default_factory=dict)
    _key: bytes | MissingKey | None = None

    def known(self, name: str) -> set[str]:
        """Codes a reference may name: this import's file `name` and the store's rows."""
        if name not in self._known:
            found = self.checked.get(name)
            self._known[name] = self.state.codes(name) | (found.codes if found else set())
        return self._known[name]

    def release(self) -> None:
        """Drop the code sets of the checks: the write maps codes to ids afresh."""
        self._known.clear()

    def unknown_reason(self, name: str) -> Reason:
        return said(UNKNOWN[name])

    @property
    def spellings(self) -> dict[str, str]:
        """Disease area names by their case-folded form, the store's first."""
        if self._spellings is None:
            self._spellings = {name.casefold(): name for name in self.state.disease_areas}
        return self._spellings

    def key(self) -> bytes:
        """PARTICIPANT_KEY, read once; raises MissingKey when unusable."""
        if self._key is None:
            try:
                self._key = participant_key()
            except MissingKey as error:
                self._key = error
        if isinstance(self._key, MissingKey):
            raise self._key
        return self._key

    def program_dates(self) -> dict[str, tuple]:
        """program_code -> (start_date, end_date), this import's rows over the store's."""
        dates = dict(self.state.program_dates)
        found = self.checked.get("programs")
        if found is not None:
            frame = found.frame
            end = frame["end_date"] if "end_date" in frame else [None] * len(frame)
            dates.update(
                zip(frame["program_code"], zip(frame["start_date"], end, strict=True), strict=True)
            )
        return dates
