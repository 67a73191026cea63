"""alerts: subscriptions, digests sent (the once-a-period lock), acknowledged and snoozed items

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 07:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('alert_mute',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('item', sa.String(length=120), nullable=False, comment='rule:code'),
    sa.Column('until', sa.Date(), nullable=True, comment='snoozed to this day; none: acknowledged'),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_alert_mute_user_id')),
    sa.PrimaryKeyConstraint('user_id', 'item', name=op.f('pk_alert_mute'))
    )
    op.create_table('alert_sent',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False, comment='2026-12-07, or 2026-W49 weekly'),
    sa.Column('as_of', sa.Date(), nullable=False, comment="the data's day the items are as of"),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('listed', sa.Text(), nullable=False, comment='every item listed then, one key a line'),
    sa.Column('sent', sa.Text(), nullable=False, comment='the new items mailed, one key a line'),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_alert_sent_user_id')),
    sa.PrimaryKeyConstraint('user_id', 'period', name=op.f('pk_alert_sent'))
    )
    op.create_table('alert_subscription',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('frequency', sa.String(length=10), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('subscribed_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("frequency IN ('daily', 'weekly')", name=op.f('ck_alert_subscription_frequency_allowed')),
    sa.CheckConstraint("language IN ('en', 'hi')", name=op.f('ck_alert_subscription_language_allowed')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_alert_subscription_user_id')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_alert_subscription'))
    )


def downgrade() -> None:
    op.drop_table('alert_subscription')
    op.drop_table('alert_sent')
    op.drop_table('alert_mute')
