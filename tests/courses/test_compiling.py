"""Compiling a course folder into Course objects: pages, quizzes, assets and the source hash."""

from __future__ import annotations

import shutil
from pathlib import Path

from sample_courses import DATA, messages, module

from signaal.courses.compiling import compile_course


def copy_tiny(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA / "tiny", tmp_path / "tiny"))


# The sample course other tests rely on


def test_tiny_course_compiles_without_problems():
    compilation = compile_course(DATA / "tiny")
    assert messages(compilation) == []
    course = compilation.course
    assert (course.id, course.title, course.language, course.languages) == ("tiny", "Tiny course", "en", ("en", "nl"))
    assert (course.pass_mark, course.certificate_valid_months, course.audience) == (50, 12, "Testers")
    assert [m.id for m in course.modules] == ["basics", "next-steps"]
    assert [len(m.pages) for m in course.modules] == [2, 1]
    assert [len(m.quiz.questions) for m in course.modules] == [2, 1]


def test_course_defaults(write_course):
    course = compile_course(write_course({"course.yml": "title: Example\nlanguage: nl\n"})).course
    assert (course.summary, course.languages, course.pass_mark, course.certificate_valid_months, course.audience) == ("", ("nl",), 80, None, None)


def test_source_language_is_offered_first(write_course):
    course = compile_course(write_course({"course.yml": "title: Example\nlanguage: nl\nlanguages: [en, nl, pt-BR]\n"})).course
    assert course.languages == ("nl", "en", "pt_BR")


# Pages


def test_pages_split_at_level_2_headings_and_the_opening_text_is_a_page():
    basics = compile_course(DATA / "tiny").course.modules[0]
    assert (basics.title, basics.minutes) == ("The basics", 5)
    assert [page.title for page in basics.pages] == ["The basics", "Keeping documents"]
    assert basics.pages[0].html == "<p>Welcome to the <strong>basics</strong>.</p>"


def test_a_page_does_not_contain_its_own_heading():
    page = compile_course(DATA / "tiny").course.modules[0].pages[1]
    assert "<h2" not in page.html and "Keeping documents" not in page.html
    assert page.html.startswith("<p>An employer may not keep")


def test_blank_opening_text_is_not_a_page():
    next_steps = compile_course(DATA / "tiny").course.modules[1]
    assert [page.title for page in next_steps.pages] == ["Reporting"]


def test_page_titles_are_plain_text(write_course):
    course = compile_course(write_course({"01-intro.md": module("## Who is *vulnerable*? {#who}\n\nText.\n")})).course
    assert course.modules[0].pages[0].title == "Who is vulnerable?"


def test_modules_are_read_in_file_name_order(write_course):
    folder = write_course({"02-second.md": module("Two.\n", "title: Second"), "10-last.md": module("Last.\n", "title: Last")})
    assert [m.id for m in compile_course(folder).course.modules] == ["intro", "second", "last"]


# Quizzes


def test_quiz_questions_options_and_explanations():
    quiz = compile_course(DATA / "tiny").course.modules[0].quiz
    assert quiz.title == "Test yourself"
    first, second = quiz.questions
    assert (first.id, first.kind, first.topics) == ("q1", "single", ())
    assert first.prompt_html == "The employer keeps all workers' passports \"for safe keeping\". What is this?"
    assert [(o.html, o.correct) for o in first.options] == [
        ("A normal service of the employer", False),
        ("A possible sign of labour exploitation", True),
        ("Only a problem if the workers complain", False),
    ]
    assert first.explanation_html == "<p>Keeping a worker's identity documents is one of the ILO indicators of <em>forced labour</em>.</p>"
    assert (second.id, second.kind, second.topics) == ("signs", "multiple", ("documents", "debts"))
    assert [o.correct for o in second.options] == [True, False, True]
    assert second.explanation_html == "<p>Debt bondage and retained documents are both ILO indicators.</p>\n<p>A written contract alone is not a sign.</p>"


