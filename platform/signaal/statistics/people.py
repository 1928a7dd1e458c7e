"""Lists of people: an organisation's participants with their progress, and expiring certificates.

Both are filtered, sorted and paged in SQL; only the rows of one page are
read, and their details come from a few queries over those ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Select, and_, false, func, or_, select
from sqlalchemy.orm import aliased

from ..accounts.models import User, listed_participant, not_listed
from ..certificates.models import Certificate
from ..courses.models import CourseVersion
from ..courses.published import PublishedVersion
from ..extensions import db
from ..learning.models import Enrolment, ModuleProgress
from ..learning.progress import module_done_sql
from ..organisations.models import GroupMember, Membership
from .scoping import Scope

PAGE_SIZE = 50
SORTS = ("name", "-name", "activity", "-activity")
STATUSES = ("not-started", "in-progress", "completed")


@dataclass(frozen=True)
class Filters:
    text: str = ""
    group_id: int | None = None
    course_id: str | None = None
    status: str | None = None  # one of STATUSES, about course_id
    sort: str = "name"


@dataclass
class CourseProgress:
    modules_done: int = 0
    completed_at: datetime | None = None
    started: bool = False
    certificate: Certificate | None = None


@dataclass
class Page:
    rows: list
    total: int  # the rows of all pages together


@dataclass
class ParticipantRow:
    id: int
    name: str
    username: str
    last_active: datetime | None
    courses: dict[str, CourseProgress] = field(default_factory=dict)


def _participants(organisation_id: int, filters: Filters):
    """SELECT of the organisation's listed participants that match the filters: id, name, user name and last activity."""
    return (
        select(User.id, User.display_name, User.username, User.last_active_at)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == organisation_id, listed_participant(), *_found(filters), *_matching(filters, User.id))
    )


def _found(filters: Filters) -> list:
    """The search, on the person: any part of their name or user name."""
    if not filters.text:
        return []
    # ILIKE on PostgreSQL (its trigram indexes answer it), lower() on both sides on SQLite; % and _ literal.
    needle = filters.text.casefold()
    return [or_(User.display_name.icontains(needle, autoescape=True), User.username.icontains(needle, autoescape=True))]


def _matching(filters: Filters, person) -> list:
    """The group and status filters, on a column that holds the person's id (theirs, or their membership's)."""
    conditions = []
    if filters.group_id is not None:
        conditions.append(person.in_(select(GroupMember.user_id).where(GroupMember.group_id == filters.group_id)))
    if filters.course_id and filters.status in STATUSES:
        enrolment = select(Enrolment.id).where(Enrolment.user_id == person, Enrolment.course_id == filters.course_id)
        if filters.status == "not-started":
            # NOT EXISTS, not NOT IN: PostgreSQL can make only the first an anti-join.
            conditions.append(~enrolment.exists())
        elif filters.status == "in-progress":
            conditions.append(enrolment.where(Enrolment.completed_at.is_(None)).exists())
        else:
            conditions.append(enrolment.where(Enrolment.completed_at.is_not(None)).exists())
    return conditions


def _order(sort: str):
    # Each order is the exact reverse of its opposite, so one index serves both (accounts/models.py). Someone
    # who never did anything is the least recently active.
    name, last_active = func.lower(User.display_name), User.last_active_at
    return {
        "name": (name, User.id),
        "-name": (name.desc(), User.id.desc()),
        "activity": (last_active.asc().nulls_first(), User.id),
        "-activity": (last_active.desc().nulls_last(), User.id.desc()),
    }[sort if sort in SORTS else "name"]


def participant_rows(
    organisation_id: int, filters: Filters, versions: list[PublishedVersion], *, page: int = 1, size: int = PAGE_SIZE
) -> list[ParticipantRow]:
    """One page of the organisation's participants, with their progress in each live course."""
    statement = _participants(organisation_id, filters).order_by(*_order(filters.sort))
    return _with_progress(db.session.execute(statement.limit(size).offset((page - 1) * size)).all(), versions)


def participant_page(
    organisation_id: int, filters: Filters, versions: list[PublishedVersion], *, page: int = 1, size: int = PAGE_SIZE
) -> Page:
    """One page of the organisation's participants, with their progress, and how many there are."""
    if db.session.get_bind().dialect.name != "postgresql":
        # SQLite sorts every match for the page anyway: it counts them in the same pass.
        found = _one_page(_participants(organisation_id, filters), _order(filters.sort), page, size)
        return Page(_with_progress(found.rows, versions), found.total)
    # PostgreSQL may walk an index in the page's order and stop at the page (accounts/models.py); a count in
    # the same query would make it read every row that way (a search for a common name took 110 ms, a
    # status filter 160): the total is a query of its own.
    return Page(participant_rows(organisation_id, filters, versions, page=page, size=size), _total(organisation_id, filters))


