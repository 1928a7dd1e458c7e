"""Each module's `reviewed:` date is stored, and trainers see which modules are due for review."""

from __future__ import annotations

import datetime

import pytest

from content_courses import publish
from quiz_answers import module_row
from signaal.courses.reviews import modules_due_for_review, months_before

TODAY = datetime.date.today()


def set_reviewed(module_file, day: datetime.date | None) -> None:
    """Replace (or drop) the reviewed: line of a module's front matter."""
    lines = [line for line in module_file.read_text(encoding="utf-8").splitlines() if not line.startswith("reviewed:")]
    if day is not None:
        lines.insert(1, f"reviewed: {day.isoformat()}")
    module_file.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def reviewed_course(app, sample_folder):
    """basics reviewed 13 months ago, next-steps reviewed this month."""
    set_reviewed(sample_folder / "01-basics.md", months_before(TODAY, 13))
    set_reviewed(sample_folder / "02-next-steps.md", TODAY)
    return publish(sample_folder)


@pytest.mark.parametrize(
    "day, months, expected",
    [
        ("2026-11-28", 12, "2025-11-28"),
        ("2026-05-31", 3, "2026-02-28"),
        ("2028-05-31", 3, "2028-02-29"),
        ("2026-01-15", 1, "2025-12-15"),
    ],
)
def test_months_before_stays_in_the_calendar(day, months, expected):
    assert months_before(datetime.date.fromisoformat(day), months).isoformat() == expected


def test_the_reviewed_date_is_stored_per_module(reviewed_course):
    assert module_row(reviewed_course, "basics").reviewed == months_before(TODAY, 13)
    assert module_row(reviewed_course, "next-steps").reviewed == TODAY


def test_modules_older_than_the_limit_are_due(reviewed_course):
    due = modules_due_for_review(TODAY, 12)
    assert [(m.course_id, m.module_id, m.reviewed) for m in due] == [("tiny", "basics", months_before(TODAY, 13))]
    assert due[0].course_title == "Tiny course" and due[0].module_title == "The basics"
    assert modules_due_for_review(TODAY, 24) == []


def test_a_module_without_a_reviewed_date_is_due(app, sample_folder):
    set_reviewed(sample_folder / "02-next-steps.md", None)
    set_reviewed(sample_folder / "01-basics.md", TODAY)
    publish(sample_folder)
    assert [(m.module_id, m.reviewed) for m in modules_due_for_review(TODAY, 12)] == [("next-steps", None)]


def test_only_the_live_version_counts(app, sample_folder, reviewed_course):
    set_reviewed(sample_folder / "01-basics.md", TODAY)
    publish(sample_folder)
    assert modules_due_for_review(TODAY, 12) == []


def test_the_reviews_command_lists_what_is_due(runner, reviewed_course):
    result = runner.invoke(args=["courses", "reviews"])
    assert result.exit_code == 0, result.output
    assert f'tiny/basics "The basics": last reviewed {months_before(TODAY, 13).isoformat()}' in result.output
    assert "next-steps" not in result.output


def test_the_review_period_is_configurable(app, runner, reviewed_course):
    app.config["SIGNAAL_REVIEW_MONTHS"] = 24
    assert "No published module is due for review (all reviewed in the last 24 months)." in runner.invoke(args=["courses", "reviews"]).output
    assert "tiny/basics" in runner.invoke(args=["courses", "reviews", "--months", "6"]).output
