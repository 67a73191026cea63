"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 05:32:11.483094
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attendance_fact",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("hub_id", sa.Integer(), nullable=False),
        sa.Column("host_partner_id", sa.Integer(), nullable=False),
        sa.Column("disease_area_id", sa.Integer(), nullable=False),
        sa.Column("sector", sa.String(length=10), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column(
            "month",
            sa.Integer(),
            nullable=False,
            comment="year * 100 + month of held_on",
        ),
        sa.Column(
            "district_id",
            sa.Integer(),
            nullable=False,
            comment="participant's home district",
        ),
        sa.Column(
            "state_code",
            sa.Integer(),
            nullable=False,
            comment="participant's home state",
        ),
        sa.Column("cadre", sa.String(length=60), nullable=False),
    )
    with op.batch_alter_table("attendance_fact", schema=None) as batch_op:
        batch_op.create_index("ix_fact_disease", ["disease_area_id"], unique=False)
        batch_op.create_index("ix_fact_district", ["district_id"], unique=False)
        batch_op.create_index("ix_fact_held_on", ["held_on"], unique=False)
        batch_op.create_index("ix_fact_hub", ["hub_id"], unique=False)
        batch_op.create_index("ix_fact_partner", ["host_partner_id"], unique=False)
        batch_op.create_index(
            "ix_fact_program", ["program_id", "participant_id"], unique=False
        )
        batch_op.create_index(
            "ix_fact_state", ["state_code", "district_id"], unique=False
        )

    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_data_version_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.create_table(
        "disease_area",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disease_area")),
        sa.UniqueConstraint("name", name=op.f("uq_disease_area_name")),
    )
    op.create_table(
        "partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.CheckConstraint(
            "kind IN ('ministry', 'state_health_mission', 'municipal_corporation', 'nursing_council', 'medical_institution', 'education_department', 'ngo', 'other')",
            name=op.f("ck_partner_kind_allowed"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
        sa.UniqueConstraint("partner_code", name=op.f("uq_partner_partner_code")),
    )
    op.create_table(
        "state",
        sa.Column("state_code", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=5), nullable=False),
        sa.Column("abbreviation", sa.String(length=2), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('state', 'ut')", name=op.f("ck_state_kind_allowed")
        ),
        sa.PrimaryKeyConstraint("state_code", name=op.f("pk_state")),
        sa.UniqueConstraint("abbreviation", name=op.f("uq_state_abbreviation")),
        sa.UniqueConstraint("name", name=op.f("uq_state_name")),
    )
    op.create_table(
        "district",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_code", sa.String(length=80), nullable=False),
        sa.Column("state_code", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("lgd_code", sa.Integer(), nullable=True),
        sa.Column("census_code", sa.Integer(), nullable=True),
        sa.Column("aliases", sa.String(length=400), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["state_code"], ["state.state_code"], name=op.f("fk_district_state_code")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_district")),
        sa.UniqueConstraint("district_code", name=op.f("uq_district_district_code")),
        sa.UniqueConstraint("lgd_code", name=op.f("uq_district_lgd_code")),
    )
    with op.batch_alter_table("district", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_district_state_code"), ["state_code"], unique=False
        )

    op.create_table(
        "hub",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hub_code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("host_partner_id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("launched_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["district_id"], ["district.id"], name=op.f("fk_hub_district_id")
        ),
        sa.ForeignKeyConstraint(
            ["host_partner_id"], ["partner.id"], name=op.f("fk_hub_host_partner_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hub")),
        sa.UniqueConstraint("hub_code", name=op.f("uq_hub_hub_code")),
    )
    with op.batch_alter_table("hub", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hub_district_id"), ["district_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_hub_host_partner_id"), ["host_partner_id"], unique=False
        )

    op.create_table(
        "participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_code", sa.String(length=64), nullable=False),
        sa.Column("cadre", sa.String(length=60), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"], ["district.id"], name=op.f("fk_participant_district_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
        sa.UniqueConstraint(
            "participant_code", name=op.f("uq_participant_participant_code")
        ),
    )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participant_district_id"), ["district_id"], unique=False
        )

    op.create_table(
        "program",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("hub_id", sa.Integer(), nullable=False),
        sa.Column("disease_area_id", sa.Integer(), nullable=False),
        sa.Column("sector", sa.String(length=10), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "sector IN ('health', 'education', 'other')",
            name=op.f("ck_program_sector_allowed"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date",
            name=op.f("ck_program_dates_ordered"),
        ),
        sa.ForeignKeyConstraint(
            ["disease_area_id"],
            ["disease_area.id"],
            name=op.f("fk_program_disease_area_id"),
        ),
        sa.ForeignKeyConstraint(["hub_id"], ["hub.id"], name=op.f("fk_program_hub_id")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program")),
        sa.UniqueConstraint("program_code", name=op.f("uq_program_program_code")),
    )
    with op.batch_alter_table("program", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_program_disease_area_id"), ["disease_area_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_program_hub_id"), ["hub_id"], unique=False)

    op.create_table(
        "program_partner",
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partner.id"], name=op.f("fk_program_partner_partner_id")
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["program.id"], name=op.f("fk_program_partner_program_id")
        ),
        sa.PrimaryKeyConstraint(
            "program_id", "partner_id", name=op.f("pk_program_partner")
        ),
    )
    with op.batch_alter_table("program_partner", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_program_partner_partner_id"), ["partner_id"], unique=False
        )

    op.create_table(
        "session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_code", sa.String(length=40), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "duration_minutes IS NULL OR (duration_minutes > 0 AND duration_minutes <= 600)",
            name=op.f("ck_session_duration_sane"),
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["program.id"], name=op.f("fk_session_program_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session")),
        sa.UniqueConstraint("session_code", name=op.f("uq_session_session_code")),
    )
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_held_on"), ["held_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_session_program_id"), ["program_id"], unique=False
        )

    op.create_table(
        "attendance",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_attendance_participant_id"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["session.id"], name=op.f("fk_attendance_session_id")
        ),
        sa.PrimaryKeyConstraint(
            "session_id", "participant_id", name=op.f("pk_attendance")
        ),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(
            "ix_attendance_participant", ["participant_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_participant")

    op.drop_table("attendance")
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_program_id"))
        batch_op.drop_index(batch_op.f("ix_session_held_on"))

    op.drop_table("session")
    with op.batch_alter_table("program_partner", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_program_partner_partner_id"))

    op.drop_table("program_partner")
    with op.batch_alter_table("program", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_program_hub_id"))
        batch_op.drop_index(batch_op.f("ix_program_disease_area_id"))

    op.drop_table("program")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_district_id"))

    op.drop_table("participant")
    with op.batch_alter_table("hub", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hub_host_partner_id"))
        batch_op.drop_index(batch_op.f("ix_hub_district_id"))

    op.drop_table("hub")
    with op.batch_alter_table("district", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_district_state_code"))

    op.drop_table("district")
    op.drop_table("state")
    op.drop_table("partner")
    op.drop_table("disease_area")
    op.drop_table("data_version")
    with op.batch_alter_table("attendance_fact", schema=None) as batch_op:
        batch_op.drop_index("ix_fact_state")
        batch_op.drop_index("ix_fact_program")
        batch_op.drop_index("ix_fact_partner")
        batch_op.drop_index("ix_fact_hub")
        batch_op.drop_index("ix_fact_held_on")
        batch_op.drop_index("ix_fact_district")
        batch_op.drop_index("ix_fact_disease")

    op.drop_table("attendance_fact")
