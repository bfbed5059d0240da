"""mailmessage, mailattachment, contact (mailbox intake)

Every received e-mail is recorded (Message-ID, SHA-256 of its raw bytes kept as an .eml file under
LEGALCAP_HOME, arrival time and its Asia/Shanghai day, state stored/imported/held/marked), each of its
attachments with what the intake service made of it, and the known senders (unit, city, province).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('address')
    )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_code'), ['code'], unique=False)

    op.create_table('mailmessage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sqlmodel.sql.sqltypes.AutoString(length=998), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('eml_path', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sender', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sender_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('arrived_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('unit_code', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('held_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sha256')
    )
    with op.batch_alter_table('mailmessage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mailmessage_message_id'), ['message_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mailmessage_received_on'), ['received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_mailmessage_sender'), ['sender'], unique=False)
        batch_op.create_index(batch_op.f('ix_mailmessage_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_mailmessage_unit_code'), ['unit_code'], unique=False)

    op.create_table('mailattachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mail_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['mail_id'], ['mailmessage.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('mail_id', 'position')
    )
    with op.batch_alter_table('mailattachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mailattachment_mail_id'), ['mail_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mailattachment_sha256'), ['sha256'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('mailattachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mailattachment_sha256'))
        batch_op.drop_index(batch_op.f('ix_mailattachment_mail_id'))

    op.drop_table('mailattachment')
    with op.batch_alter_table('mailmessage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mailmessage_unit_code'))
        batch_op.drop_index(batch_op.f('ix_mailmessage_state'))
        batch_op.drop_index(batch_op.f('ix_mailmessage_sender'))
        batch_op.drop_index(batch_op.f('ix_mailmessage_received_on'))
        batch_op.drop_index(batch_op.f('ix_mailmessage_message_id'))

    op.drop_table('mailmessage')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_code'))

    op.drop_table('contact')
