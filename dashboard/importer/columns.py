"""The import files and their columns (docs/import.md), in the order they are applied.

Parents come before children, so a reference can always point to a row of an
earlier file of the same import.
"""

from dataclasses import dataclass

from dashboard.vocabulary.kinds import PARTNER_KINDS, SECTORS

CODE_LENGTH = 40
PARTICIPANT_CODE_LENGTH = 64
EMAIL = "email"


@dataclass(frozen=True)
class FileSpec:
    """One import file: its key, its columns (in the contract's order) and a template row."""

    name: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    optional: tuple[str, ...]
    example: tuple[str, ...]

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in self.optional)

    @property
    def accepts_email(self) -> bool:
        """Files naming participants may carry an email instead of `participant_code`."""
        return "participant_code" in self.columns


PARTNERS = FileSpec(
    name="partners",
    key=("partner_code",),
    columns=("partner_code", "name", "kind"),
    optional=(),
    example=("EX-PARTNER", "Example State Health Mission", "state_health_mission"),
)
HUBS = FileSpec(
    name="hubs",
    key=("hub_code",),
    columns=(
        "hub_code",
        "name",
        "host_partner_code",
        "state",
        "district",
        "latitude",
        "longitude",
        "launched_on",
    ),
    optional=("latitude", "longitude", "launched_on"),
    example=(
        "EX-HUB",
        "Example hub",
        "EX-PARTNER",
        "Karnataka",
        "Bengaluru Urban",
        "12.9716",
        "77.5946",
        "2020-01-15",
    ),
)
PROGRAMS = FileSpec(
    name="programs",
    key=("program_code",),
    columns=(
        "program_code",
        "name",
        "hub_code",
        "disease_area",
        "sector",
        "partner_codes",
        "start_date",
        "end_date",
    ),
    optional=("partner_codes", "end_date"),
    example=(
        "EX-PROGRAM",
        "Example TB care programme",
        "EX-HUB",
        "Tuberculosis",
        "health",
        "EX-PARTNER",
        "2020-02-01",
        "2020-07-31",
    ),
)
SESSIONS = FileSpec(
    name="sessions",
    key=("session_code",),
    columns=("session_code", "program_code", "held_on", "duration_minutes"),
    optional=("duration_minutes",),
    example=("EX-PROGRAM-S01", "EX-PROGRAM", "2020-02-05", "60"),
)
PARTICIPANTS = FileSpec(
    name="participants",
    key=("participant_code",),
    columns=("participant_code", "cadre", "state", "district"),
    optional=(),
    example=("EX-P0001", "ASHA", "Karnataka", "Mysuru"),
)
ATTENDANCE = FileSpec(
    name="attendance",
    key=("session_code", "participant_code"),
    columns=("session_code", "participant_code"),
    optional=(),
    example=("EX-PROGRAM-S01", "EX-P0001"),
)

SPECS: tuple[FileSpec, ...] = (PARTNERS, HUBS, PROGRAMS, SESSIONS, PARTICIPANTS, ATTENDANCE)
BY_NAME: dict[str, FileSpec] = {spec.name: spec for spec in SPECS}

CHOICES: dict[str, tuple[str, ...]] = {"kind": PARTNER_KINDS, "sector": SECTORS}
TEXT_LENGTHS = {"name": 200, "disease_area": 80, "cadre": 60}