def _total(organisation_id: int, filters: Filters) -> int:
    """How many participants the list has: the organisation's memberships less its few members who are not listed
    (staff, erased accounts), from indexes, without joining 10,000 members to their people (1.5 ms, not 17-20)."""
    members = select(func.count()).select_from(Membership).where(
        Membership.organisation_id == organisation_id,
        Membership.user_id.not_in(select(User.id).where(not_listed())),
        *_matching(filters, Membership.user_id),
    )
    if filters.text:  # the trigram indexes find the few people the search matches
        members = members.join(User, User.id == Membership.user_id).where(*_found(filters))
    return db.session.scalar(members)


def _with_progress(rows, versions: list[PublishedVersion]) -> list[ParticipantRow]:
    participants = [ParticipantRow(*row) for row in rows]
    _add_progress(participants, versions)
    return participants


def _add_progress(rows: list[ParticipantRow], versions: list[PublishedVersion]) -> None:
    by_id = {row.id: row for row in rows}
    for row in rows:
        row.courses = {version.course_id: CourseProgress() for version in versions}
    if not rows:
        return
    for user_id, course_id, completed_at in db.session.execute(
        select(Enrolment.user_id, Enrolment.course_id, Enrolment.completed_at).where(Enrolment.user_id.in_(list(by_id)))
    ):
        if course_id in by_id[user_id].courses:
            progress = by_id[user_id].courses[course_id]
            progress.started, progress.completed_at = True, completed_at
    done = (
        select(ModuleProgress.user_id, ModuleProgress.course_id, func.count())
        .where(ModuleProgress.user_id.in_(list(by_id)), or_(false(), *(module_done_sql(v) for v in versions)))
        .group_by(ModuleProgress.user_id, ModuleProgress.course_id)
    )
    for user_id, course_id, count in db.session.execute(done):
        by_id[user_id].courses[course_id].modules_done = count
    certificates = select(Certificate).where(Certificate.user_id.in_(list(by_id))).order_by(Certificate.issued_at)
    for certificate in db.session.scalars(certificates):
        if certificate.course_id in by_id[certificate.user_id].courses:
            by_id[certificate.user_id].courses[certificate.course_id].certificate = certificate  # the latest wins


@dataclass(frozen=True)
class Expiring:
    name: str
    username: str
    course_title: str
    expires_on: date


def _expiring(scope: Scope, today: date, days: int):
    renewal = aliased(Certificate)
    return (
        select(User.display_name, User.username, CourseVersion.title, Certificate.expires_on)
        .join(User, User.id == Certificate.user_id)
        .join(CourseVersion, CourseVersion.id == Certificate.version_id)
        .where(
            Certificate.expires_on.between(today, today + timedelta(days=days)),
            Certificate.revoked_at.is_(None),
            _certificate_holder_in(scope),
            # Renewed already: the new certificate is the one that counts.
            ~select(renewal.id).where(renewal.renews_id == Certificate.id).exists(),
        )
    )


def _certificate_holder_in(scope: Scope):
    # Who is listed is said on the joined users, and the scope only adds its members' ids: for the whole
    # region the database starts from the expiry date's index, not from a list of 100,000 people,
    # and for an organisation it does not look each member up twice.
    members = scope.members()
    listed = listed_participant()
    return listed if members is None else and_(listed, Certificate.user_id.in_(members))


def expiring_certificates(scope: Scope, today: date, days: int, *, page: int = 1, size: int = PAGE_SIZE) -> Page:
    """Valid certificates that expire between today and `days` days from now, soonest first, and how many there are."""
    found = _one_page(_expiring(scope, today, days), (Certificate.expires_on, User.display_name, Certificate.id), page, size)
    found.rows = [Expiring(*row) for row in found.rows]
    return found


def _one_page(statement: Select, order, page: int, size: int) -> Page:
    """The rows of one page and the number of rows in all.

    Sorting has to find every match anyway, so a window count over them comes
    with the page in the same pass; only a page past the end asks again.
    """
    total = func.count().over().label("rows_in_all")
    found = db.session.execute(statement.add_columns(total).order_by(*order).limit(size).offset((page - 1) * size)).all()
    if found:
        return Page([tuple(row)[:-1] for row in found], found[0].rows_in_all)
    return Page([], db.session.scalar(select(func.count()).select_from(statement.subquery())))
