"""indexes that hold the listed participants in name and activity order, on PostgreSQL

Revision ID: b7d2e4f19c30
Revises: 6a1e5c7d0b21
Create Date: 2026-11-30 03:00:00

A coordinator's participant list (statistics/people.py) walks one of these and
keeps the organisation's members, instead of sorting every member; see
accounts/models.py. SQLite does without (its lower() is a Python function).
"""
from alembic import op


revision = 'b7d2e4f19c30'
down_revision = '6a1e5c7d0b21'
branch_labels = None
depends_on = None

LISTED = "role = 'participant' AND deleted_at IS NULL"
INDEXES = (
    ("ix_users_listed_by_name", "lower(display_name), id"),
    ("ix_users_listed_by_activity", "last_active_at NULLS FIRST, id"),
)


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name, columns in INDEXES:
            op.execute(f"CREATE INDEX {name} ON users ({columns}) WHERE {LISTED}")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name, _ in INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
