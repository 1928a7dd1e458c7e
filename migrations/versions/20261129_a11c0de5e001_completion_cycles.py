"""completion cycles, one certificate per completion, quiz attempt counts, page-view minute, reading rule

Revision ID: a11c0de5e001
Revises: 1ee9befc9fe6
Create Date: 2026-11-29 17:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'a11c0de5e001'
down_revision = '1ee9befc9fe6'
branch_labels = None
depends_on = None


def upgrade():
    # Versions published before the reading rule keep working as they were published.
    with op.batch_alter_table('course_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quiz_requires_reading', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('enrolments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cycle', sa.Integer(), server_default='1', nullable=False))
    with op.batch_alter_table('module_progress', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_seen_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('quiz_attempts', sa.Integer(), server_default='0', nullable=False))
    # Attempts made before the count existed: the first try is still recognised.
    op.execute(
        "UPDATE module_progress SET quiz_attempts = (SELECT count(*) FROM quiz_attempts a "
        "WHERE a.user_id = module_progress.user_id AND a.course_id = module_progress.course_id "
        "AND a.module_id = module_progress.module_id)"
    )
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('enrolment_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('cycle', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_certificates_enrolment_id_enrolments'), 'enrolments', ['enrolment_id'], ['id'],
            ondelete='SET NULL',
        )
        batch_op.create_unique_constraint(
            batch_op.f('uq_certificates_enrolment_id_cycle_course_id'), ['enrolment_id', 'cycle', 'course_id']
        )


def downgrade():
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_certificates_enrolment_id_cycle_course_id'), type_='unique')
        batch_op.drop_constraint(batch_op.f('fk_certificates_enrolment_id_enrolments'), type_='foreignkey')
        batch_op.drop_column('cycle')
        batch_op.drop_column('enrolment_id')
    with op.batch_alter_table('module_progress', schema=None) as batch_op:
        batch_op.drop_column('quiz_attempts')
        batch_op.drop_column('last_seen_at')
    with op.batch_alter_table('enrolments', schema=None) as batch_op:
        batch_op.drop_column('cycle')
    with op.batch_alter_table('course_versions', schema=None) as batch_op:
        batch_op.drop_column('quiz_requires_reading')
