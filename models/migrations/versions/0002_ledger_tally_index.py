"""ledger: 一函两书 case columns and the two indexes the tick's snapshot reads alone

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TALLY = ['programme_id', 'unit_code', 'category', 'venue', 'subtype', 'case_no', 'occurred_on', 'imported_at']
CASES = ['programme_id', 'unit_code', 'case_no', 'subtype', 'occurred_on', 'imported_at', 'reply_due',
         'replied_on']
SUPERVISION = "category = 'labour_supervision'"


def _from_json(key: str, as_date: bool = False) -> str:
    """The key's text (SQLite keeps dates as yyyy-mm-dd text; PostgreSQL needs a real date)."""
    if op.get_bind().dialect.name == 'postgresql':
        text = f"(CAST(fields_json AS jsonb) ->> '{key}')"
        return f"CAST({text} AS DATE)" if as_date else text
    return f"json_extract(fields_json, '$.{key}')"


def upgrade() -> None:
    with op.batch_alter_table('ledgerentry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('case_no', sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('reply_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('replied_on', sa.Date(), nullable=True))
    op.execute(f"UPDATE ledgerentry SET case_no = COALESCE({_from_json('case_no')}, ''), "
               f"reply_due = {_from_json('reply_due', True)}, replied_on = {_from_json('replied_on', True)} "
               f"WHERE {SUPERVISION}")
    op.create_index('ix_ledgerentry_tally', 'ledgerentry', TALLY, unique=False)
    op.create_index('ix_ledgerentry_cases', 'ledgerentry', CASES, unique=False,
                    sqlite_where=sa.text(SUPERVISION), postgresql_where=sa.text(SUPERVISION))


def downgrade() -> None:
    op.drop_index('ix_ledgerentry_cases', table_name='ledgerentry')
    op.drop_index('ix_ledgerentry_tally', table_name='ledgerentry')
    with op.batch_alter_table('ledgerentry', schema=None) as batch_op:
        batch_op.drop_column('replied_on')
        batch_op.drop_column('reply_due')
        batch_op.drop_column('case_no')
