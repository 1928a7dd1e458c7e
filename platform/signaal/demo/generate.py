"""Generating a demo data set: organisations, groups and participants with realistic progress.

For a newcomer's first look (`flask setup`) and for benchmarks at 100,000
participants (`flask demo generate`). Rows are written with bulk inserts in
batches, never as ORM objects one by one; the same seed gives the same data
(dates are relative to the given day). Demo participants cannot sign in:
their password hash matches no password.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import repeat
from operator import itemgetter
from types import SimpleNamespace

from sqlalchemy import Boolean, func, insert, select, text

from ..accounts.models import Role, User
from ..certificates.codes import generate_code
from ..certificates.issuing import add_months
from ..certificates.models import Certificate
from ..courses.catalogue import published_versions
from ..courses.published import PublishedModule, PublishedVersion
from ..extensions import db
from ..statistics.summaries import rebuild as rebuild_statistics
from ..learning.models import Enrolment, ModuleProgress
from ..learning.progress import module_is_done
from ..organisations.invites import new_invite_code, new_invite_token
from ..organisations.models import Group, GroupCourse, GroupMember, Membership, Organisation
from ..quizzes.models import QuestionResult, QuizAttempt
from ..scenarios.models import ScenarioChoice, ScenarioRun
from .names import GROUP_NAMES, LANGUAGE_WEIGHTS, ORGANISATIONS, PEOPLE
from .scenario_runs import play_scenarios

BATCH = 2000
HISTORY_DAYS = 800  # a little over two years, so some certificates are about to expire
NO_PASSWORD = "!demo"  # not a hash werkzeug can match: demo people cannot sign in


@dataclass
class DemoSummary:
    organisations: list[int] = field(default_factory=list)
    groups: int = 0
    participants: int = 0
    rows: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Module:
    id: str
    pages: int
    questions: tuple[tuple[str, float], ...]  # (question id, chance of a right first answer)
    published: PublishedModule


class _Ids:
    """Explicit primary keys, so child rows can point at parents without a round trip per row."""

    def __init__(self):
        self.next = {}

    def take(self, model) -> int:
        if model not in self.next:
            self.next[model] = (db.session.scalar(select(func.max(model.id))) or 0) + 1
        value = self.next[model]
        self.next[model] += 1
        return value


def generate_demo(participants: int, *, seed: int = 1, organisations: int | None = None, today: date | None = None) -> DemoSummary:
    """Add demo organisations, groups and participants with progress, attempts and certificates."""
    rng = random.Random(seed)
    today = today or date.today()
    versions = published_versions()
    if not versions:
        raise ValueError("no published course — run `flask setup` or `flask courses publish` first")
    courses = {v.course_id: (v, _modules(v, rng)) for v in versions}
    ids, buffer, summary = _Ids(), _Buffer(), DemoSummary()
    organisation_count = organisations or max(1, min(len(ORGANISATIONS), participants // 10_000 + 1))
    group_size = 40
    groups = _create_groups(rng, ids, buffer, summary, organisation_count, max(1, participants // group_size), list(courses), today)
    offset = db.session.scalar(select(func.count()).where(User.username.like("demo-%"))) or 0
    for number in range(participants):
        organisation_id, group_id, course_ids = groups[number % len(groups)]
        _participant(rng, ids, buffer, today, offset + number + 1, organisation_id, group_id, [courses[c] for c in course_ids])
        if buffer.size >= BATCH * 10:
            buffer.flush()
    buffer.flush()
    _advance_sequences()
    # The rows went in by bulk inserts, past the session's listeners: count them once, set-based.
    rebuild_statistics()
    summary.participants = participants
    summary.rows = buffer.written
    return summary


def refresh_planner_statistics() -> None:
    """Tell the database's planner about the new rows (after the generated data is committed).

    Bulk inserts leave the planner's statistics describing empty tables; PostgreSQL
    then picks nested loops over 100,000 rows (24 s instead of 0.1 s for the
    expiring list). On PostgreSQL it is VACUUM ANALYZE: the bulk inserts also left
    the name search's trigram indexes a long list of pending entries, and with it
    the planner read every person instead (75 ms instead of 8 ms). Autovacuum would
    catch up later; do it now, outside a transaction as VACUUM must be.
    """
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if connection.dialect.name != "postgresql":
            connection.exec_driver_sql("ANALYZE")
            return
        # The web's statement timeout is for pages; on this connection only, and back after.
        connection.exec_driver_sql("SET statement_timeout = 0")
        try:
            connection.exec_driver_sql("VACUUM ANALYZE")
        finally:
            connection.exec_driver_sql("RESET statement_timeout")


def _modules(version: PublishedVersion, rng: random.Random) -> list[_Module]:
    modules = []
    for module in version.modules_in(version.language):
        questions = tuple((q.id, rng.uniform(0.45, 0.95)) for q in (module.quiz.questions if module.quiz else ()))
        modules.append(_Module(module.module_id, module.page_count, questions, module))
    return modules


class _Buffer:
    """Rows per table, written in insert order (parents first) with executemany."""

    ORDER = (User, Organisation, Membership, Group, GroupCourse, GroupMember, Enrolment, ModuleProgress,
             QuizAttempt, QuestionResult, ScenarioRun, ScenarioChoice, Certificate)

    def __init__(self):
        self.rows = {model: [] for model in self.ORDER}
        self.written = {}

    @property
    def size(self) -> int:
        return sum(len(rows) for rows in self.rows.values())

    def add(self, model, **row) -> None:
        self.rows[model].append(row)

    def flush(self) -> None:
        connection = db.session.connection()
        for model in self.ORDER:
            rows = self.rows[model]
            if rows:
                _insert_rows(connection, model.__table__, rows)
            self.written[model.__tablename__] = self.written.get(model.__tablename__, 0) + len(rows)
            rows.clear()


def _scalar_default(column):
    """The value a column gets when a row leaves it out (only plain values: the generator gives the rest)."""
    if column.default is None or not column.default.is_scalar:
        raise ValueError(f"the demo generator must give {column} a value")
    return column.default.arg


def _conversion(column, dialect):
    # The generator gives real bools, which every driver takes as they are: SQLAlchemy's check is not needed.
    if isinstance(column.type, Boolean):
        return None
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def _insert_rows(connection, table, rows: list[dict]) -> None:
    """Insert rows that all have the same keys, in batches, straight through the database driver.

    SQLAlchemy's own executemany prepares every value of every row through
    several layers; for millions of rows that was half of the generator's time.
    Here each column's conversion for this database (dates as text on SQLite,
    JSON as text, ...) is looked up once and applied in one pass.
    """
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(rows[0]))
    names = compiled.positiontup if compiled.positional else list(compiled.binds)
    defaults = {name: _scalar_default(table.c[name]) for name in names if name not in rows[0]}
    convert = {name: _conversion(table.c[name], dialect) for name in names}
    if not compiled.positional and not defaults and not any(convert.values()):
        values = rows  # e.g. question results on PostgreSQL, millions of them: taken as they are
    else:
        # Column by column with map(): no Python-level loop per value.
        columns = [
            repeat(defaults[name], len(rows)) if name in defaults else map(itemgetter(name), rows) for name in names
        ]
        values = list(zip(*(map(convert[name], column) if convert[name] else column for name, column in zip(names, columns))))
        if not compiled.positional:
            values = [dict(zip(names, row)) for row in values]
    for start in range(0, len(values), BATCH):
        connection.exec_driver_sql(compiled.string, values[start : start + BATCH])


def _free_name(model, name: str) -> str:
    candidate, number = name, 1
    while db.session.scalar(select(model.id).where(model.name == candidate)) is not None:
        number += 1
        candidate = f"{name} ({number})"
    return candidate


def _create_groups(rng, ids, buffer, summary, organisation_count, group_count, course_ids, today):
    groups, used_codes = [], set()
    organisation_ids = []
    for index in range(organisation_count):
        organisation_id = ids.take(Organisation)
        name = _free_name(Organisation, f"Demo: {ORGANISATIONS[index % len(ORGANISATIONS)]}")
        buffer.add(Organisation, id=organisation_id, name=name, created_at=_moment(today, HISTORY_DAYS, rng))
        organisation_ids.append(organisation_id)
    buffer.flush()  # group invite codes are checked against the table
    for index in range(group_count):
        organisation_id = organisation_ids[index % organisation_count]
        group_id = ids.take(Group)
        code = new_invite_code()
        while code in used_codes:
            code = new_invite_code()
        used_codes.add(code)
        # Most cohorts follow every course; some only one.
        assigned = sorted(course_ids if rng.random() < 0.8 else rng.sample(course_ids, k=1))
        buffer.add(
            Group, id=group_id, organisation_id=organisation_id, invite_token=new_invite_token(), invite_code=code,
            name=f"{GROUP_NAMES[index % len(GROUP_NAMES)]} {index // len(GROUP_NAMES) + 1}",
            expires_on=today + timedelta(days=rng.choice([30, 90, 365])) if rng.random() < 0.5 else None,
            created_at=_moment(today, HISTORY_DAYS, rng),
        )
        for course_id in assigned:
            buffer.add(GroupCourse, id=ids.take(GroupCourse), group_id=group_id, course_id=course_id)
        groups.append((organisation_id, group_id, assigned))
    summary.organisations, summary.groups = organisation_ids, group_count
    return groups


def _moment(today: date, within_days: int, rng: random.Random) -> datetime:
    days = rng.randint(0, within_days)
    return datetime.combine(today - timedelta(days=days), time(9)) + timedelta(minutes=rng.randint(0, 600))


def _participant(rng, ids, buffer, today, number, organisation_id, group_id, courses) -> None:
    language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
    first, family = PEOPLE[language]
    user_id, name = ids.take(User), f"{rng.choice(first)} {rng.choice(family)}"
    joined = _moment(today, HISTORY_DAYS, rng)
    buffer.add(Membership, id=ids.take(Membership), user_id=user_id, organisation_id=organisation_id, joined_at=joined)
    buffer.add(GroupMember, id=ids.take(GroupMember), group_id=group_id, user_id=user_id, joined_at=joined)
    last_active = [
        _course_progress(rng, ids, buffer, today, (user_id, name, language), joined, version, modules)
        for version, modules in courses
        if rng.random() >= 0.12  # otherwise assigned, never started
    ]
    buffer.add(  # the buffer writes users before the rows that refer to them
        User, id=user_id, username=f"demo-{number:06d}", display_name=name, email=None, password_hash=NO_PASSWORD,
        role=Role.PARTICIPANT.value, language=language, created_at=joined, last_active_at=max(last_active, default=None),
    )


def _course_progress(rng, ids, buffer, today, person, joined, version, modules) -> datetime:
    """One enrolment with its progress, attempts and certificate; returns its last activity."""
    user_id, name, language = person
    started = joined + timedelta(hours=rng.randint(1, 24 * 14))
    now = datetime.combine(today, time(18))
    if started > now:
        started = now - timedelta(hours=1)
    moment, all_done = started, True
    enrolment_id = ids.take(Enrolment)
    for module in modules:
        if rng.random() < 0.05:  # drops out here
            all_done = False
            break
        moment = min(moment + timedelta(hours=rng.expovariate(1 / 30)), now)
        read_all = module.pages == 0 or rng.random() < 0.97
        scenarios_done_at = play_scenarios(rng, ids, buffer, user_id, module.published, moment) if read_all else None
        passed_at, tries = _quiz_attempts(rng, ids, buffer, user_id, version, module, scenarios_done_at or moment)
        progress = dict(
            furthest_page=module.pages if read_all else max(1, module.pages // 2),
            pages_done_at=moment if read_all else None, passed_at=passed_at, quiz_attempts=tries,
            scenarios_done_at=scenarios_done_at if module.published.scenarios else None,
        )
        buffer.add(
            ModuleProgress, id=ids.take(ModuleProgress), user_id=user_id, course_id=version.course_id,
            module_id=module.id, last_seen_at=moment, **progress,
        )
        # The rule reads attributes only: a plain namespace, not one ORM object per row (a second per 10,000 people).
        if not module_is_done(module.published, SimpleNamespace(**progress)):
            all_done = False
            break
    completed = moment if all_done else None
    buffer.add(
        Enrolment, id=enrolment_id, user_id=user_id, course_id=version.course_id, started_at=started,
        last_active_at=moment, completed_at=completed, completed_version_id=version.id if completed else None,
    )
    if completed and version.certificate_valid_months:
        buffer.add(
            Certificate, id=ids.take(Certificate), code=generate_code(), user_id=user_id, course_id=version.course_id,
            version_id=version.id, language=language if language in version.languages else version.language,
            holder_name=name, issued_at=completed, enrolment_id=enrolment_id, cycle=1,
            expires_on=add_months(completed.date(), version.certificate_valid_months),
        )
    return moment


def _quiz_attempts(rng, ids, buffer, user_id, version, module, moment) -> tuple[datetime | None, int]:
    """One to three tries: the time of the passing one (or None), and how many were made."""
    if not module.questions:
        return None, 0
    for attempt_number in range(3):
        # Later tries go better: people read the explanations.
        right = {qid: rng.random() < min(0.98, chance + 0.2 * attempt_number) for qid, chance in module.questions}
        correct = sum(right.values())
        passed = 100 * correct >= version.pass_mark * len(right)
        attempt_id = ids.take(QuizAttempt)
        buffer.add(
            QuizAttempt, id=attempt_id, user_id=user_id, course_id=version.course_id, module_id=module.id,
            version_id=version.id, language=version.language, form_token=f"demo-{attempt_id}",
            submitted_at=moment, correct_count=correct, question_count=len(right), passed=passed,
            first_try=attempt_number == 0, answers={},
        )
        for qid, ok in right.items():
            buffer.add(QuestionResult, id=ids.take(QuestionResult), attempt_id=attempt_id, question_id=qid, correct=ok)
        if passed:
            return moment, attempt_number + 1
        moment += timedelta(minutes=rng.randint(2, 60))
    return None, 3


def _advance_sequences() -> None:
    """PostgreSQL hands out ids from sequences: move them past the ids written here."""
    if db.engine.dialect.name != "postgresql":
        return
    for model in _Buffer.ORDER:
        table = model.__tablename__
        db.session.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)")
        )
