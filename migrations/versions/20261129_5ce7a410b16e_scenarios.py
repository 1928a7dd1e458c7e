"""scenarios: compiled scenarios on published modules, runs and their choices, module scenarios done

Revision ID: 5ce7a410b16e
Revises: 5a7c0de5e012
Create Date: 2026-11-29 21:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5ce7a410b16e'
down_revision = '5a7c0de5e012'
branch_labels = None
depends_on = None


def upgrade():
    # Versions published before scenarios have none (NULL reads as no scenarios).
    with op.batch_alter_table('course_modules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scenarios', sa.JSON(), nullable=True))
    with op.batch_alter_table('module_progress', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scenarios_done_at', sa.DateTime(), nullable=True))
    op.create_table(
        'scenario_runs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('course_id', sa.String(length=64), nullable=False),
        sa.Column('module_id', sa.String(length=64), nullable=False),
        sa.Column('scenario_id', sa.String(length=64), nullable=False),
        sa.Column('attempt', sa.Integer(), nullable=False),
        sa.Column('cycle', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=16), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.Column('current_step', sa.String(length=64), nullable=False),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.Column('ending_step', sa.String(length=64), nullable=True),
        sa.Column('ending', sa.String(length=16), nullable=True),
        sa.Column('passed', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_scenario_runs_course_id_courses')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_scenario_runs_user_id_users')),
        sa.ForeignKeyConstraint(['version_id'], ['course_versions.id'], name=op.f('fk_scenario_runs_version_id_course_versions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_scenario_runs')),
        sa.UniqueConstraint('user_id', 'course_id', 'module_id', 'scenario_id', 'attempt', name='uq_scenario_runs_person_attempt'),
    )
    op.create_index('ix_scenario_runs_first', 'scenario_runs', ['course_id', 'attempt', 'user_id'], unique=False)
    op.create_index(op.f('ix_scenario_runs_user_id'), 'scenario_runs', ['user_id'], unique=False)
    op.create_table(
        'scenario_choices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('run_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('step_id', sa.String(length=64), nullable=False),
        sa.Column('choice_index', sa.Integer(), nullable=False),
        sa.Column('target', sa.String(length=64), nullable=False),
        sa.Column('chosen_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['run_id'], ['scenario_runs.id'], name=op.f('fk_scenario_choices_run_id_scenario_runs')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_scenario_choices')),
        sa.UniqueConstraint('run_id', 'position', name=op.f('uq_scenario_choices_run_id_position')),
    )
    op.create_index(op.f('ix_scenario_choices_run_id'), 'scenario_choices', ['run_id'], unique=False)
    # The statistics counters are recounted from the raw rows by the latest migration that changes what
    # they count (20261130_c3e1f0a2b7d4_module_funnel_played_figures.py).


def downgrade():
    op.drop_index(op.f('ix_scenario_choices_run_id'), table_name='scenario_choices')
    op.drop_table('scenario_choices')
    op.drop_index(op.f('ix_scenario_runs_user_id'), table_name='scenario_runs')
    op.drop_index('ix_scenario_runs_first', table_name='scenario_runs')
    op.drop_table('scenario_runs')
    with op.batch_alter_table('module_progress', schema=None) as batch_op:
        batch_op.drop_column('scenarios_done_at')
    with op.batch_alter_table('course_modules', schema=None) as batch_op:
        batch_op.drop_column('scenarios')
