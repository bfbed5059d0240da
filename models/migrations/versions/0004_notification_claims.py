"""notification: claim columns, so overlapping dispatchers send each row once

A dispatcher claims the due rows in one UPDATE (its token and an expiry on the real clock)
before it sends them, and clears the claim with the outcome; rows claimed by a process that
died become claimable again when the claim expires.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claim_token', sqlmodel.sql.sqltypes.AutoString(length=32),
                                      nullable=True))
        batch_op.add_column(sa.Column('claim_expires_at', sqlmodel.sql.sqltypes.UTCDateTime(),
                                      nullable=True))
        batch_op.create_index(batch_op.f('ix_notification_claim_token'), ['claim_token'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_claim_token'))
        batch_op.drop_column('claim_expires_at')
        batch_op.drop_column('claim_token')
