"""The summary counters against the raw rows: every figure of every table agrees, whatever happened.

Random data sets (several seeds) are built through the domain functions —
groups created and changed, people joining and moving, pages read, quizzes
sent, courses completed and restarted, accounts erased, a course republished,
a transaction rolled back — and after each step every statistics table (the
page and its CSV are built from the same table) is computed twice: from the
counters and from the raw rows (`STATISTICS_FROM_RAW_ROWS`).
"""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from quiz_answers import module_row
from signaal.clock import utcnow
from signaal.courses.catalogue import published_versions
from signaal.extensions import db
from signaal.learning.progress import complete_everyone_finished, record_page_view, record_quiz_attempt, restart_course
from signaal.organisations.groups import create_group, update_group
from signaal.organisations.invites import join_group
from signaal.organisations.models import Group, GroupMember, Membership, Organisation
from signaal.privacy.erasure import erase_account
from signaal.quizzes.models import QuestionResult, QuizAttempt
from signaal.statistics.scoping import Scope
from signaal.statistics.summaries import Counter, differences
from signaal.statistics.tables import (
    course_table, funnel_table, group_table, language_table, month_table, organisation_table, question_and_topic_tables,
)

LANGUAGES = ["pl", "ro", "bg", None]


def all_tables(scope: Scope) -> dict[str, list]:
    versions = published_versions()
    tables = {
        "courses": course_table(scope, versions, lambda course_id: course_id),
        "months": month_table(scope),
        "groups": group_table(scope, versions),
        "organisations": organisation_table(scope, versions),
        "languages": language_table(scope, versions),
    }
    for version in versions:
        questions, topics = question_and_topic_tables(scope, version)
        tables.update({f"funnel {version.course_id}": funnel_table(scope, version),
                       f"questions {version.course_id}": questions, f"topics {version.course_id}": topics})
    return {name: [table.headers, *table.text_rows()] for name, table in tables.items()}


def scopes() -> list[Scope]:
    """The region, each organisation, all organisations together, and each group."""
    organisations = db.session.scalars(select(Organisation.id)).all()
    found = [Scope("all", "", None), Scope("mine", "", tuple(organisations))]
    found += [Scope(f"org-{o}", "", (o,)) for o in organisations]
    found += [Scope(f"group-{g.id}", "", (g.organisation_id,), g.id) for g in db.session.scalars(select(Group))]
    return found


def assert_counters_match_raw_rows(app) -> None:
    assert differences(limit=10) == []
    with app.test_request_context():
        for scope in scopes():
            from_counters = all_tables(scope)
            app.config["STATISTICS_FROM_RAW_ROWS"] = True
            try:
                from_raw_rows = all_tables(scope)
            finally:
                app.config["STATISTICS_FROM_RAW_ROWS"] = False
            assert from_counters == from_raw_rows, scope.key


