"""notification.to_address (the exact e-mail address a mailbox receipt goes back to)

A receipt is sent to the address that sent the file (LEGALCAP_SMTP_URL), not only to the sender's
unit or city route. The row stores the address, never a URL or a secret. Existing rows get ''.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('to_address', sqlmodel.sql.sqltypes.AutoString(),
                                      server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_column('to_address')
