"""Keep the summary counters in step with the raw rows, in the same transaction.

Whatever changes a person's enrolments, progress, first tries, memberships,
groups' courses, role or language — a page read, a quiz, a completion, a group
move, an import, a republish, an erasure — goes through the ORM session, and
this listener on it keeps the counters with the raw rows, whichever domain
made the change and without the domain knowing about statistics:

- the everyday changes (a new enrolment, module progress opened, read or
  passed, a quiz attempt, a completion, a scenario run started or ended, a
  choice made) are noted at each flush and added as
  one increment statement when the transaction commits (`increments.py`);
- anything else takes the person's part out of every counter before the first
  flush that changes their rows (computed from their rows as they still are)
  and puts it back just before the transaction commits (computed from their
  rows as they are now).

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
from ..scenarios.models import ScenarioChoice, ScenarioRun
from . import decision_counts, increments
from .summaries import add_people

# Only these columns change a figure: a page view that only moves last_active_at costs nothing.
WATCHED = {
    Enrolment: ("user_id", "course_id", "started_at", "completed_at"),
    ModuleProgress: ("user_id", "course_id", "module_id", "passed_at", "pages_done_at", "scenarios_done_at"),
    QuizAttempt: ("user_id", "course_id", "module_id", "first_try", "correct_count", "question_count"),
    QuestionResult: ("attempt_id", "question_id", "correct"),
    ScenarioRun: ("user_id", "course_id", "module_id", "scenario_id", "attempt", "ending_step"),
    ScenarioChoice: ("run_id", "position", "step_id", "choice_index"),
    GroupMember: ("user_id", "group_id"),
    Membership: ("user_id", "organisation_id"),
    GroupCourse: ("group_id", "course_id"),
    User: ("role", "language"),
    Group: ("organisation_id", "courses"),  # a course assigned or withdrawn moves every member
}
TAKEN_OUT = "statistics_taken_out"  # session.info: user id -> the transaction that took them out
PENDING = "statistics_increments"  # session.info: (kind, user id, row) changes to add at commit
NEW_ROWS = "statistics_new_rows"  # rows inserted in this transaction: counted from their final state


def _changed(obj, columns) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in columns)


def _members(session, group_id) -> set[int]:
    if group_id is None:
        return set()
    return set(session.scalars(select(GroupMember.user_id).where(GroupMember.group_id == group_id)))


def _person(session, obj) -> set[int]:
    """The ids of the people whose figures a change of this row moves."""
    if isinstance(obj, User):
        return {obj.id} if obj.id is not None else set()
    if isinstance(obj, (QuestionResult, ScenarioChoice)):
        parent = obj.attempt if isinstance(obj, QuestionResult) else obj.run
        return {parent.user_id} if parent is not None and parent.user_id is not None else set()
    if isinstance(obj, (GroupCourse, Group)):
        return _members(session, obj.group_id if isinstance(obj, GroupCourse) else obj.id)
    return {value for value in inspect(obj).attrs["user_id"].history.sum() if value is not None}


def _set_once(obj, column: str) -> bool:
    """The column went from empty to a value, and nothing else watched changed."""
    history = inspect(obj).attrs[column].history
    return history.added and history.added[0] is not None and not any(history.deleted)


def _increment(session, obj, new_rows: set) -> tuple | None | bool:
    """The increment this change makes: (kind, obj); None if it changes nothing; False if it needs the slow way."""
    if obj in session.deleted:
        return False
    fresh = obj in session.new
    if isinstance(obj, Enrolment):
        if fresh:
            return (increments.ENROLMENT, obj)
        if obj in new_rows:
            return None  # counted from its final state when the transaction commits
        changed = [c for c in WATCHED[Enrolment] if inspect(obj).attrs[c].history.has_changes()]
        return (increments.COMPLETION, obj) if changed == ["completed_at"] and _set_once(obj, "completed_at") else False
    if isinstance(obj, ModuleProgress):
        if fresh:
            return (increments.PROGRESS, obj)
        if obj in new_rows:
            return None
        changed = [c for c in WATCHED[ModuleProgress] if inspect(obj).attrs[c].history.has_changes()]
        if len(changed) == 1 and changed[0] in increments.PROGRESS_STEPS and _set_once(obj, changed[0]):
            return (changed[0], obj)  # the kind of increment is the column that was set
        return False
    if isinstance(obj, QuizAttempt) and fresh:
        return (increments.ATTEMPT, obj)
    if isinstance(obj, ScenarioRun):
        if fresh:
            return (decision_counts.RUN, obj)
        if obj in new_rows:
            return None
        changed = [c for c in WATCHED[ScenarioRun] if inspect(obj).attrs[c].history.has_changes()]
        return (decision_counts.RUN_END, obj) if changed == ["ending_step"] and _set_once(obj, "ending_step") else False
    if isinstance(obj, ScenarioChoice) and fresh:
        return (decision_counts.CHOICE, obj)
    if isinstance(obj, QuestionResult) and fresh and (obj.attempt in session.new or obj.attempt in new_rows):
        return None
    return False


@event.listens_for(Session, "before_flush")
def _before_flush(session, _context, _instances) -> None:
    taken = session.info.setdefault(TAKEN_OUT, {})
    pending = session.info.setdefault(PENDING, [])
    new_rows = session.info.setdefault(NEW_ROWS, set())
    with session.no_autoflush:
        fast: dict[int, list] = {}
        slow: set[int] = set()
        for obj in [*session.new, *session.dirty, *session.deleted]:
            columns = WATCHED.get(type(obj))
            if columns is None or (obj in session.dirty and not _changed(obj, columns)):
                continue
            people = _person(session, obj) - taken.keys()
            change = _increment(session, obj, new_rows) if len(people) == 1 else False
            for person in people:
                if change is False:
                    slow.add(person)
                elif change is not None:
                    fast.setdefault(person, []).append(change)
        for person, changes in fast.items():
            if person not in slow:
                pending.extend((kind, person, obj) for kind, obj in changes)
                new_rows.update(obj for kind, obj in changes if obj in session.new)
        if slow:
            _apply(session, [event for event in pending if event[1] in slow])
            pending[:] = [event for event in pending if event[1] not in slow]
            add_people(slow, -1)
            transaction = _current(session)
            taken.update(dict.fromkeys(slow, transaction))


def _current(session):
    return session.get_nested_transaction() or session.get_transaction()


def _apply(session, events) -> None:
    """Add what these changes (flushed already) make, in one statement."""
    seen, rows = set(), []
    for kind, person, obj in events:
        state = inspect(obj)
        if not state.persistent or obj.id is None or (kind, obj.id) in seen:
            continue  # its savepoint was rolled back, or it was counted already
        seen.add((kind, obj.id))
        rows.append((kind, person, obj.id))
    upsert_rows = increments.increments(rows, session.get_bind().dialect.name)
    if upsert_rows is not None:
        session.execute(*upsert_rows)


@event.listens_for(Session, "before_commit")
def _put_back(session) -> None:
    # A savepoint's release is not the end: the people are put back once, when the transaction commits.
    if session.in_nested_transaction() or not (session.info.get(TAKEN_OUT) or session.info.get(PENDING)):
        _forget_new_rows(session)
        return
    session.flush()
    taken = session.info.pop(TAKEN_OUT, {})
    pending = session.info.pop(PENDING, [])
    session.info.pop(NEW_ROWS, None)
    with session.no_autoflush:
        _apply(session, [event for event in pending if event[1] not in taken])
        add_people(set(taken), 1)


def _forget_new_rows(session) -> None:
    if not session.in_nested_transaction():
        session.info.pop(NEW_ROWS, None)


@event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back(session, previous_transaction) -> None:
    if not previous_transaction.nested:
        for name in (TAKEN_OUT, PENDING, NEW_ROWS):
            session.info.pop(name, None)
        return
    taken = session.info.get(TAKEN_OUT) or {}
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
    for name in (TAKEN_OUT, PENDING, NEW_ROWS):
        session.info.pop(name, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_closed(session, transaction) -> None:
    # A session closed without commit or rollback (teardown) leaves nothing for the next transaction.
    if transaction.parent is None:
        forget_pending(session)