def quiz(user, module, rng, version, live):
    """A graded attempt as `quizzes.attempts.record_attempt` stores it, with random answers."""
    right = {q.id: rng.random() < 0.6 for q in module.quiz.questions}
    passed = 2 * sum(right.values()) >= len(right)
    progress = record_quiz_attempt(user, module, passed=passed, live=live)
    attempt = QuizAttempt(
        user_id=user.id, course_id=module.course_id, module_id=module.module_id, version_id=version.id,
        language=module.language, form_token=f"t{rng.random()}", submitted_at=utcnow(), correct_count=sum(right.values()),
        question_count=len(right), passed=passed, first_try=progress.quiz_attempts == 1, answers={},
    )
    db.session.add(attempt)
    db.session.flush()
    db.session.execute(
        QuestionResult.__table__.insert(), [dict(attempt_id=attempt.id, question_id=q, correct=ok) for q, ok in right.items()]
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_figure_from_the_counters_equals_the_figure_from_raw_rows(app, make_user, tiny_course, seed):
    rng = random.Random(seed)
    version = tiny_course
    modules = [module_row(version, m.module_id) for m in version.modules_in(version.language)]
    organisations = [Organisation(name=f"Organisation {n}") for n in range(2)]
    db.session.add_all(organisations)
    db.session.flush()
    groups = [
        create_group(None, organisations[n % 2], f"Group {n}", course_ids=["tiny"] if n != 2 else [])
        for n in range(4)
    ]
    people = [make_user(language=rng.choice(LANGUAGES)) for _ in range(14)]
    for person in people:
        if rng.random() < 0.8:
            join_group(person, rng.choice(groups))
        if rng.random() < 0.3:
            join_group(person, rng.choice(groups))
        organisation = rng.choice(organisations)
        if rng.random() < 0.2 and not db.session.scalar(select(Membership.id).filter_by(user_id=person.id, organisation_id=organisation.id)):
            db.session.add(Membership(user_id=person.id, organisation_id=organisation.id))  # a member without a group
    db.session.commit()
    assert_counters_match_raw_rows(app)

    for step in range(6):
        for person in rng.sample(people, 8):
            for module in modules:
                if rng.random() < 0.7:
                    for page in range(1, module.page_count + 1):
                        record_page_view(person, module, page)
                    if module.quiz and rng.random() < 0.8:
                        quiz(person, module, rng, version, version)
                    if module.quiz and rng.random() < 0.4:
                        quiz(person, module, rng, version, version)
        action = step % 6
        someone = rng.choice(people)
        if action == 0:  # a group move
            for membership in db.session.scalars(select(GroupMember).where(GroupMember.user_id == someone.id)):
                db.session.delete(membership)
            db.session.flush()
            join_group(someone, rng.choice(groups))
        elif action == 1:  # renewal: the next cycle of a completed course
            for person in people:
                restart_course(person, "tiny")
                break
        elif action == 2:  # a course withdrawn from a group and another assigned
            update_group(None, groups[0], expires_on=None, course_ids=[])
            update_group(None, groups[2], expires_on=None, course_ids=["tiny"])
        elif action == 3:  # an erased account; a language changed
            erase_account(someone, by=None, reason="test")
            rng.choice(people).language = rng.choice(LANGUAGES)
        elif action == 4:  # the course republished: the publish listeners run
            complete_everyone_finished(version)
        db.session.commit()
        assert_counters_match_raw_rows(app)

    # What a rolled-back transaction did leaves no trace in the counters.
    record_page_view(people[0], modules[0], 1)
    quiz(people[1], modules[0], rng, version, version)
    db.session.rollback()
    assert_counters_match_raw_rows(app)


def test_a_quiz_submission_writes_the_counters_in_one_statement(client, tiny_course, make_user, login, count_statements):
    from learning.test_statement_counts import quiz_post  # the same forms as the statement budgets
    from quiz_answers import right_answers, wrong_answers

    login(make_user(language="pl"))
    basics, steps = module_row(tiny_course, "basics"), module_row(tiny_course, "next-steps")
    client.get("/courses/tiny/basics/1")
    logs = []
    for module_id, module, answers in (("basics", basics, wrong_answers), ("basics", basics, right_answers),
                                       ("next-steps", steps, right_answers)):
        client.get(f"/courses/tiny/{module_id}/1")
        url, data = quiz_post(client, module_id, answers(module))
        with count_statements() as log:
            assert client.post(url, data=data).status_code == 302
        logs.append(log)
    for log in logs:
        writes = [s for s in log.statements if "statistics_counters" in s]
        assert len(writes) == 1, writes  # with the summaries: one statement more than without them
    assert differences() == []


def test_verify_finds_a_wrong_counter_and_rebuild_repairs_it(app, runner, make_user, tiny_course):
    person = make_user(language="ro")
    record_page_view(person, module_row(tiny_course, "basics"), 1)
    db.session.commit()
    assert runner.invoke(args=["statistics", "verify"]).exit_code == 0
    counter = db.session.scalars(select(Counter).where(Counter.figure == "opened")).first()
    counter.n += 3
    db.session.commit()
    result = runner.invoke(args=["statistics", "verify"])
    assert result.exit_code == 1 and "1 summary rows differ" in result.output and "opened" in result.output
    result = runner.invoke(args=["statistics", "rebuild"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["statistics", "verify"]).exit_code == 0


def test_verify_finds_no_difference_after_demo_data_and_participants_at_work(app, runner, tiny_course):
    result = runner.invoke(args=["demo", "generate", "--participants", "60", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["statistics", "verify"]).exit_code == 0
    rng = random.Random(5)
    from learning.test_statement_counts import quiz_post
    from quiz_answers import right_answers, wrong_answers
    from signaal.accounts.models import User
    from web_forms import submit_form

    basics = module_row(tiny_course, "basics")
    demo_people = db.session.scalars(select(User).where(User.username.like("demo-%")).limit(40)).all()
    for person in rng.sample(demo_people, 4):
        person.set_password("demo password")
        db.session.commit()
        client = app.test_client()
        assert submit_form(client, "/account/login", {"username": person.username, "password": "demo password"}).status_code == 302
        client.get("/courses/tiny/basics/1")
        client.get("/courses/tiny/basics/2")
        url, data = quiz_post(client, "basics", rng.choice([right_answers, wrong_answers])(basics))
        assert client.post(url, data=data).status_code == 302
    result = runner.invoke(args=["statistics", "verify"])
    assert result.exit_code == 0, result.output
    assert "match" in result.output
