"""Summary counters: the coordinators' figures kept as they happen, so pages read hundreds of rows, not millions.

Every figure on the statistics pages is a sum over people of what each person
contributes to it (their enrolments, progress, first tries), in each scope
they belong to: the whole region (organisation 0, group 0), each organisation
they are a member of (organisation o, group 0) and each group (organisation of
the group, group g). One row of `statistics_counters` holds one figure of one
scope for one course:

  figure            key                       n                     total
  enrolled          '' | 'lang:pl' | 'group:7' pairs enrolled
  started           as enrolled               pairs started
  completed         as enrolled               pairs completed
  started_month     '202401'                  enrolments started
  completed_month   '202401'                  enrolments completed
  days              tenths of days to complete completions
  score             ''                        first tries scored    sum of their scores in %
  score_people      ''                        people with a first try
  question          'module|question'         first-try answers     right ones
  opened/passed/read module id                module progress rows: all, quiz passed, pages read
  played[_passed|_read] module id             the same with the scenarios played (sql.PROGRESS_FIGURES)
  tried             module id                 people who tried its quiz
  scenario_people, scenario_end, decision     first attempts at scenarios (see decision_counts.py)

The raw rows stay the truth: `contributions()` computes these rows from them
with set-based SQL, for everyone (`rebuild`, `verify`) or for a few people
(`maintenance.py` takes a person's part out before their rows change and puts
it back before the transaction commits).
"""

from __future__ import annotations

from sqlalchemy import Float, Integer, String, and_, case, cast, delete, extract, func, literal, literal_column, or_, select, union, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, aliased, mapped_column

from ..accounts.models import Role, User
from ..database import allow_long_statements
from ..extensions import db
from ..learning.models import Enrolment, ModuleProgress
from ..organisations.models import Group, GroupCourse, GroupMember, Membership
from ..quizzes.models import QuestionResult, QuizAttempt
from . import decision_counts
from .sql import PROGRESS_FIGURES, progress_counts_for, tenths_of_days

REGION = 0  # organisation_id and group_id of the rows for everyone


class Counter(db.Model):
    __tablename__ = "statistics_counters"

    organisation_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    group_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    course_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    figure: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)
    total: Mapped[float] = mapped_column(Float, default=0.0)


KEYS = ("organisation_id", "group_id", "course_id", "figure", "key")


def upsert(rows_select, sign: int = 1, dialect_name: str | None = None):
    """INSERT … SELECT … ON CONFLICT DO UPDATE SET n = n + excluded.n: concurrent writers never lose a count."""
    dialect_name = dialect_name or db.session.get_bind().dialect.name
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    table = Counter.__table__
    statement = dialect.insert(table).from_select([*KEYS, "n", "total"], rows_select)
    statement = statement.on_conflict_do_update(
        index_elements=list(KEYS),
        set_={"n": table.c.n + sign * statement.excluded.n, "total": table.c.total + sign * statement.excluded.total},
    )
    return statement


def _scopes(user_ids, shared: bool = False):
    """(user_id, organisation_id, group_id) of every scope each participant belongs to.

    shared: as a WITH query, computed once for the many parts that read it.
    """
    participant = [User.role == Role.PARTICIPANT.value]
    if user_ids is not None:
        participant.append(User.id.in_(user_ids))
    zero = literal(REGION, Integer)
    scopes = union_all(
        select(User.id.label("user_id"), zero.label("organisation_id"), zero.label("group_id")).where(*participant),
        select(Membership.user_id, Membership.organisation_id, zero).join(User, User.id == Membership.user_id).where(*participant),
        select(GroupMember.user_id, Group.organisation_id, GroupMember.group_id)
        .join(Group, Group.id == GroupMember.group_id)
        .join(User, User.id == GroupMember.user_id)
        .where(*participant),
    )
    return scopes.cte("scopes") if shared else scopes.subquery("scopes")


def _group_in_scope(scopes, group):
    """The groups a scope covers: its own group, its organisation's groups, or every group."""
    return or_(
        and_(scopes.c.group_id != REGION, group.id == scopes.c.group_id),
        and_(scopes.c.group_id == REGION, or_(scopes.c.organisation_id == REGION, group.organisation_id == scopes.c.organisation_id)),
    )


def _text(value):
    return cast(cast(value, Integer), String)


