"""statistics summary counters, filled from the raw rows

Revision ID: 5a7c0de5e012
Revises: a75611ab1bab
Create Date: 2026-11-29 18:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5a7c0de5e012'
down_revision = 'a75611ab1bab'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'statistics_counters',
        sa.Column('organisation_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('group_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('course_id', sa.String(length=64), nullable=False),
        sa.Column('figure', sa.String(length=20), nullable=False),
        sa.Column('key', sa.String(length=160), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.Column('total', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('organisation_id', 'group_id', 'course_id', 'figure', 'key'),
    )
    # Existing data is counted by the scenarios migration (5ce7a410b16e): the counting SQL is today's code,
    # which reads tables made after this one, so it can only run once they exist.


def downgrade():
    op.drop_table('statistics_counters')
