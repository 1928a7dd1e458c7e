"""Every mistake a trainer can make gets its own `file:line: what — what to do` message."""

from __future__ import annotations

import textwrap
from pathlib import Path

from sample_courses import messages, module

from signaal.courses.compiling import compile_course, find_course_folders
from signaal.courses.problems import Problem

QUESTION_OK = """\
### Is this a question?
- [x] Yes
- [ ] No

> It ends with a question mark.
"""


def quiz_module(questions: str, before: str = "Text.\n") -> str:
    """A module whose body (from line 4) is `before`, then the quiz heading, then the questions."""
    return module(before + "## Test yourself {.quiz}\n" + textwrap.dedent(questions))


# Problem itself


def test_problem_reads_as_file_line_message():
    problem = Problem("courses/x/02-signals.md", 41, "question \"Who?\" has no correct option — mark one with [x]")
    assert str(problem) == "courses/x/02-signals.md:41: question \"Who?\" has no correct option — mark one with [x]"
    assert str(Problem("courses/x", None, "the course has no modules")) == "courses/x: the course has no modules"


def test_problem_path_outside_current_directory_is_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    outside = tmp_path.parent / "elsewhere"
    compilation = compile_course(outside)
    assert messages(compilation)[0].startswith(f"{outside.absolute() / 'course.yml'}: missing course.yml")


# Finding courses


def test_a_folder_with_course_yml_is_one_course(write_course):
    folder = write_course()
    assert find_course_folders(folder) == ([folder], [])


def test_each_sub_folder_is_a_course_and_hidden_folders_are_skipped(write_course):
    first, second = write_course(name="first"), write_course(name="second")
    Path("courses/.git").mkdir()
    Path("courses/stray").mkdir()
    folders, problems = find_course_folders(Path("courses"))
    assert folders == [first, second]
    assert [str(p) for p in problems] == [
        "courses/stray: missing course.yml — add one with at least a title and a language, or move this folder out"
    ]


# course.yml


def test_missing_course_yml(write_course):
    folder = write_course({"course.yml": None})
    assert messages(compile_course(folder)) == [
        "courses/example/course.yml: missing course.yml — add one with at least a title and a language"
    ]


def test_invalid_yaml_in_course_yml_names_its_line(write_course):
    folder = write_course({"course.yml": "title: Example\nlanguage: en\nsummary: [unclosed\n"})
    [message] = messages(compile_course(folder))
    assert message.startswith("courses/example/course.yml:4: invalid YAML: ")


def test_course_yml_must_be_a_mapping(write_course):
    folder = write_course({"course.yml": "- title: Example\n- language: en\n"})
    assert messages(compile_course(folder)) == [
        "courses/example/course.yml:1: expected \"key: value\" lines but found a list — write one setting per line, like title: My course"
    ]


def test_unknown_key_in_course_yml_suggests_the_nearest(write_course):
    folder = write_course({"course.yml": "title: Example\nlanguage: en\n\npass_mrak: 70\n"})
    assert messages(compile_course(folder)) == [
        "courses/example/course.yml:4: unknown key \"pass_mrak\" — did you mean \"pass_mark\"?"
    ]


def test_unknown_key_without_a_near_one_lists_the_known_keys(write_course):
    folder = write_course({"course.yml": "title: Example\nlanguage: en\ncolour: red\n"})
    [message] = messages(compile_course(folder))
    assert message.startswith("courses/example/course.yml:3: unknown key \"colour\" — the known keys are title, summary, language")


def test_missing_title_in_course_yml(write_course):
    folder = write_course({"course.yml": "language: en\n"})
    compilation = compile_course(folder)
    assert messages(compilation) == [
        "courses/example/course.yml: missing required key \"title\" — add a line like title: Recognising labour exploitation"
    ]
    assert compilation.course is None


def test_duplicate_key_in_course_yml(write_course):
    folder = write_course({"course.yml": "title: One\nlanguage: en\ntitle: Two\n"})
    assert messages(compile_course(folder)) == [
        "courses/example/course.yml:3: key \"title\" appears twice (first on line 1) — keep one"
    ]


