"""The order in which a participant goes through a module: its pages, then its scenarios, then its quiz."""

from __future__ import annotations

from flask import url_for

from ..courses.published import PublishedModule


def url_after(module: PublishedModule, *, page_number: int | None = None, scenario_id: str | None = None) -> str:
    """Where "Next" or "Continue" leads from this page or scenario: the module's next part, or the course."""
    if page_number is not None and page_number < module.page_count:
        return url_for("learning.page", course_id=module.course_id, module_id=module.module_id, page_number=page_number + 1)
    scenarios = list(module.scenarios)
    if scenario_id is not None:
        scenarios = scenarios[[s.id for s in scenarios].index(scenario_id) + 1:]
    if scenarios:
        return url_for("scenarios.play", course_id=module.course_id, module_id=module.module_id, scenario_id=scenarios[0].id)
    if module.quiz:
        return url_for("quizzes.quiz", course_id=module.course_id, module_id=module.module_id)
    return url_for("learning.course", course_id=module.course_id)
