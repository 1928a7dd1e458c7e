"""Everything Signaal holds about one person, as plain JSON-ready data."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from ..accounts.models import User
from ..certificates.models import Certificate, CertificateName
from ..clock import utcnow
from ..extensions import db
from ..learning.models import Enrolment, ModuleProgress
from ..organisations.models import Group, GroupMember, Membership, Organisation
from ..quizzes.models import QuizAttempt
from ..scenarios.models import ScenarioRun


def personal_data(user: User) -> dict:
    """The person's account, memberships, progress, quiz attempts, scenario runs and certificates."""
    return {
        "exported_at": _when(utcnow()),
        "account": {
            "username": user.username,
            "display_name": user.display_name,
            "email": user.email,
            "role": user.role,
            "language": user.language,
            "created_at": _when(user.created_at),
            "last_signed_in_at": _when(user.last_seen_at),
            "last_active_at": _when(user.last_active_at),
        },
        "organisations": _names(
            select(Organisation.name).join(Membership).where(Membership.user_id == user.id)
        ),
        "groups": _names(select(Group.name).join(GroupMember).where(GroupMember.user_id == user.id)),
        "courses": _courses(user),
        "quiz_attempts": [
            {
                "course": a.course_id,
                "module": a.module_id,
                "language": a.language,
                "submitted_at": _when(a.submitted_at),
                "correct": a.correct_count,
                "questions": a.question_count,
                "passed": a.passed,
                "answers": a.answers,
            }
            for a in _rows(QuizAttempt, user, QuizAttempt.submitted_at)
        ],
        "scenario_runs": [
            {
                "course": run.course_id,
                "module": run.module_id,
                "scenario": run.scenario_id,
                "attempt": run.attempt,
                "language": run.language,
                "started_at": _when(run.started_at),
                "ended_at": _when(run.ended_at),
                "ending": run.ending,
                "passed": run.passed,
                "choices": [
                    {"step": choice.step_id, "choice": choice.choice_index, "led_to": choice.target, "chosen_at": _when(choice.chosen_at)}
                    for choice in run.choices
                ],
            }
            for run in _rows(ScenarioRun, user, ScenarioRun.started_at)
        ],
        "certificates": [
            {
                "code": c.code,
                "course": c.course_id,
                "language": c.language,
                "holder_name": c.holder_name,
                "issued_at": _when(c.issued_at),
                "expires_on": _when(c.expires_on),
                "revoked_at": _when(c.revoked_at),
            }
            for c in _rows(Certificate, user, Certificate.issued_at)
        ],
        "certificate_name": db.session.scalar(
            select(CertificateName.name).where(CertificateName.user_id == user.id)
        ),
    }


def _courses(user: User) -> list[dict]:
    modules: dict[str, list[dict]] = {}
    for progress in _rows(ModuleProgress, user, ModuleProgress.id):
        modules.setdefault(progress.course_id, []).append(
            {
                "module": progress.module_id,
                "furthest_page": progress.furthest_page,
                "pages_done_at": _when(progress.pages_done_at),
                "quiz_passed_at": _when(progress.passed_at),
                "scenarios_done_at": _when(progress.scenarios_done_at),
            }
        )
    return [
        {
            "course": e.course_id,
            "started_at": _when(e.started_at),
            "last_active_at": _when(e.last_active_at),
            "completed_at": _when(e.completed_at),
            "modules": modules.get(e.course_id, []),
        }
        for e in _rows(Enrolment, user, Enrolment.started_at)
    ]


def _rows(model, user: User, order):
    return db.session.scalars(select(model).where(model.user_id == user.id).order_by(order, model.id))


def _names(query) -> list[str]:
    return sorted(db.session.scalars(query))


def _when(moment: datetime | date | None) -> str | None:
    return moment.isoformat() if moment is not None else None