def test_invalid_language_code(write_course):
    folder = write_course({"course.yml": "title: Example\nlanguage: english\n"})
    assert messages(compile_course(folder)) == [
        "courses/example/course.yml:2: language has an unknown locale code \"english\" — use a code such as en, nl or pt_BR"
    ]


def test_invalid_code_in_languages(write_course):
    folder = write_course({"course.yml": "title: Example\nlanguage: en\nlanguages: [nl, xx]\n"})
    assert messages(compile_course(folder)) == [
        "courses/example/course.yml:3: languages has an unknown locale code \"xx\" — use a code such as en, nl or pt_BR"
    ]


def test_unquoted_norwegian_is_read_as_false_and_reported(write_course):
    folder = write_course({"course.yml": "title: Example\nlanguage: no\n"})
    assert messages(compile_course(folder)) == [
        "courses/example/course.yml:2: language must be a locale code such as en, nl or pt_BR, not False — put the code in quotes"
    ]


def test_pass_mark_outside_0_to_100(write_course):
    folder = write_course({"course.yml": "title: Example\nlanguage: en\npass_mark: 120\n"})
    assert messages(compile_course(folder)) == [
        "courses/example/course.yml:3: pass_mark must be a whole number from 0 to 100 (a percentage), not 120 — e.g. 80, without %"
    ]


def test_pass_mark_not_an_integer(write_course):
    folder = write_course({"course.yml": "title: Example\nlanguage: en\npass_mark: 80%\n"})
    assert messages(compile_course(folder)) == [
        "courses/example/course.yml:3: pass_mark must be a whole number from 0 to 100 (a percentage), not '80%' — e.g. 80, without %"
    ]


def test_certificate_valid_months_must_be_positive(write_course):
    folder = write_course({"course.yml": "title: Example\nlanguage: en\ncertificate_valid_months: 0\n"})
    assert messages(compile_course(folder)) == [
        "courses/example/course.yml:3: certificate_valid_months must be a whole number above 0, not 0 — e.g. 15"
    ]


def test_course_id_must_be_a_valid_folder_name(write_course):
    folder = write_course(name="My_Course")
    assert messages(compile_course(folder)) == [
        "courses/My_Course: the folder name \"My_Course\" is not a valid course id — rename the folder using up to 64 lowercase letters, digits and hyphens (e.g. labour-exploitation)"
    ]


def test_ids_fit_where_they_are_stored(app, runner, write_course):
    # Ids are kept in 64 characters: a longer one is refused by the check, not by PostgreSQL at publishing.
    long = "a" * 65
    folder = write_course({"01-intro.md": None, f"01-{long}.md": module("Some text.\n\n## Test yourself {.quiz}\n\n### Which? {#" + long + "}\n- [x] Yes\n- [ ] No\n\n> Because.\n")}, name="b" * 65)
    assert messages(compile_course(folder)) == [
        f"courses/{'b' * 65}: the folder name \"{'b' * 65}\" is not a valid course id — rename the folder using up to 64 lowercase letters, digits and hyphens (e.g. labour-exploitation)",
        f"courses/{'b' * 65}/01-{long}.md: the module id \"{long}\" is longer than 64 characters — shorten the file name",
        f"courses/{'b' * 65}: the course has no modules — add module files named like 01-introduction.md",
    ]
    published = runner.invoke(args=["courses", "publish", str(folder)])
    assert published.exit_code == 1 and "is not a valid course id" in published.output

    fits = write_course({"01-intro.md": module("Some text.\n\n## Test yourself {.quiz}\n\n### Which? {#" + long + "}\n- [x] Yes\n- [ ] No\n\n> Because.\n")}, name="fits")
    assert any(f'question id "{long}" is not valid — use up to 64 letters' in line for line in messages(compile_course(fits)))


# Module files


def test_course_without_modules(write_course):
    folder = write_course({"01-intro.md": None, "README.md": "# Notes for trainers\n"})
    assert messages(compile_course(folder)) == [
        "courses/example: the course has no modules — add module files named like 01-introduction.md"
    ]


