"""A small, hand-checked data set for the statistics tests.

Organisation North: Anna, Borys and Cecylia in group "Intake" (the tiny course
is assigned to it), and Dawid without a group. Organisation South: Emil.

            started     completed   language  first tries (basics: plain, signs; next-steps: reporting)
  Anna      2024-01-01  2024-01-03  pl        basics 1 of 2 (signs wrong), then 2 of 2; next 1 of 1
  Borys     2024-01-10  2024-01-14  pl        basics 2 of 2; next 0 of 1, then 1 of 1
  Cecylia   -           -           bg        assigned, never started
  Dawid     2024-02-01  -           (none)    basics 0 of 2; read page 1 of basics
  Emil      2024-02-05  2024-02-15  ro        basics 2 of 2; next 1 of 1   (South)

Certificates: Anna's expires in 10 days, Borys's in 40, Emil's in 5.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from quiz_answers import module_row
from signaal.accounts.models import Role
from signaal.certificates.models import Certificate
from signaal.clock import today
from signaal.extensions import db
from signaal.learning.models import Enrolment, ModuleProgress
from signaal.organisations.groups import create_group
from signaal.organisations.invites import join_group
from signaal.organisations.models import Membership, Organisation
from signaal.quizzes.models import QuestionResult, QuizAttempt


@dataclass
class DataSet:
    north: Organisation
    south: Organisation
    intake: object
    south_group: object
    people: dict
    coordinator: object
    question_ids: dict  # "plain", "signs", "reporting" -> question id


def _organisation(name: str) -> Organisation:
    organisation = Organisation(name=name)
    db.session.add(organisation)
    db.session.commit()
    return organisation


def _member(user, organisation) -> None:
    db.session.add(Membership(user_id=user.id, organisation_id=organisation.id))
    db.session.commit()


def _attempt(user, version, module, results: dict, at: datetime) -> None:
    right = sum(results.values())
    tried_before = db.session.scalar(
        db.select(QuizAttempt.id).filter_by(user_id=user.id, course_id=version.course_id, module_id=module.module_id).limit(1)
    )
    db.session.add(
        QuizAttempt(
            user_id=user.id, course_id=version.course_id, module_id=module.module_id, version_id=version.id,
            language=version.language, form_token=f"t-{user.id}-{module.module_id}-{at.isoformat()}",
            submitted_at=at, correct_count=right, question_count=len(results), passed=2 * right >= len(results),
            first_try=tried_before is None,
            answers={}, results=[QuestionResult(question_id=q, correct=ok) for q, ok in results.items()],
        )
    )


def build(make_user, version) -> DataSet:
    north, south = _organisation("North"), _organisation("South")
    basics, steps = module_row(version, "basics"), module_row(version, "next-steps")
    plain, signs = [q.id for q in basics.quiz.questions]
    reporting = steps.quiz.questions[0].id
    intake = create_group(None, north, "Intake", course_ids=["tiny"])
    south_group = create_group(None, south, "Harbour", course_ids=["tiny"])

    people = {
        "anna": make_user(username="anna", display_name="Anna Nowak", language="pl"),
        "borys": make_user(username="borys", display_name="Borys Petrov", language="pl"),
        "cecylia": make_user(username="cecylia", display_name="Cecylia Ivanova", language="bg"),
        "dawid": make_user(username="dawid", display_name="Dawid Wójcik"),
        "emil": make_user(username="emil", display_name="Emil Popescu", language="ro"),
    }
    for name in ("anna", "borys", "cecylia"):
        join_group(people[name], intake)
    _member(people["dawid"], north)
    join_group(people["emil"], south_group)
    coordinator = make_user(Role.COORDINATOR, username="north-coordinator")
    _member(coordinator, north)

    def enrol(name, started, completed=None):
        db.session.add(Enrolment(user_id=people[name].id, course_id="tiny", started_at=started,
                                 last_active_at=completed or started, completed_at=completed,
                                 completed_version_id=version.id if completed else None))

    def progress(name, module, passed=True, page=1):
        at = datetime(2024, 1, 2)
        db.session.add(ModuleProgress(user_id=people[name].id, course_id="tiny", module_id=module.module_id,
                                      furthest_page=page, pages_done_at=at if page >= module.page_count else None,
                                      passed_at=at if passed else None))

    enrol("anna", datetime(2024, 1, 1), datetime(2024, 1, 3))
    enrol("borys", datetime(2024, 1, 10), datetime(2024, 1, 14))
    enrol("dawid", datetime(2024, 2, 1))
    enrol("emil", datetime(2024, 2, 5), datetime(2024, 2, 15))
    for name in ("anna", "borys", "emil"):
        progress(name, basics, page=basics.page_count)
        progress(name, steps, page=steps.page_count)
    progress("dawid", basics, passed=False, page=1)

    day = datetime(2024, 1, 1)
    _attempt(people["anna"], version, basics, {plain: True, signs: False}, day)
    _attempt(people["anna"], version, basics, {plain: True, signs: True}, day + timedelta(hours=1))
    _attempt(people["anna"], version, steps, {reporting: True}, day + timedelta(hours=2))
    _attempt(people["borys"], version, basics, {plain: True, signs: True}, day + timedelta(days=9))
    _attempt(people["borys"], version, steps, {reporting: False}, day + timedelta(days=10))
    _attempt(people["borys"], version, steps, {reporting: True}, day + timedelta(days=11))
    _attempt(people["dawid"], version, basics, {plain: False, signs: False}, day + timedelta(days=31))
    _attempt(people["emil"], version, basics, {plain: True, signs: True}, day + timedelta(days=35))
    _attempt(people["emil"], version, steps, {reporting: True}, day + timedelta(days=36))

    for name, days in (("anna", 10), ("borys", 40), ("emil", 5)):
        db.session.add(Certificate(code=f"CODE-{name}", user_id=people[name].id, course_id="tiny", version_id=version.id,
                                   language="en", holder_name=people[name].display_name,
                                   expires_on=today() + timedelta(days=days)))
    db.session.commit()
    return DataSet(north, south, intake, south_group, people, coordinator,
                   {"plain": plain, "signs": signs, "reporting": reporting})
