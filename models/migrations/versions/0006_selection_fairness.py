"""providerselection: method_note (其他方式说明) and selection_reason (择优说明)

The notice's 等 keeps other compliant selection methods, described in the dossier; fewer than
three candidates, or a winner without the top score, needs a written reason (择优说明).
Existing selections get '' for both.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0006'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('providerselection', schema=None) as batch_op:
        batch_op.add_column(sa.Column('method_note', sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('selection_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('providerselection', schema=None) as batch_op:
        batch_op.drop_column('selection_reason')
        batch_op.drop_column('method_note')
