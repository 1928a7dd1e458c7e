"""the module funnel's played figures: the statistics counters recounted from the raw rows

Revision ID: c3e1f0a2b7d4
Revises: b7d2e4f19c30
Create Date: 2026-11-30 04:00:00

"Finished" in the module funnel now follows the rule for a finished module: a
module with scenarios needs them played to a passing end too. The counters
gain three figures (played, played_passed, played_read; statistics/sql.py),
counted here from the raw rows with the same SQL as `flask statistics rebuild`.
"""
from alembic import op
import sqlalchemy as sa


revision = 'c3e1f0a2b7d4'
down_revision = 'b7d2e4f19c30'
branch_labels = None
depends_on = None

PLAYED_FIGURES = ("played", "played_passed", "played_read")


def upgrade():
    # The counters start out equal to the raw rows. A later migration that changes what they count
    # moves this along (it runs today's SQL, which must find every table and column it reads).
    from signaal.statistics.summaries import contribution_parts, upsert  # noqa: PLC0415
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.execute(sa.text("SET LOCAL statement_timeout = 0"))  # a region's recount outlasts a page's limit
    bind.execute(sa.text("DELETE FROM statistics_counters"))
    for part in contribution_parts():  # part by part: as one statement SQLite took minutes
        bind.execute(upsert(part, dialect_name=bind.dialect.name))


def downgrade():
    op.get_bind().execute(
        sa.text("DELETE FROM statistics_counters WHERE figure IN :figures").bindparams(sa.bindparam("figures", expanding=True)),
        {"figures": list(PLAYED_FIGURES)},
    )
