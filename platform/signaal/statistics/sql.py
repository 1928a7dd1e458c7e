"""Two SQL expressions that SQLite and PostgreSQL spell differently, the first-try rule, and what progress counts for.

Everything else in statistics is plain SQLAlchemy Core that both databases
run as is.
"""

from __future__ import annotations

from sqlalchemy import Float, Integer, cast, func, literal_column, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from ..quizzes.models import QuizAttempt


class days_between(FunctionElement):
    """(later - earlier) in days, as a fraction."""

    type = Float()
    name = "days_between"
    inherit_cache = True


@compiles(days_between)
def _days_between_sqlite(element, compiler, **kw):
    later, earlier = list(element.clauses)
    return f"(julianday({compiler.process(later, **kw)}) - julianday({compiler.process(earlier, **kw)}))"


@compiles(days_between, "postgresql")
def _days_between_postgresql(element, compiler, **kw):
    later, earlier = list(element.clauses)
    return f"(EXTRACT(EPOCH FROM ({compiler.process(later, **kw)} - {compiler.process(earlier, **kw)})) / 86400.0)"


def tenths_of_days(later, earlier):
    """(later - earlier) in whole tenths of a day: how durations are counted for the median."""
    return cast(func.round(days_between(later, earlier) * literal_column("10")), Integer)


def first_attempt_ids(people, course_id: str | None = None):
    """The ids of each person's first attempt at each quiz: what "first try" means everywhere."""
    statement = select(QuizAttempt.id.label("id")).where(QuizAttempt.first_try.is_(True), QuizAttempt.user_id.in_(people))
    if course_id is not None:
        statement = statement.where(QuizAttempt.course_id == course_id)
    return statement.subquery()


def median_by(key: ColumnElement, value: ColumnElement, where, select_from) -> "Select":
    """Median of value per key, with window functions (portable; no MEDIAN() in SQLite).

    The middle row, or the mean of the two middle rows, of each key's values in order.
    """
    ranked = (
        select(
            key.label("key"),
            value.label("value"),
            func.row_number().over(partition_by=key, order_by=value).label("position"),
            func.count().over(partition_by=key).label("size"),
        )
        .select_from(select_from)
        .where(*where)
        .subquery()
    )
    middle = ranked.c.position.in_([(ranked.c.size + 1) // 2, (ranked.c.size + 2) // 2])
    return select(ranked.c.key, func.avg(ranked.c.value)).where(middle).group_by(ranked.c.key)


# The module funnel's figures (key: module id): the columns of a module-progress row that must be set
# for it to count. "Finished" depends on what the module has (a quiz, pages, scenarios: see
# questions.module_funnel), so every combination it may need is kept; the counters, their increments
# and the raw-row reference all read this one table.
PROGRESS_FIGURES = {
    "opened": (),
    "passed": ("passed_at",),
    "read": ("pages_done_at",),
    "played": ("scenarios_done_at",),
    "played_passed": ("scenarios_done_at", "passed_at"),
    "played_read": ("scenarios_done_at", "pages_done_at"),
}


def progress_counts_for(row, figure: str) -> list:
    """The conditions for a module-progress row (the model or an alias of it) to count for the figure."""
    return [getattr(row, column).is_not(None) for column in PROGRESS_FIGURES[figure]]
