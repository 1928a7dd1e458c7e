"""The everyday changes as counter increments: one statement per transaction, whatever was learnt.

A page read, a quiz sent, a course completed: what they add to the counters
follows from the rows themselves, so instead of taking the person's part out
and putting it back (`maintenance.py`, two statements) one INSERT … SELECT
adds the difference when the transaction commits. Each part below mirrors a
part of `summaries.contributions()`; `flask statistics verify` and the
property test hold them to it.

"First" is decided by id order (an attempt with no attempt of a lower id), so
several new rows in one transaction still count once.

Building this statement (a union of a dozen selects) costs more than running
it, so each shape — the kinds of change, in order — is built once per process
with the ids as bound parameters; a quiz submission then only binds its ids.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Float, Integer, String, bindparam, case, cast, exists, func, literal, select, union_all
from sqlalchemy.orm import aliased

from ..accounts.models import User
from ..learning.models import Enrolment, ModuleProgress
from ..organisations.models import Group, GroupCourse, GroupMember
from ..quizzes.models import QuestionResult, QuizAttempt
from . import decision_counts
from .sql import PROGRESS_FIGURES, progress_counts_for, tenths_of_days
from .summaries import KEYS, _group_in_scope, _month, _row, _scopes, _text, upsert

ENROLMENT, COMPLETION, PROGRESS, ATTEMPT = "enrolment", "completion", "progress", "attempt"
# A module-progress column set once, and the figures that may count the row from then on.
PROGRESS_STEPS = {
    "passed_at": ("passed", "played_passed"),
    "pages_done_at": ("read", "played_read"),
    "scenarios_done_at": ("played", "played_passed", "played_read"),
}


def _breakdowns(scopes):
    """Each scope row of the person with the keys its enrolment figures are kept under."""
    member, group = GroupMember.__table__.alias("inc_member"), aliased(Group, name="inc_group")
    columns = [scopes.c.user_id, scopes.c.organisation_id, scopes.c.group_id]
    return union_all(
        select(*columns, literal("", String).label("key")),
        select(*columns, literal("lang:", String) + func.coalesce(User.language, "")).join(User, User.id == scopes.c.user_id),
        select(*columns, literal("group:", String) + cast(member.c.group_id, String))
        .join(member, member.c.user_id == scopes.c.user_id)
        .join(group, group.id == member.c.group_id)
        .where(_group_in_scope(scopes, group)),
    ).subquery("breakdowns")


def _one(value) -> object:
    return literal(value, Integer)


def _enrolment_parts(user_id: int, enrolment_id: int, completion_only: bool) -> list:
    scopes = _scopes([user_id])
    keys = _breakdowns(scopes)
    e = aliased(Enrolment, name="inc_enrolment")
    member, group = GroupMember.__table__.alias("assigned_member"), aliased(Group, name="assigned_group")
    assigned = exists(
        select(1)
        .select_from(member)
        .join(group, group.id == member.c.group_id)
        .join(GroupCourse, GroupCourse.group_id == group.id)
        .where(member.c.user_id == user_id, GroupCourse.course_id == e.course_id, _group_in_scope(keys, group))
    )
    by_key = select().select_from(keys).join(e, e.id == enrolment_id)
    by_scope = select().select_from(scopes).join(e, e.id == enrolment_id)
    done = e.completed_at.is_not(None)
    parts = [
        by_key.add_columns(*_row(keys, e.course_id, "completed", keys.c.key, _one(1))).where(done),
        by_scope.add_columns(*_row(scopes, e.course_id, "completed_month", _month(e.completed_at), _one(1))).where(done),
        by_scope.add_columns(*_row(scopes, e.course_id, "days", _text(tenths_of_days(e.completed_at, e.started_at)), _one(1))).where(done),
    ]
    if not completion_only:
        parts += [
            by_key.add_columns(*_row(keys, e.course_id, "enrolled", keys.c.key, case((assigned, 0), else_=1))),
            by_key.add_columns(*_row(keys, e.course_id, "started", keys.c.key, _one(1))),
            by_scope.add_columns(*_row(scopes, e.course_id, "started_month", _month(e.started_at), _one(1)))
            .where(e.started_at.is_not(None)),
        ]
    return parts


def _progress_parts(user_id: int, progress_id: int, figures: tuple[str, ...]) -> list:
    scopes = _scopes([user_id])
    p = aliased(ModuleProgress, name="inc_progress")
    base = select().select_from(scopes).join(p, p.id == progress_id)
    return [
        base.add_columns(*_row(scopes, p.course_id, figure, p.module_id, _one(1))).where(*progress_counts_for(p, figure))
        for figure in figures
    ]


def _attempt_parts(user_id: int, attempt_id: int) -> list:
    scopes = _scopes([user_id])
    a = aliased(QuizAttempt, name="inc_attempt")
    earlier = aliased(QuizAttempt, name="earlier_attempt")
    base = select().select_from(scopes).join(a, a.id == attempt_id)
    tried_before = exists(select(1).where(
        earlier.user_id == a.user_id, earlier.course_id == a.course_id, earlier.module_id == a.module_id, earlier.id < a.id
    ))
    first_try_before = exists(select(1).where(
        earlier.user_id == a.user_id, earlier.course_id == a.course_id, earlier.first_try.is_(True), earlier.id < a.id
    ))
    score = a.correct_count * 100.0 / func.nullif(a.question_count, 0)
    first = a.first_try.is_(True)
    question_key = a.module_id + literal("|", String) + QuestionResult.question_id
    return [
        base.add_columns(*_row(scopes, a.course_id, "tried", a.module_id, case((tried_before, 0), else_=1))),
        base.add_columns(*_row(scopes, a.course_id, "score", literal("", String), case((score.is_(None), 0), else_=1),
                               func.coalesce(score, literal(0.0, Float)))).where(first),
        base.add_columns(*_row(scopes, a.course_id, "score_people", literal("", String), case((first_try_before, 0), else_=1))).where(first),
        base.join(QuestionResult, QuestionResult.attempt_id == a.id)
        .add_columns(*_row(scopes, a.course_id, "question", question_key, _one(1), case((QuestionResult.correct, 1.0), else_=0.0)))
        .where(first),
    ]


PARTS = {
    ENROLMENT: lambda user, row: _enrolment_parts(user, row, completion_only=False),
    COMPLETION: lambda user, row: _enrolment_parts(user, row, completion_only=True),
    PROGRESS: lambda user, row: _progress_parts(user, row, tuple(PROGRESS_FIGURES)),
    **{
        column: lambda user, row, figures=figures: _progress_parts(user, row, figures)
        for column, figures in PROGRESS_STEPS.items()
    },
    ATTEMPT: _attempt_parts,
    **{
        kind: lambda user, row, kind=kind: decision_counts.increment_parts(kind, _scopes([user]), _row, row)
        for kind in (decision_counts.RUN, decision_counts.RUN_END, decision_counts.CHOICE)
    },
}


def increments(events, dialect_name: str) -> tuple[object, dict[str, int]] | None:
    """The upsert adding the counter rows for these (kind, user id, row id) events, with its parameters; or None."""
    events = [event for event in events if event[0] in PARTS]
    if not events:
        return None
    parameters = {}
    for number, (_kind, user_id, row_id) in enumerate(events):
        parameters[f"user_{number}"], parameters[f"row_{number}"] = user_id, row_id
    return _counter_upsert(tuple(kind for kind, _user, _row in events), dialect_name), parameters


@lru_cache(maxsize=256)
def _counter_upsert(kinds: tuple[str, ...], dialect_name: str):
    """INSERT … SELECT … ON CONFLICT for events of these kinds; event n's ids are :user_n and :row_n."""
    parts = []
    for number, kind in enumerate(kinds):
        parts += PARTS[kind](bindparam(f"user_{number}", type_=Integer), bindparam(f"row_{number}", type_=Integer))
    rows = union_all(*parts).subquery("increments")
    keys = [rows.c[name] for name in KEYS]
    return upsert(select(*keys, func.sum(rows.c.n), func.sum(rows.c.total)).group_by(*keys), dialect_name=dialect_name)
