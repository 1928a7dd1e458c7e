"""Keep the summary counters in step with the raw rows, in the same transaction.

Whatever changes a person's enrolments, progress, first tries, memberships,
groups' courses, role or language — a page read, a quiz, a completion, a group
move, an import, a republish, an erasure — goes through the ORM session. Before
the first flush that changes one of their rows, this takes the person's part
out of every counter (computed from their rows as they still are); just before
the transaction commits it puts their part back, computed from their rows as
they are now. So the counters move with the raw rows or not at all, whichever
domain made the change and without the domain knowing about statistics.

A savepoint that is rolled back undoes the taking out made inside it, so the
person is taken out again at the next flush.
"""

from __future__ import annotations

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..learning.models import Enrolment, ModuleProgress
from ..organisations.models import Group, GroupCourse, GroupMember, Membership
from ..quizzes.models import QuestionResult, QuizAttempt
from .summaries import add_people

# Only these columns change a figure: a page view that only moves last_active_at costs nothing.
WATCHED = {
    Enrolment: ("user_id", "course_id", "started_at", "completed_at"),
    ModuleProgress: ("user_id", "course_id", "module_id", "passed_at", "pages_done_at"),
    QuizAttempt: ("user_id", "course_id", "module_id", "first_try", "correct_count", "question_count"),
    QuestionResult: ("attempt_id", "question_id", "correct"),
    GroupMember: ("user_id", "group_id"),
    Membership: ("user_id", "organisation_id"),
    GroupCourse: ("group_id", "course_id"),
    User: ("role", "language"),
    Group: ("organisation_id",),
}
TAKEN_OUT = "statistics_taken_out"  # session.info: user id -> the transaction that took them out


def _changed(obj, columns) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in columns)


def _members(session, group_id) -> set[int]:
    if group_id is None:
        return set()
    return set(session.scalars(select(GroupMember.user_id).where(GroupMember.group_id == group_id)))


def _people_changed(session) -> set[int]:
    """The ids of the people whose figures the pending changes move."""
    people: set[int] = set()
    for obj in [*session.new, *session.dirty, *session.deleted]:
        columns = WATCHED.get(type(obj))
        if columns is None or (obj in session.dirty and not _changed(obj, columns)):
            continue
        if isinstance(obj, User):
            if obj.id is not None:
                people.add(obj.id)
        elif isinstance(obj, QuestionResult):
            attempt = obj.attempt
            if attempt is not None and attempt.user_id is not None:
                people.add(attempt.user_id)
        elif isinstance(obj, (GroupCourse, Group)):
            people |= _members(session, obj.group_id if isinstance(obj, GroupCourse) else obj.id)
        else:
            for value in inspect(obj).attrs["user_id"].history.sum():
                if value is not None:
                    people.add(value)
    return people


def _current(session):
    return session.get_nested_transaction() or session.get_transaction()


@event.listens_for(Session, "before_flush")
def _take_out(session, _context, _instances) -> None:
    taken = session.info.setdefault(TAKEN_OUT, {})
    with session.no_autoflush:
        people = _people_changed(session) - taken.keys()
        if people:
            add_people(people, -1)
            transaction = _current(session)
            taken.update(dict.fromkeys(people, transaction))


@event.listens_for(Session, "before_commit")
def _put_back(session) -> None:
    # A savepoint's release is not the end: the people are put back once, when the transaction commits.
    if session.in_nested_transaction() or not session.info.get(TAKEN_OUT):
        return
    session.flush()
    taken = session.info.pop(TAKEN_OUT, {})
    with session.no_autoflush:
        add_people(set(taken), 1)


@event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back(session, previous_transaction) -> None:
    taken = session.info.get(TAKEN_OUT)
    if not taken:
        return
    if not previous_transaction.nested:
        session.info.pop(TAKEN_OUT, None)
        return
    for user_id, owner in list(taken.items()):
        if _within(owner, previous_transaction):
            del taken[user_id]


def _within(transaction, ancestor) -> bool:
    while transaction is not None:
        if transaction is ancestor:
            return True
        transaction = transaction.parent
    return False


def forget_pending(session) -> None:
    """After a full rebuild nobody is left to put back."""
    session.info.pop(TAKEN_OUT, None)
