"""Publishing stores a new version in one transaction, and only when something changed."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import event

from signaal.courses.models import Course, CourseAsset, CourseModule, CourseVersion
from signaal.courses.publishing import publish_course
from signaal.extensions import db


def versions_of(course_id: str) -> list[CourseVersion]:
    return list(db.session.scalars(db.select(CourseVersion).filter_by(course_id=course_id).order_by(CourseVersion.number)))


def test_first_publish_stores_version_one_with_modules_pages_quiz_and_assets(app, courses_dir):
    outcome = publish_course(courses_dir / "tiny")
    assert outcome.created and outcome.version.number == 1
    course = db.session.get(Course, "tiny")
    assert course.current_version_id == outcome.version.id
    modules = db.session.scalars(db.select(CourseModule).filter_by(version_id=outcome.version.id, language="en")).all()
    assert [m.module_id for m in sorted(modules, key=lambda m: m.position)] == ["basics", "next-steps"]
    basics = next(m for m in modules if m.module_id == "basics")
    assert len(basics.pages) >= 2 and basics.quiz["questions"]
    # The read model gives the same module back as typed objects.
    published = outcome.version.module("en", "basics")
    assert published.page_count == len(basics.pages) and published.quiz.questions[0].id == basics.quiz["questions"][0]["id"]
    assert db.session.scalars(db.select(CourseAsset).filter_by(version_id=outcome.version.id)).all()


def test_publishing_an_unchanged_course_creates_no_new_version(app, courses_dir):
    first = publish_course(courses_dir / "tiny")
    again = publish_course(courses_dir / "tiny")
    assert not again.created and again.version.id == first.version.id
    assert len(versions_of("tiny")) == 1


def test_a_changed_course_becomes_the_next_live_version(app, courses_dir):
    publish_course(courses_dir / "tiny")
    module = courses_dir / "tiny" / "01-basics.md"
    module.write_text(module.read_text().replace("\n## ", "\nA sentence added later.\n\n## ", 1))
    outcome = publish_course(courses_dir / "tiny")
    assert outcome.created and outcome.version.number == 2
    assert db.session.get(Course, "tiny").current_version_id == outcome.version.id
    assert len(versions_of("tiny")) == 2


def test_a_broken_course_is_not_published_and_the_previous_version_stays_live(app, courses_dir):
    first = publish_course(courses_dir / "tiny")
    (courses_dir / "tiny" / "course.yml").write_text("title: [unclosed\n")
    outcome = publish_course(courses_dir / "tiny")
    assert outcome.failed and outcome.problems
    assert db.session.get(Course, "tiny").current_version_id == first.version.id
    assert len(versions_of("tiny")) == 1


def test_an_interrupted_publish_leaves_nothing_half_published(app, courses_dir):
    first = publish_course(courses_dir / "tiny")
    db.session.commit()
    module = courses_dir / "tiny" / "02-next-steps.md"
    module.write_text(module.read_text() + "\n")

    def fail(*args):
        raise RuntimeError("disk full")

    # Fault injection at the database layer: the insert of the version's assets fails.
    event.listen(CourseAsset, "before_insert", fail)
    try:
        with pytest.raises(RuntimeError):
            publish_course(courses_dir / "tiny")
    finally:
        event.remove(CourseAsset, "before_insert", fail)
    db.session.rollback()  # as the command's edge does when publishing raises

    assert db.session.get(Course, "tiny").current_version_id == first.version.id
    assert len(versions_of("tiny")) == 1
    assert db.session.scalar(db.select(db.func.count()).select_from(CourseModule)) == len(
        db.session.scalars(db.select(CourseModule).filter_by(version_id=first.version.id)).all()
    )


def test_progress_survives_republishing(client, courses_dir, make_user, login):
    from quiz_answers import module_row

    publish_course(courses_dir / "tiny")
    user = login(make_user())
    client.get("/courses/tiny/basics/2")
    module = courses_dir / "tiny" / "01-basics.md"
    module.write_text(module.read_text().replace("\n## ", "\nFixed a typo.\n\n## ", 1))
    second = publish_course(courses_dir / "tiny").version
    course_page = client.get("/courses/tiny").get_data(as_text=True)
    assert f"Read 2 of {module_row(second, 'basics').page_count} pages" in course_page


def test_courses_check_command_reports_ok_and_errors(app, runner, courses_dir):
    ok = runner.invoke(args=["courses", "check", str(courses_dir / "tiny")])
    assert ok.exit_code == 0 and "ok" in ok.output
    broken = courses_dir / "broken"
    shutil.copytree(courses_dir / "tiny", broken)
    (broken / "course.yml").write_text("title: Broken\nlanguage: en\npass_mrak: 80\n")
    result = runner.invoke(args=["courses", "check", str(broken)])
    assert result.exit_code == 1
    assert 'course.yml:3: unknown key "pass_mrak"' in result.output
    assert "pass_mark" in result.output


def test_courses_publish_command_publishes_then_reports_unchanged(app, runner, courses_dir):
    first = runner.invoke(args=["courses", "publish", str(courses_dir / "tiny")])
    assert first.exit_code == 0 and "tiny: published version 1" in first.output
    second = runner.invoke(args=["courses", "publish", str(courses_dir / "tiny")])
    assert second.exit_code == 0 and "tiny: unchanged (version 1)" in second.output


def test_strict_publish_refuses_a_course_with_warnings(app, runner, courses_dir):
    module = courses_dir / "tiny" / "02-next-steps.md"
    text = module.read_text()
    module.write_text(text[: text.index("## Test yourself")])  # no quiz: a warning
    loose = runner.invoke(args=["courses", "check", str(courses_dir / "tiny")])
    assert loose.exit_code == 0 and "quiz" in loose.output
    strict = runner.invoke(args=["courses", "publish", "--strict", str(courses_dir / "tiny")])
    assert strict.exit_code == 1
    assert db.session.get(Course, "tiny") is None
