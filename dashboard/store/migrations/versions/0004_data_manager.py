"""data managers: the role `data_manager` (import from the browser, issue #22)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 06:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OLD = "role IN ('ministry', 'state', 'partner', 'admin')"
NEW = "role IN ('ministry', 'state', 'partner', 'data_manager', 'admin')"


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.drop_constraint(op.f("ck_app_user_role_allowed"), type_="check")
        batch.alter_column("role", type_=sa.String(20), existing_nullable=False)
        batch.create_check_constraint(op.f("ck_app_user_role_allowed"), NEW)


def downgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.drop_constraint(op.f("ck_app_user_role_allowed"), type_="check")
        batch.alter_column("role", type_=sa.String(10), existing_nullable=False)
        batch.create_check_constraint(op.f("ck_app_user_role_allowed"), OLD)
