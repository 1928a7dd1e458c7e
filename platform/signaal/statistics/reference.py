"""Every statistics figure computed from the raw rows: the truth the summary counters are checked against.

`figures.py` reads the counters for a region, organisation or group scope and
comes here for the rest (a coordinator's several organisations together, where
people in two of them must be counted once); `flask statistics verify` and the
property test compare the two.

"Enrolled" means assigned the course through a group, or having started it;
"started" means having opened any page or quiz of it; "completed" means
every module done. The completion rate is completed / enrolled.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, extract, func, null, select, true, union
from sqlalchemy.orm import aliased

from ..accounts.models import User
from ..extensions import db
from ..learning.models import Enrolment, ModuleProgress
from ..organisations.models import Group, GroupCourse, GroupMember, Organisation
from ..quizzes.models import QuestionResult, QuizAttempt
from .scoping import Scope
from .sql import PROGRESS_FIGURES, first_attempt_ids, median_by, progress_counts_for, tenths_of_days

NO_LANGUAGE = ""


@dataclass(frozen=True)
class Counts:
    course_id: str
    key: object  # the breakdown value (group id, language) or None
    enrolled: int
    started: int
    completed: int


def enrolled_pairs(scope: Scope):
    """(user_id, course_id) of every enrolment in scope: assigned through a group, or started."""
    people = scope.people()
    assigned = (
        select(GroupMember.user_id, GroupCourse.course_id)
        .join(GroupCourse, GroupCourse.group_id == GroupMember.group_id)
        .join(Group, Group.id == GroupMember.group_id)
        .where(GroupMember.user_id.in_(people), *scope.group_conditions())
    )
    started = select(Enrolment.user_id, Enrolment.course_id).where(Enrolment.user_id.in_(people))
    return union(assigned, started).subquery()


def course_counts(scope: Scope, by: str | None = None) -> list[Counts]:
    """Enrolled, started and completed per course; with by="group" or "language" per value too."""
    pairs = enrolled_pairs(scope)
    key, group_keys = null(), [pairs.c.course_id]
    statement = select(pairs.c.course_id).select_from(pairs).outerjoin(
        Enrolment, and_(Enrolment.user_id == pairs.c.user_id, Enrolment.course_id == pairs.c.course_id)
    )
    if by == "group":
        member = GroupMember.__table__.alias("breakdown_member")
        group = aliased(Group, name="breakdown_group")
        statement = statement.join(member, member.c.user_id == pairs.c.user_id).join(
            group, group.id == member.c.group_id
        ).where(*scope.group_conditions(group))
        key = member.c.group_id
        group_keys.append(key)
    elif by == "language":
        statement = statement.join(User, User.id == pairs.c.user_id)
        key = func.coalesce(User.language, NO_LANGUAGE)
        group_keys.append(key)
    statement = statement.add_columns(
        key.label("key"), func.count(), func.count(Enrolment.id), func.count(Enrolment.completed_at)
    ).group_by(*group_keys)
    return [Counts(*row) for row in db.session.execute(statement)]


def organisation_counts(scope: Scope) -> list[Counts]:
    """Enrolled, started and completed per course in each organisation of the scope (key: its id)."""
    organisation_ids = scope.organisation_ids
    if organisation_ids is None:
        organisation_ids = db.session.scalars(select(Organisation.id).order_by(Organisation.id)).all()
    return [
        Counts(c.course_id, organisation_id, c.enrolled, c.started, c.completed)
        for organisation_id in organisation_ids
        for c in course_counts(Scope(f"org-{organisation_id}", "", (organisation_id,)))
        if c.enrolled > 0
    ]


def median_days_to_complete(scope: Scope) -> dict[str, tuple[float, int]]:
    """course id -> (median days from start to completion, number of completions).

    Each duration counts rounded to a tenth of a day (the page shows one decimal), so
    the counters can keep the durations as a histogram and find the same median.
    """
    where = [Enrolment.completed_at.is_not(None), Enrolment.user_id.in_(scope.people())]
    medians = median_by(Enrolment.course_id, tenths_of_days(Enrolment.completed_at, Enrolment.started_at), where, Enrolment)
    sizes = dict(
        db.session.execute(select(Enrolment.course_id, func.count()).where(*where).group_by(Enrolment.course_id)).all()
    )
    return {course_id: (float(median) / 10, sizes[course_id]) for course_id, median in db.session.execute(medians)}


def average_first_try_scores(scope: Scope) -> dict[str, tuple[float, int]]:
    """course id -> (mean score in % of each person's first try at each quiz, number of people)."""
    first = first_attempt_ids(scope.people())
    score = QuizAttempt.correct_count * 100.0 / func.nullif(QuizAttempt.question_count, 0)
    rows = db.session.execute(
        select(QuizAttempt.course_id, func.avg(score), func.count(func.distinct(QuizAttempt.user_id)))
        .join(first, first.c.id == QuizAttempt.id)
        .group_by(QuizAttempt.course_id)
    )
    return {course_id: (float(mean), people) for course_id, mean, people in rows if mean is not None}


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    started: int
    completed: int

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def by_month(scope: Scope) -> list[Month]:
    """Per calendar month (UTC): courses started, and courses completed."""
    people = scope.people()

    def per_month(column):
        year, month = extract("year", column), extract("month", column)
        statement = select(year, month, func.count()).where(column.is_not(None), Enrolment.user_id.in_(people))
        return {(int(y), int(m)): n for y, m, n in db.session.execute(statement.group_by(year, month))}

    started, completed = per_month(Enrolment.started_at), per_month(Enrolment.completed_at)
    return [
        Month(year, month, started.get((year, month), 0), completed.get((year, month), 0))
        for year, month in sorted(started.keys() | completed.keys())
    ]


def first_try_results(scope: Scope, course_id: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(module id, question id) -> (first tries, right on the first try)."""
    first = first_attempt_ids(scope.people(), course_id)
    right = func.sum(case((QuestionResult.correct, 1), else_=0))
    rows = db.session.execute(
        select(QuizAttempt.module_id, QuestionResult.question_id, func.count(), right)
        .join(QuizAttempt, QuizAttempt.id == QuestionResult.attempt_id)
        .join(first, first.c.id == QuizAttempt.id)
        .group_by(QuizAttempt.module_id, QuestionResult.question_id)
    )
    return {(module_id, question_id): (tries, int(right or 0)) for module_id, question_id, tries, right in rows}


def funnel_counts(scope: Scope, course_id: str) -> dict[str, dict[str, int]]:
    """module id -> figure -> people: progress rows for each of PROGRESS_FIGURES, and "tried" its quiz."""
    people = scope.people()
    counts = {
        module_id: dict(zip(PROGRESS_FIGURES, values))
        for module_id, *values in db.session.execute(
            select(
                ModuleProgress.module_id,
                *(func.count(case((and_(true(), *progress_counts_for(ModuleProgress, figure)), 1))) for figure in PROGRESS_FIGURES),
            )
            .where(ModuleProgress.course_id == course_id, ModuleProgress.user_id.in_(people))
            .group_by(ModuleProgress.module_id)
        )
    }
    # A module with only a quiz has no pages to open: trying its quiz is reaching it.
    tried = dict(
        db.session.execute(
            select(QuizAttempt.module_id, func.count(func.distinct(QuizAttempt.user_id)))
            .where(QuizAttempt.course_id == course_id, QuizAttempt.user_id.in_(people))
            .group_by(QuizAttempt.module_id)
        ).all()
    )
    return {
        module_id: {**dict.fromkeys(PROGRESS_FIGURES, 0), **counts.get(module_id, {}), "tried": tried.get(module_id, 0)}
        for module_id in counts.keys() | tried.keys()
    }
