"""Build right and wrong quiz answers from a published module (the real answer key)."""

from __future__ import annotations

from signaal.courses.models import CourseModule
from signaal.extensions import db


def module_row(version, module_id: str) -> CourseModule:
    return db.session.scalar(
        db.select(CourseModule).filter_by(
            version_id=version.id, language=version.language, module_id=module_id
        )
    )


def right_answers(module: CourseModule) -> dict[str, list[str]]:
    return {
        f"answer-{q['id']}": [str(i) for i, o in enumerate(q["options"]) if o["correct"]]
        for q in module.quiz["questions"]
    }


def wrong_answers(module: CourseModule) -> dict[str, list[str]]:
    return {
        f"answer-{q['id']}": [str(next(i for i, o in enumerate(q["options"]) if not o["correct"]))]
        for q in module.quiz["questions"]
    }
