"""notification.attachments_json (files an outbox row carries)

Each outbox row may carry files (a receipt's rejects workbook, the evaluators' packets index): a JSON
list of {path under LEGALCAP_HOME, name, sha256, bytes}. Existing rows get '[]' (no attachment).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attachments_json', sqlmodel.sql.sqltypes.AutoString(),
                                      server_default='[]', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_column('attachments_json')
