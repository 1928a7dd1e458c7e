"""accounts: session generation, must-change-password flag, user-name skeleton

Revision ID: a14c0de5e551
Revises: a11c0de5e001
Create Date: 2026-11-29 17:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a14c0de5e551'
down_revision = 'a11c0de5e001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('username_skeleton', sa.String(length=256), nullable=True))
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(), nullable=False))
    _fill_skeletons()
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_users_username_skeleton'), ['username_skeleton'])


def _fill_skeletons():
    # Existing names get their skeleton; of two older look-alikes only the first gets one
    # (both keep working, and no new name can look like the first).
    from signaal.accounts.names import username_skeleton

    users = sa.table('users', sa.column('id', sa.Integer), sa.column('username', sa.String),
                     sa.column('username_skeleton', sa.String))
    connection = op.get_bind()
    seen = set()
    for user_id, username in connection.execute(sa.select(users.c.id, users.c.username).order_by(users.c.id)):
        skeleton = username_skeleton(username)
        if skeleton in seen:
            continue
        seen.add(skeleton)
        connection.execute(users.update().where(users.c.id == user_id).values(username_skeleton=skeleton))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_username_skeleton'), type_='unique')
        batch_op.drop_column('must_change_password')
        batch_op.drop_column('session_generation')
        batch_op.drop_column('username_skeleton')
