"""The store's tables: what ECHO India does, keyed by codes, with integer ids for speed.

Base tables hold the truth written by `demo` and `import`. `attendance_fact` is a
derived read model (one row per attendance carrying every filterable dimension)
that the query layer reads; it is rebuilt in the same transaction as every write,
so a reader never sees it out of step with the base tables.
"""

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from dashboard.vocabulary.alerts import FREQUENCIES
from dashboard.vocabulary.kinds import PARTNER_KINDS, SECTORS
from dashboard.vocabulary.language import LANGUAGES

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_allowed")


def _latitude() -> Column:
    return Column("latitude", Float, CheckConstraint("latitude BETWEEN -90 AND 90", name="lat"))


def _longitude() -> Column:
    return Column(
        "longitude",
        Float,
        CheckConstraint("longitude BETWEEN -180 AND 180", name="lon"),
    )


state = Table(
    "state",
    metadata,
    Column("state_code", Integer, primary_key=True, autoincrement=False),
    Column("name", String(80), nullable=False, unique=True),
    Column("kind", String(5), nullable=False),
    Column("abbreviation", String(2), nullable=False, unique=True),
    _latitude(),
    _longitude(),
    _one_of("kind", ("state", "ut")),
)

district = Table(
    "district",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("district_code", String(80), nullable=False, unique=True),
    Column(
        "state_code",
        Integer,
        ForeignKey("state.state_code"),
        nullable=False,
        index=True,
    ),
    Column("name", String(80), nullable=False),
    Column("lgd_code", Integer, unique=True),
    Column("census_code", Integer),
    Column("aliases", String(400), nullable=False, default=""),
    _latitude(),
    _longitude(),
)

partner = Table(
    "partner",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("partner_code", String(40), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(30), nullable=False),
    _one_of("kind", PARTNER_KINDS),
)

hub = Table(
    "hub",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("hub_code", String(40), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("host_partner_id", Integer, ForeignKey("partner.id"), nullable=False, index=True),
    Column("district_id", Integer, ForeignKey("district.id"), nullable=False, index=True),
    _latitude(),
    _longitude(),
    Column("launched_on", Date),
)

disease_area = Table(
    "disease_area",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80), nullable=False, unique=True),
)

