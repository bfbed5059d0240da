"""ledger: drop the single-column indexes the tally index makes redundant

Each ledger row kept five indexes up to date on import; programme_id and (programme_id, unit_code)
lookups use the tally index's prefix, and no query filters on category or occurred_on alone. SQLite
also chose the unit_code index for a plain GROUP BY over the whole table, a plan slower than a scan.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DROPPED = {'ix_ledgerentry_programme_id': 'programme_id', 'ix_ledgerentry_unit_code': 'unit_code',
           'ix_ledgerentry_category': 'category', 'ix_ledgerentry_occurred_on': 'occurred_on'}


def upgrade() -> None:
    for name in DROPPED:
        op.drop_index(name, table_name='ledgerentry')


def downgrade() -> None:
    for name, column in DROPPED.items():
        op.create_index(name, 'ledgerentry', [column], unique=False)
