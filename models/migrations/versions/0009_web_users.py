"""webuser, webloginattempt (portal accounts, issue 14)

Portal accounts: role (province, city, unit, evaluator), scope (the county or city code), an argon2
password hash, active, the failed-login count and lock, a session epoch raised on reset or disable;
and every login attempt with its address (the per-address limit).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('webloginattempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('webloginattempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_webloginattempt_address'), ['address'], unique=False)
        batch_op.create_index(batch_op.f('ix_webloginattempt_at'), ['at'], unique=False)

    op.create_table('webuser',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=True),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('session_epoch', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('last_login_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    with op.batch_alter_table('webuser', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_webuser_role'), ['role'], unique=False)
        batch_op.create_index(batch_op.f('ix_webuser_scope'), ['scope'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('webuser', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_webuser_scope'))
        batch_op.drop_index(batch_op.f('ix_webuser_role'))

    op.drop_table('webuser')
    with op.batch_alter_table('webloginattempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_webloginattempt_at'))
        batch_op.drop_index(batch_op.f('ix_webloginattempt_address'))

    op.drop_table('webloginattempt')