def test_position_ids_count_every_question_in_the_quiz(write_course):
    folder = write_course({"01-intro.md": module("""\
        ## Quiz {.quiz}

        ### One {#first}
        - [x] A
        - [ ] B

        > Why.

        ### Two
        - [X] A
        - [ ] B

        > Why.
    """)})
    questions = compile_course(folder).course.modules[0].quiz.questions
    assert [(q.id, q.kind) for q in questions] == [("first", "single"), ("q2", "single")]
    assert [o.correct for o in questions[1].options] == [True, False]


def test_inline_markdown_in_prompts_options_and_explanations(write_course):
    folder = write_course({"01-intro.md": module("""\
        ## Quiz {.quiz}

        ### Is *this* a `question`?
        - [x] **Yes**, see [the ILO](https://www.ilo.org/)
        - [ ] No, it
          wraps onto two lines

        > *Because* it ends with `?`.
    """)})
    question = compile_course(folder).course.modules[0].quiz.questions[0]
    assert question.prompt_html == "Is <em>this</em> a <code>question</code>?"
    assert question.options[0].html == '<strong>Yes</strong>, see <a href="https://www.ilo.org/" rel="noopener noreferrer">the ILO</a>'
    assert question.options[1].html == "No, it wraps onto two lines"
    assert question.explanation_html == "<p><em>Because</em> it ends with <code>?</code>.</p>"


def test_a_module_with_only_a_quiz_has_no_pages(write_course):
    folder = write_course({"01-intro.md": module("\n## Quiz {.quiz}\n\n### Q?\n- [x] A\n- [ ] B\n\n> Why.\n")})
    intro = compile_course(folder).course.modules[0]
    assert intro.pages == () and len(intro.quiz.questions) == 1


# Assets


def test_assets_hold_every_file_under_assets():
    course = compile_course(DATA / "tiny").course
    assert list(course.assets) == ["assets/map.png"]
    assert course.assets["assets/map.png"] == (DATA / "tiny" / "assets" / "map.png").read_bytes()


def test_asset_urls_are_rewritten_when_publishing():
    course = compile_course(DATA / "tiny", asset_url=lambda path: f"/courses/tiny/{path}").course
    assert '<img alt="A map of the region" src="/courses/tiny/assets/map.png">' in course.modules[0].pages[1].html


def test_asset_paths_stay_relative_without_asset_url():
    course = compile_course(DATA / "tiny").course
    assert 'src="assets/map.png"' in course.modules[0].pages[1].html


# Source hash


def test_source_hash_is_stable(tmp_path):
    folder = copy_tiny(tmp_path)
    first = compile_course(folder).course.source_hash
    assert len(first) == 64
    assert compile_course(folder).course.source_hash == first
    assert compile_course(DATA / "tiny").course.source_hash == first  # the folder's location does not count


def test_source_hash_changes_when_any_file_changes(tmp_path):
    folder = copy_tiny(tmp_path)
    hashes = {compile_course(folder).course.source_hash}

    def append(name: str, text: str) -> None:
        (folder / name).parent.mkdir(exist_ok=True)
        with (folder / name).open("a", encoding="utf-8") as file:
            file.write(text)

    def rename_image() -> None:
        (folder / "assets" / "map.png").rename(folder / "assets" / "kaart.png")
        (folder / "01-basics.md").write_text((folder / "01-basics.md").read_text().replace("map.png", "kaart.png"))

    changes = [
        lambda: append("course.yml", "# a comment\n"),
        lambda: append("02-next-steps.md", "\n"),
        lambda: (folder / "assets" / "map.png").write_bytes(b"another image"),
        lambda: append("translations/nl.po", 'msgid ""\n'),  # a new file
        lambda: append("translations/nl.po", 'msgstr ""\n'),  # a changed translation
        rename_image,
    ]
    for change in changes:
        change()
        compilation = compile_course(folder)
        assert compilation.course is not None, messages(compilation)
        hashes.add(compilation.course.source_hash)
    assert len(hashes) == len(changes) + 1


def test_hidden_files_and_compiled_translations_do_not_change_the_hash(tmp_path):
    folder = copy_tiny(tmp_path)
    before = compile_course(folder).course.source_hash
    (folder / ".DS_Store").write_bytes(b"finder")
    (folder / "translations").mkdir()
    (folder / "translations" / "nl.mo").write_bytes(b"compiled")
    assert compile_course(folder).course.source_hash == before