def _row(scopes, course_id, figure, key, n, total=None):
    return [
        scopes.c.organisation_id.label("organisation_id"), scopes.c.group_id.label("group_id"),
        course_id.label("course_id"), literal(figure, String).label("figure"), key.label("key"),
        n.label("n"), (total if total is not None else literal(0.0, Float)).label("total"),
    ]


def _enrolment_figures(scopes) -> list:
    """enrolled / started / completed per course: in total, per language and per group in scope."""
    member, group = GroupMember.__table__.alias("assigned_member"), aliased(Group, name="assigned_group")
    assigned = (
        select(scopes.c.user_id, scopes.c.organisation_id, scopes.c.group_id, GroupCourse.course_id)
        .join(member, member.c.user_id == scopes.c.user_id)
        .join(group, group.id == member.c.group_id)
        .join(GroupCourse, GroupCourse.group_id == group.id)
        .where(_group_in_scope(scopes, group))
    )
    started = select(scopes.c.user_id, scopes.c.organisation_id, scopes.c.group_id, Enrolment.course_id).join(
        Enrolment, Enrolment.user_id == scopes.c.user_id
    )
    pairs = union(assigned, started).cte("pairs")
    enrolment = aliased(Enrolment, name="pair_enrolment")
    joined = pairs.outerjoin(enrolment, and_(enrolment.user_id == pairs.c.user_id, enrolment.course_id == pairs.c.course_id))
    breakdown_member = GroupMember.__table__.alias("breakdown_member")
    breakdown_group = aliased(Group, name="breakdown_group")
    language_user = aliased(User, name="language_user")
    breakdowns = [
        (joined, literal("", String), []),
        (
            joined.join(language_user, language_user.id == pairs.c.user_id),
            literal_column("'lang:'", String) + func.coalesce(language_user.language, literal_column("''", String)),
            [],
        ),
        (
            joined.join(breakdown_member, breakdown_member.c.user_id == pairs.c.user_id).join(
                breakdown_group, breakdown_group.id == breakdown_member.c.group_id
            ),
            literal_column("'group:'", String) + cast(breakdown_member.c.group_id, String),
            [_group_in_scope(pairs, breakdown_group)],
        ),
    ]
    selects = []
    for source, key, where in breakdowns:
        for figure, n in (("enrolled", func.count()), ("started", func.count(enrolment.id)), ("completed", func.count(enrolment.completed_at))):
            selects.append(
                select(*_row(pairs, pairs.c.course_id, figure, key, n))
                .select_from(source)
                .where(*where)
                .group_by(pairs.c.organisation_id, pairs.c.group_id, pairs.c.course_id, key)
            )
    return selects


def _month(column):
    # Constants written into the SQL, not bound: PostgreSQL must see the GROUP BY expression as the selected one.
    return _text(extract("year", column) * literal_column("100") + extract("month", column))


