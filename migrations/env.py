import logging
from logging.config import fileConfig

from flask import current_app

import sqlalchemy as sa
from alembic import context
from alembic.operations import ops

from signaal.database import comparing_models_with_database

# this is the Alembic Config object, which provides
# access to the values within the .ini file in use.
config = context.config

# Interpret the config file for Python logging.
# This line sets up loggers basically.
# Keep the app's own loggers working when migrations run inside it (tests, `flask setup`).
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger('alembic.env')


def get_engine():
    return current_app.extensions['migrate'].db.engine


def get_engine_url():
    return get_engine().url.render_as_string(hide_password=False).replace('%', '%%')


# add your model's MetaData object here
# for 'autogenerate' support
# from myapp import mymodel
# target_metadata = mymodel.Base.metadata
config.set_main_option('sqlalchemy.url', get_engine_url())
target_db = current_app.extensions['migrate'].db

# other values from the config, defined by the needs of env.py,
# can be acquired:
# my_important_option = config.get_main_option("my_important_option")
# ... etc.


def get_metadata():
    if hasattr(target_db, 'metadatas'):
        return target_db.metadatas[None]
    return target_db.metadata


def add_mutual_foreign_keys_separately(script):
    """Create `use_alter` foreign keys after all tables, and drop them before.

    Two tables that point at each other (courses and their current version)
    cannot both be created with the key inline on PostgreSQL, and neither can
    be dropped first. Autogenerate leaves the key inside create_table, where
    PostgreSQL silently skips it; this moves it into its own step.
    """
    mutual = []
    for table_op in script.upgrade_ops.ops:
        if isinstance(table_op, ops.CreateTableOp):
            keys = [c for c in table_op.columns
                    if isinstance(c, sa.ForeignKeyConstraint) and c.use_alter]
            # By identity: == on columns builds SQL expressions.
            table_op.columns = [c for c in table_op.columns if all(c is not k for k in keys)]
            mutual += keys
    # In batch form, which SQLite needs (it cannot ALTER a constraint) and PostgreSQL accepts.
    script.upgrade_ops.ops.extend(
        ops.ModifyTableOps(k.table.name, [ops.CreateForeignKeyOp.from_constraint(k)]) for k in mutual
    )
    script.downgrade_ops.ops[:0] = [
        ops.ModifyTableOps(k.table.name, [ops.DropConstraintOp.from_constraint(k)]) for k in mutual
    ]


def run_migrations_offline():
    """Run migrations in 'offline' mode.

    This configures the context with just a URL
    and not an Engine, though an Engine is acceptable
    here as well.  By skipping the Engine creation
    we don't even need a DBAPI to be available.

    Calls to context.execute() here emit the given string to the
    script output.

    """
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url, target_metadata=get_metadata(), literal_binds=True
    )

    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    """Run migrations in 'online' mode.

    In this scenario we need to create an Engine
    and associate a connection with the context.

    """

    # this callback is used to prevent an auto-migration from being generated
    # when there are no changes to the schema
    # reference: http://alembic.zzzcomputing.com/en/latest/cookbook.html
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, 'autogenerate', False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info('No changes in schema detected.')
                return
            add_mutual_foreign_keys_separately(script)

    conf_args = current_app.extensions['migrate'].configure_args
    if conf_args.get("process_revision_directives") is None:
        conf_args["process_revision_directives"] = process_revision_directives

    connectable = get_engine()

    with connectable.connect() as connection:
        sqlite = connection.dialect.name == 'sqlite'
        if sqlite:
            # Batch mode rebuilds a table and drops the old copy: with foreign keys
            # enforced that would cascade or fail. Outside a transaction, on the raw connection.
            connection.connection.driver_connection.execute('PRAGMA foreign_keys=OFF')
        try:
            context.configure(
                connection=connection,
                target_metadata=get_metadata(),
                **conf_args
            )

            with context.begin_transaction(), comparing_models_with_database():
                context.run_migrations()
        finally:
            if sqlite:
                connection.connection.driver_connection.execute('PRAGMA foreign_keys=ON')


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
