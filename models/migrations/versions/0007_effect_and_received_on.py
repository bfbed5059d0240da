"""effectrecord (实际成效 assessments); expenditure/oversightvisit.received_on (收到日期)

The evaluators' 实际成效 assessments get their own table (the latest per unit counts). Payments and
oversight visits gain the day they were received: status, chases and packets of a date see only what
was received by then. Existing rows keep NULL and count from their own date, as before.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('effectrecord',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('unit_code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('effect', sa.Float(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('methods', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('assessed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('recorded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], ),
    sa.ForeignKeyConstraint(['unit_code'], ['unit.code'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('effectrecord', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_effectrecord_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_effectrecord_unit_code'), ['unit_code'], unique=False)
    for table in ('expenditure', 'oversightvisit'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('received_on', sa.Date(), nullable=True))


def downgrade() -> None:
    for table in ('oversightvisit', 'expenditure'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('received_on')
    with op.batch_alter_table('effectrecord', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_effectrecord_unit_code'))
        batch_op.drop_index(batch_op.f('ix_effectrecord_programme_id'))
    op.drop_table('effectrecord')