def test_files_that_are_not_modules_are_ignored(write_course):
    folder = write_course({"README.md": "# Notes\n", "sources.md": "# Sources\n", "notes.yml": "x: [\n"})
    compilation = compile_course(folder)
    assert messages(compilation) == []
    assert [m.id for m in compilation.course.modules] == ["intro"]


def test_duplicate_module_ids(write_course):
    folder = write_course({"03-intro.md": module("Text.\n")})
    assert messages(compile_course(folder)) == [
        "courses/example/03-intro.md: duplicate module id \"intro\" (also 01-intro.md) — rename one of the files"
    ]


def test_invalid_yaml_in_front_matter_counts_the_opening_line(write_course):
    folder = write_course({"01-intro.md": "---\ntitle: Intro\nminutes: 5\nreviewed: then: now\n---\nText.\n"})
    [message] = messages(compile_course(folder))
    assert message.startswith("courses/example/01-intro.md:4: invalid YAML: ")


def test_missing_front_matter(write_course):
    folder = write_course({"01-intro.md": "Text without front matter.\n"})
    assert messages(compile_course(folder)) == [
        "courses/example/01-intro.md:1: missing front matter — start the file with a --- line, then title: ..., then another --- line"
    ]


def test_unclosed_front_matter(write_course):
    folder = write_course({"01-intro.md": "---\ntitle: Intro\n\nText.\n"})
    assert messages(compile_course(folder)) == [
        "courses/example/01-intro.md:1: the front matter is never closed — add a --- line after the last setting"
    ]


def test_unknown_front_matter_key_suggests_the_nearest(write_course):
    folder = write_course({"01-intro.md": module("Text.\n", "title: Intro\nminuts: 5")})
    assert messages(compile_course(folder), "error") == [
        "courses/example/01-intro.md:3: unknown key \"minuts\" — did you mean \"minutes\"?"
    ]


def test_missing_module_title(write_course):
    folder = write_course({"01-intro.md": module("Text.\n", "minutes: 5")})
    assert messages(compile_course(folder), "error") == [
        "courses/example/01-intro.md:1: missing required key \"title\" — add a line like title: Signs of exploitation"
    ]


def test_minutes_must_be_a_positive_whole_number(write_course):
    folder = write_course({"01-intro.md": module("Text.\n", "title: Intro\nminutes: ten")})
    assert messages(compile_course(folder), "error") == [
        "courses/example/01-intro.md:3: minutes must be a whole number above 0, not 'ten' — e.g. 15"
    ]


def test_reviewed_must_be_a_date(write_course):
    folder = write_course({"01-intro.md": module("Text.\n", "title: Intro\nreviewed: last spring")})
    assert messages(compile_course(folder), "error") == [
        "courses/example/01-intro.md:3: reviewed must be a date written as YYYY-MM-DD, not 'last spring' — e.g. 2024-05-31"
    ]


def test_level_1_heading_is_an_error(write_course):
    folder = write_course({"01-intro.md": module("Text.\n\n# Big title\n\nMore.\n")})
    assert messages(compile_course(folder), "error") == [
        "courses/example/01-intro.md:6: a level-1 heading (# ...) is not allowed — the module title comes from title: in the front matter; start a new page with ## instead"
    ]


def test_headings_inside_fenced_code_are_not_headings(write_course):
    folder = write_course({"01-intro.md": module("Text.\n\n```\n# a shell comment\n## not a page\n```\n")})
    compilation = compile_course(folder)
    assert messages(compilation, "error") == []
    [page] = compilation.course.modules[0].pages
    assert "## not a page" in page.html


def test_underlined_heading_is_an_error(write_course):
    folder = write_course({"01-intro.md": module("Text.\n\nA heading\n---------\n")})
    assert messages(compile_course(folder), "error") == [
        "courses/example/01-intro.md:7: this line turns the line above it into a heading — start a page with \"## Title\" instead, or leave a blank line above it for a horizontal rule"
    ]