program = Table(
    "program",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("program_code", String(40), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("hub_id", Integer, ForeignKey("hub.id"), nullable=False, index=True),
    Column(
        "disease_area_id",
        Integer,
        ForeignKey("disease_area.id"),
        nullable=False,
        index=True,
    ),
    Column("sector", String(10), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date),
    _one_of("sector", SECTORS),
    CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_ordered"),
)

program_partner = Table(
    "program_partner",
    metadata,
    Column("program_id", Integer, ForeignKey("program.id"), primary_key=True),
    Column("partner_id", Integer, ForeignKey("partner.id"), primary_key=True, index=True),
)

session = Table(
    "session",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_code", String(40), nullable=False, unique=True),
    Column("program_id", Integer, ForeignKey("program.id"), nullable=False, index=True),
    Column("held_on", Date, nullable=False, index=True),
    Column("duration_minutes", Integer),
    CheckConstraint(
        "duration_minutes IS NULL OR (duration_minutes > 0 AND duration_minutes <= 600)",
        name="duration_sane",
    ),
)

participant = Table(
    "participant",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("participant_code", String(64), nullable=False, unique=True),
    Column("cadre", String(60), nullable=False),
    Column("district_id", Integer, ForeignKey("district.id"), nullable=False, index=True),
)

attendance = Table(
    "attendance",
    metadata,
    Column("session_id", Integer, ForeignKey("session.id"), primary_key=True),
    Column("participant_id", Integer, ForeignKey("participant.id"), primary_key=True),
    Index("ix_attendance_participant", "participant_id"),
)

attendance_fact = Table(
    "attendance_fact",
    metadata,
    Column("session_id", Integer, nullable=False),
    Column("participant_id", Integer, nullable=False),
    Column("program_id", Integer, nullable=False),
    Column("hub_id", Integer, nullable=False),
    Column("host_partner_id", Integer, nullable=False),
    Column("disease_area_id", Integer, nullable=False),
    Column("sector", String(10), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("month", Integer, nullable=False, comment="year * 100 + month of held_on"),
    Column("district_id", Integer, nullable=False, comment="participant's home district"),
    Column("state_code", Integer, nullable=False, comment="participant's home state"),
    Column("cadre", String(60), nullable=False),
    Index("ix_fact_held_on", "held_on"),
    Index("ix_fact_program", "program_id", "participant_id"),
    Index("ix_fact_state", "state_code", "district_id"),
    Index("ix_fact_district", "district_id"),
    Index("ix_fact_hub", "hub_id"),
    Index("ix_fact_partner", "host_partner_id"),
    Index("ix_fact_disease", "disease_area_id"),
)

data_version = Table(
    "data_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    Column("written_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("id = 1", name="single_row"),
)

# Sign-in (dashboard/access): accounts, what each may see, API tokens and the audit log.
# The web server only reads these, except two writes (store/accounts.py `AccessWriter`):
# audit rows, and the time a token was first used.
ROLES = ("ministry", "state", "partner", "data_manager", "admin")
SCOPE_KINDS = ("state", "partner")

app_user = Table(
    "app_user",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    _one_of("role", ROLES),
)

user_scope = Table(
    "user_scope",
    metadata,
    Column("user_id", Integer, ForeignKey("app_user.id"), primary_key=True),
    Column("kind", String(10), primary_key=True),
    Column("code", String(40), primary_key=True, comment="a state's LGD code or a partner code"),
    _one_of("kind", SCOPE_KINDS),
)

api_token = Table(
    "api_token",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False, index=True),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("narrowed", Boolean, nullable=False, comment="carries token_scope, not the user's"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("first_used_at", DateTime(timezone=True)),
)

token_scope = Table(
    "token_scope",
    metadata,
    Column("token_id", Integer, ForeignKey("api_token.id"), primary_key=True),
    Column("kind", String(10), primary_key=True),
    Column("code", String(40), primary_key=True),
    _one_of("kind", SCOPE_KINDS),
)

audit_event = Table(
    "audit_event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True, comment="UTC"),
    Column("who", String(400), nullable=False),
    Column("action", String(40), nullable=False),
    Column("detail", String(2000), nullable=False),
    Column("ip", String(64), nullable=False),
)

# Alerts (dashboard/alerts): who gets the needs-attention digest, what each was sent, and
# the items each acknowledged or snoozed. `alert_sent`'s key is the once-a-period lock: a
# run claims a subscriber's day (or week) by inserting its row, so a second run at the same
# time finds it there and sends nothing.

alert_subscription = Table(
    "alert_subscription",
    metadata,
    Column("user_id", Integer, ForeignKey("app_user.id"), primary_key=True),
    Column("frequency", String(10), nullable=False),
    Column("language", String(5), nullable=False),
    Column("subscribed_at", DateTime(timezone=True), nullable=False),
    _one_of("frequency", FREQUENCIES),
    _one_of("language", LANGUAGES),
)

alert_sent = Table(
    "alert_sent",
    metadata,
    Column("user_id", Integer, ForeignKey("app_user.id"), primary_key=True),
    Column("period", String(10), primary_key=True, comment="2026-12-07, or 2026-W49 weekly"),
    Column("as_of", Date, nullable=False, comment="the data's day the items are as of"),
    Column("claimed_at", DateTime(timezone=True), nullable=False),
    Column("listed", Text, nullable=False, comment="every item listed then, one key a line"),
    Column("sent", Text, nullable=False, comment="the new items mailed, one key a line"),
)

alert_mute = Table(
    "alert_mute",
    metadata,
    Column("user_id", Integer, ForeignKey("app_user.id"), primary_key=True),
    Column("item", String(120), primary_key=True, comment="rule:code"),
    Column("until", Date, comment="snoozed to this day; none: acknowledged"),
    Column("at", DateTime(timezone=True), nullable=False),
)
