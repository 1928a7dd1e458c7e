"""A participant who did something worth counting: read, passed a quiz, got a certificate."""

from __future__ import annotations

import re

from signaal.extensions import db
from signaal.organisations.models import Membership, Organisation
from signaal.statistics.figures import course_counts
from signaal.statistics.scoping import Scope

from quiz_answers import form_fields, module_row, right_answers


def take_quiz(client, course_id: str, module_id: str, answers: dict):
    url = f"/courses/{course_id}/{module_id}/quiz"
    page = client.get(url).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    return client.post(url, data={"csrf_token": csrf, **form_fields(page, answers)})


def complete_tiny_course(client, version) -> None:
    """Read every page of every module and pass every quiz, as the signed-in participant."""
    for module in version.modules_in(version.language):
        for number in range(1, module.page_count + 1):
            assert client.get(f"/courses/{version.course_id}/{module.module_id}/{number}").status_code == 200
        if module.quiz:
            row = module_row(version, module.module_id)
            assert take_quiz(client, version.course_id, module.module_id, right_answers(row)).status_code == 302


def join(user, name: str = "Gemeente Tilburg") -> Organisation:
    organisation = db.session.scalar(db.select(Organisation).filter_by(name=name))
    if organisation is None:
        organisation = Organisation(name=name)
        db.session.add(organisation)
        db.session.flush()
    db.session.add(Membership(user_id=user.id, organisation_id=organisation.id))
    db.session.commit()
    return organisation


def organisation_totals(organisation) -> list:
    """Enrolled, started and completed per course, as the coordinator's statistics count them."""
    scope = Scope(key=f"org-{organisation.id}", label="", organisation_ids=(organisation.id,))
    return sorted(course_counts(scope))
