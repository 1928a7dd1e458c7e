"""How far each language is translated (`flask courses status`), and min_coverage."""

from __future__ import annotations

from po_files import translate_po
from sample_courses import module

from signaal.courses.compiling import compile_course
from signaal.courses.translation_status import translation_status

MODULE = module("""
    One.

    ## Two

    Three [link](https://example.org/).

    ## Test yourself {.quiz}

    ### Four?
    - [x] Five
    - [ ] Six

    > Seven.
    """)
# 10 segments: course title, module title, One., Two, Three…, Test yourself, Four?, Five, Six, Seven.


def course_yml(extra: str = "") -> str:
    return f"title: Example\nlanguage: en\nlanguages: [en, nl, pl]\n{extra}"


def test_status_counts_translated_fuzzy_missing_and_broken(runner, write_course):
    folder = write_course({"course.yml": course_yml(), "01-intro.md": MODULE})
    assert runner.invoke(args=["courses", "extract", str(folder)]).exit_code == 0
    translate_po(folder / "translations" / "nl.po", {
        "Example": "Voorbeeld", "One.": "Een.", "Two": "Twee", "Five": "Vijf",
        "Six": "Zes (controleren)", "Three [link](https://example.org/).": "Drie [link](https://example.com/).",
    }, fuzzy=("Six",))
    (folder / "01-intro.md").write_text(MODULE.replace("Five", "Five!"))  # changed since the last extract
    nl, pl = translation_status(folder)
    assert (nl.language, nl.total, nl.translated, nl.fuzzy, nl.missing, nl.broken) == ("nl", 10, 3, 2, 4, 1)
    assert nl.percent == 30
    assert (pl.language, pl.translated, pl.missing, pl.percent, pl.offered) == ("pl", 0, 10, 0, True)

    output = runner.invoke(args=["courses", "status", str(folder)]).output
    assert "example nl: 30% — 3 translated, 2 fuzzy, 4 missing, 1 broken of 10; offered" in output
    assert "example pl: 0% — 0 translated, 0 fuzzy, 10 missing of 10; offered" in output


def test_a_language_below_min_coverage_is_not_offered(runner, write_course):
    folder = write_course({"course.yml": course_yml("min_coverage: 50\n"), "01-intro.md": MODULE})
    assert runner.invoke(args=["courses", "extract", str(folder)]).exit_code == 0
    translate_po(folder / "translations" / "nl.po", {
        text: f"NL {text}" for text in ("Example", "Introduction", "One.", "Two", "Test yourself")
    })
    nl, pl = translation_status(folder)
    assert (nl.percent, nl.offered, pl.percent, pl.offered) == (50, True, 0, False)
    assert set(compile_course(folder).course.translations) == {"nl"}
    assert "example pl: 0% — 0 translated, 0 fuzzy, 10 missing of 10; not offered (below min_coverage 50%)" in (
        runner.invoke(args=["courses", "status", str(folder)]).output
    )


def test_a_course_without_translations_has_no_status(write_course):
    folder = write_course({"course.yml": "title: Example\nlanguage: en\n"})
    assert translation_status(folder) == []