def test_rule_under_a_table_is_not_a_heading(write_course):
    folder = write_course({"01-intro.md": module("| a | b |\n|---|---|\n| 1 | 2 |\n---\n")})
    assert messages(compile_course(folder), "error") == []


# Quizzes


def test_quiz_must_be_the_last_section(write_course):
    folder = write_course({"01-intro.md": quiz_module(QUESTION_OK + "\n## Afterwards\n\nMore text.\n")})
    assert messages(compile_course(folder)) == [
        "courses/example/01-intro.md:5: the quiz \"Test yourself\" is not the last ## section — move it to the end of the module"
    ]


def test_mistyped_quiz_class(write_course):
    folder = write_course({"01-intro.md": module("Text.\n## Test yourself {.quizz}\n")})
    assert messages(compile_course(folder), "error") == [
        "courses/example/01-intro.md:5: unknown class \".quizz\" — did you mean \".quiz\"?"
    ]


def test_question_without_options(write_course):
    folder = write_course({"01-intro.md": quiz_module("""\
        ### Who keeps the passport?

        > The worker.
    """)})
    assert messages(compile_course(folder)) == [
        "courses/example/01-intro.md:6: question \"Who keeps the passport?\" has no options — add options as \"- [ ] text\" lines and mark the right ones with [x]"
    ]


def test_question_without_a_correct_option(write_course):
    folder = write_course({"01-intro.md": quiz_module("""\
        ### Who keeps the passport?
        - [ ] The employer
        - [ ] The agency

        > The worker.
    """)})
    assert messages(compile_course(folder)) == [
        "courses/example/01-intro.md:6: question \"Who keeps the passport?\" has no correct option — mark one with [x]"
    ]


def test_option_list_that_is_not_a_task_list(write_course):
    folder = write_course({"01-intro.md": quiz_module("""\
        ### Who keeps the passport?
        - The employer
        - The worker

        > The worker.
    """)})
    assert messages(compile_course(folder)) == [
        "courses/example/01-intro.md:7: the option list is not a task list — write \"- [ ] text\" for a wrong option and \"- [x] text\" for a right one"
    ]


def test_duplicate_question_ids(write_course):
    folder = write_course({"01-intro.md": quiz_module("""\
        ### First {#passport}
        - [x] Yes
        - [ ] No

        > Why.

        ### Second {#passport}
        - [x] Yes
        - [ ] No

        > Why.
    """)})
    assert messages(compile_course(folder)) == [
        "courses/example/01-intro.md:12: duplicate question id \"passport\" (also on line 6) — give each question its own {#id}"
    ]


def test_explicit_id_clashing_with_a_position_id(write_course):
    folder = write_course({"01-intro.md": quiz_module(QUESTION_OK + "\n" + QUESTION_OK.replace("?", "? {#q1}", 1))})
    assert messages(compile_course(folder)) == [
        "courses/example/01-intro.md:12: duplicate question id \"q1\" (also on line 6) — give each question its own {#id}"
    ]


def test_unknown_question_attribute(write_course):
    folder = write_course({"01-intro.md": quiz_module(QUESTION_OK.replace("?", '? {topics="documents"}', 1))})
    assert messages(compile_course(folder)) == [
        "courses/example/01-intro.md:6: unknown question attribute \"topics\" — did you mean \"topic\"?"
    ]


def test_text_that_does_not_belong_in_a_question(write_course):
    folder = write_course({"01-intro.md": quiz_module(QUESTION_OK + "\nA stray paragraph.\n")})
    assert messages(compile_course(folder)) == [
        "courses/example/01-intro.md:12: unexpected text in a question — a question is a ### line, then \"- [ ]\" options, then a \"> \" explanation"
    ]


def test_quiz_without_questions(write_course):
    folder = write_course({"01-intro.md": quiz_module("\nNo questions yet.\n")})
    assert messages(compile_course(folder), "error") == [
        "courses/example/01-intro.md:5: quiz \"Test yourself\" has no questions — add questions as ### headings"
    ]


# Links and images