def _progress_figures(scopes) -> list:
    """Months, days to complete, first-try scores, questions and the module funnel."""
    e = Enrolment
    by_enrolment = select().select_from(scopes).join(e, e.user_id == scopes.c.user_id)
    tenths = _text(tenths_of_days(e.completed_at, e.started_at))
    attempts = select().select_from(scopes).join(
        QuizAttempt, and_(QuizAttempt.user_id == scopes.c.user_id, QuizAttempt.first_try.is_(True))
    )
    score = QuizAttempt.correct_count * 100.0 / func.nullif(QuizAttempt.question_count, 0)
    question_key = QuizAttempt.module_id + literal_column("'|'", String) + QuestionResult.question_id
    progress = select().select_from(scopes).join(ModuleProgress, ModuleProgress.user_id == scopes.c.user_id)
    tried = select().select_from(scopes).join(QuizAttempt, QuizAttempt.user_id == scopes.c.user_id)
    scope_keys = (scopes.c.organisation_id, scopes.c.group_id)
    empty = literal("", String)
    return [
        by_enrolment.add_columns(*_row(scopes, e.course_id, "started_month", _month(e.started_at), func.count()))
        .where(e.started_at.is_not(None)).group_by(*scope_keys, e.course_id, _month(e.started_at)),
        by_enrolment.add_columns(*_row(scopes, e.course_id, "completed_month", _month(e.completed_at), func.count()))
        .where(e.completed_at.is_not(None)).group_by(*scope_keys, e.course_id, _month(e.completed_at)),
        by_enrolment.add_columns(*_row(scopes, e.course_id, "days", tenths, func.count()))
        .where(e.completed_at.is_not(None)).group_by(*scope_keys, e.course_id, tenths),
        attempts.add_columns(*_row(scopes, QuizAttempt.course_id, "score", empty, func.count(score), func.coalesce(func.sum(score), 0.0)))
        .group_by(*scope_keys, QuizAttempt.course_id),
        attempts.add_columns(*_row(scopes, QuizAttempt.course_id, "score_people", empty, func.count(func.distinct(QuizAttempt.user_id))))
        .group_by(*scope_keys, QuizAttempt.course_id),
        attempts.join(QuestionResult, QuestionResult.attempt_id == QuizAttempt.id)
        .add_columns(*_row(scopes, QuizAttempt.course_id, "question", question_key, func.count(),
                           func.sum(case((QuestionResult.correct, 1.0), else_=0.0))))
        .group_by(*scope_keys, QuizAttempt.course_id, question_key),
        *(
            progress.add_columns(*_row(scopes, ModuleProgress.course_id, figure, ModuleProgress.module_id, func.count()))
            .where(*progress_counts_for(ModuleProgress, figure))
            .group_by(*scope_keys, ModuleProgress.course_id, ModuleProgress.module_id)
            for figure in PROGRESS_FIGURES
        ),
        tried.add_columns(*_row(scopes, QuizAttempt.course_id, "tried", QuizAttempt.module_id, func.count(func.distinct(QuizAttempt.user_id))))
        .group_by(*scope_keys, QuizAttempt.course_id, QuizAttempt.module_id),
    ]


def contributions(user_ids=None):
    """SELECT of the counter rows the raw rows make: of everyone, or of the people in user_ids."""
    parts = union_all(*contribution_parts(user_ids)).subquery("parts")
    keys = [parts.c[name] for name in KEYS]
    return select(*keys, func.sum(parts.c.n), func.sum(parts.c.total)).group_by(*keys)


def contribution_parts(user_ids=None) -> list:
    """The counter rows the raw rows make, as selects whose rows never share a key (each a figure or key prefix of its own).

    Everyone's counters are computed part by part (`rebuild`, `differences`): as
    one statement, SQLite took minutes over what its parts do in seconds.
    """
    scopes = _scopes(user_ids, shared=True)
    return [*_enrolment_figures(scopes), *_progress_figures(scopes), *decision_counts.contribution_parts(scopes, _row)]


def add_people(user_ids, sign: int) -> None:
    """Add (sign 1) or take out (sign -1) what these people contribute to every counter."""
    if user_ids:
        db.session.execute(upsert(contributions(sorted(user_ids)), sign))


def rebuild() -> None:
    """Recompute every counter from the raw rows, set-based, in the caller's transaction."""
    from .maintenance import forget_pending  # the rebuild counts everyone: nothing is left to add

    db.session.flush()
    allow_long_statements()
    db.session.execute(delete(Counter))
    for part in contribution_parts():
        db.session.execute(upsert(part))
    forget_pending(db.session)


def differences(limit: int | None = None) -> list[tuple[tuple, tuple, tuple]]:
    """(key, stored (n, total), from raw rows (n, total)) of every counter that does not match."""
    db.session.flush()
    allow_long_statements()
    stored = {tuple(row[:5]): (row[5], row[6]) for row in db.session.execute(
        select(*[Counter.__table__.c[name] for name in KEYS], Counter.n, Counter.total)
    )}
    computed: dict[tuple, tuple[int, float]] = {}
    for part in contribution_parts():
        for row in db.session.execute(part):
            n, total = computed.get(tuple(row[:5]), (0, 0.0))
            computed[tuple(row[:5])] = (n + int(row[5]), total + float(row[6] or 0))
    found = []
    for key in sorted(stored.keys() | computed.keys(), key=str):
        have, want = stored.get(key, (0, 0.0)), computed.get(key, (0, 0.0))
        if have[0] != want[0] or abs((have[1] or 0) - want[1]) > 1e-6 * max(1.0, abs(want[1])):
            found.append((key, have, want))
            if limit is not None and len(found) >= limit:
                break
    return found
