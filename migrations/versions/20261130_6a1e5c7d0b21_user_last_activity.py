"""the person's last activity on users, and trigram indexes for name search on PostgreSQL

Revision ID: 6a1e5c7d0b21
Revises: 5ce7a410b16e
Create Date: 2026-11-30 00:00:00

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError


revision = '6a1e5c7d0b21'
down_revision = '5ce7a410b16e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_active_at', sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE users SET last_active_at = (SELECT max(e.last_active_at) FROM enrolments e WHERE e.user_id = users.id)"
    )
    if op.get_bind().dialect.name == "postgresql" and _trigram_extension():
        for name, column in TRIGRAM_INDEXES:
            op.execute(f"CREATE INDEX {name} ON users USING gin ({column} gin_trgm_ops)")


TRIGRAM_INDEXES = (
    ("ix_users_display_name_trigram", "display_name"),
    ("ix_users_username_trigram", "username"),
)


def _trigram_extension() -> bool:
    """pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it. Without it, search still works, slower."""
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError as error:
        print(f"pg_trgm could not be created ({error.orig}); name search runs without trigram indexes")
        return False
    return True


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name, _ in TRIGRAM_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('last_active_at')