def test_missing_image(write_course):
    folder = write_course({"01-intro.md": module("Text.\n\n![A map](assets/mpa.png)\n")})
    assert messages(compile_course(folder), "error") == [
        "courses/example/01-intro.md:6: \"assets/mpa.png\" does not exist in the course folder — check the name (names are case-sensitive) or add the file"
    ]


def test_missing_linked_file_in_an_option(write_course):
    folder = write_course({"01-intro.md": quiz_module("""\
        ### Is this a question?
        - [x] Yes, see [the card](assets/card.pdf)
        - [ ] No

        > Why.
    """)})
    assert messages(compile_course(folder)) == [
        "courses/example/01-intro.md:7: \"assets/card.pdf\" does not exist in the course folder — check the name (names are case-sensitive) or add the file"
    ]


def test_javascript_link_is_an_error(write_course):
    folder = write_course({"01-intro.md": module("Text.\n\n[click](javascript:alert(1))\n")})
    assert messages(compile_course(folder), "error") == [
        "courses/example/01-intro.md:6: javascript: links are not allowed (javascript:alert(1)) — link to a page or a file in assets/ instead"
    ]


def test_javascript_link_in_raw_html_is_an_error(write_course):
    folder = write_course({"01-intro.md": module('Text.\n\n<a href="JaVa&#115;cript:alert(1)">x</a>\n')})
    [message] = messages(compile_course(folder), "error")
    assert message.startswith("courses/example/01-intro.md:")
    assert "javascript: links are not allowed" in message


def test_link_outside_the_course_folder(write_course):
    folder = write_course({"01-intro.md": module("Text.\n\n[other](../other/assets/x.png)\n")})
    assert messages(compile_course(folder), "error") == [
        "courses/example/01-intro.md:6: \"../other/assets/x.png\" points outside the course folder — put the file in the course's assets/ folder"
    ]


def test_external_links_and_anchors_are_fine(write_course):
    folder = write_course({"01-intro.md": module("""\
        [web](https://example.org) [plain](http://example.org) [mail](mailto:help@example.org)
        [phone](tel:+31201234567) [anchor](#top) [site](/courses)
    """)})
    assert messages(compile_course(folder), "error") == []


def test_link_to_a_course_file_outside_assets_is_a_warning(write_course):
    folder = write_course({"01-intro.md": quiz_module(QUESTION_OK, "Text.\n\n[sources](sources.md)\n"), "sources.md": "Sources.\n"})
    compilation = compile_course(folder)
    assert messages(compilation, "warning") == [
        "courses/example/01-intro.md:6: \"sources.md\" is not in assets/, so participants cannot open it — move it into assets/"
    ]
    assert compilation.course is not None


# Warnings


def test_module_without_quiz_is_a_warning(write_course):
    folder = write_course({"01-intro.md": module("Text.\n")})
    compilation = compile_course(folder)
    assert messages(compilation) == [
        "courses/example/01-intro.md: the module has no quiz — add a \"## Test yourself {.quiz}\" section at the end"
    ]
    assert compilation.problems[0].severity == "warning"
    assert compilation.course is not None  # warnings do not block; --strict in the CLI makes them


def test_question_without_explanation_is_a_warning(write_course):
    folder = write_course({"01-intro.md": quiz_module("""\
        ### Is this a question?
        - [x] Yes
        - [ ] No
    """)})
    compilation = compile_course(folder)
    assert messages(compilation, "warning") == [
        "courses/example/01-intro.md:6: question \"Is this a question?\" has no explanation — add a \"> \" blockquote after the options that says why"
    ]
    assert compilation.course is not None


def test_module_file_with_a_wrong_name_is_a_warning(write_course):
    folder = write_course({"02-Next_Steps.md": module("Text.\n")})
    assert messages(compile_course(folder)) == [
        "courses/example/02-Next_Steps.md: is not read as a module — name module files like 01-module-id.md (lowercase letters, digits and hyphens)"
    ]


def test_any_error_means_no_course(write_course):
    folder = write_course({"course.yml": "title: Example\nlanguage: en\npass_mark: 101\n"})
    assert compile_course(folder).course is None
