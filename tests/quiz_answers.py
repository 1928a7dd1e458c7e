"""Build right and wrong quiz answers from a published module (the real answer key)."""

from __future__ import annotations

import re

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


def take_quiz(client, course_id: str, module_id: str, answers: dict[str, list[str]]):
    """Open the quiz as the signed-in participant and submit these answers; the POST's response."""
    url = f"/courses/{course_id}/{module_id}/quiz"
    page = client.get(url).get_data(as_text=True)
    fields = {name: re.search(rf'name="{name}" value="([^"]+)"', page).group(1) for name in ("csrf_token", "form_token")}
    return client.post(url, data={**fields, **answers})
