"""index notification.audience (the portal's unit page reads a unit's receipts and reminders by it)

Without it every unit page whose data changed scans the whole outbox. An index only: data is untouched.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f('ix_notification_audience'), 'notification', ['audience'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_notification_audience'), table_name='notification')
