"""The static pages of a SCORM package: one per lesson page, scenario step and quiz, per language.

Every page is rendered with Signaal's own templates and macros (the lesson
article, the quiz question, the help card) in the language it shows, so its
interface words come from the same catalogs as the site. All paths are
relative to the package root; a language's pages sit in a folder of their own
(`en/`, `ar/`), the stylesheet, the script and the course's files at the root.
"""

from __future__ import annotations

import re

from flask import render_template
from flask_babel import force_locale, gettext

from ..courses.published import PublishedModule, PublishedVersion
from ..courses.publishing import asset_url
from ..languages.available import native_name
from ..languages.page import text_direction
from ..quizzes.kinds import kind_of
from .scenarios import scenario_pages
from .stops import Stop, course_start, course_stops, module_stops

STYLESHEET = "signaal.css"
PACKAGE_STYLESHEET = "signaal-scorm.css"  # the little a package needs beyond Signaal's own stylesheet
SCRIPT = "signaal-scorm.js"
LAUNCH_PAGE = "index.html"  # what the learning system opens: it keeps the connection for every page
LANGUAGE_PAGE = "languages.html"
ASSETS = "assets/"


def language_pages(version: PublishedVersion, language: str, languages: tuple[str, ...]) -> dict[str, str]:
    """The course overview, every lesson page, scenario step and quiz in one language: package path -> HTML.

    `languages` are all the package's languages: the overview offers the others.
    """
    stops = course_stops(version, language)
    common = _common(version, language, languages)
    with force_locale(language):
        first_files = {m.module_id: module_stops(m)[0].file for m in version.modules_in(language) if module_stops(m)}
        pages = {course_start(language): render_template("scorm/course.html", stops=stops, first_files=first_files, **common)}
        for index, stop in enumerate(stops):
            following = stops[index + 1] if index + 1 < len(stops) else None
            if stop.step is not None:  # a scenario's start: its steps follow from its choices
                pages.update(scenario_pages(stop.module, stop.scenario, following, common))
            else:
                pages[stop.path] = _stop_page(stop, following, common)
    return {path: _with_packaged_assets(html, version.course_id) for path, html in pages.items()}


def launch_page(version: PublishedVersion, languages: tuple[str, ...], plan: dict) -> str:
    """The page the learning system launches: it frames the course and holds the SCORM connection."""
    first = LANGUAGE_PAGE if len(languages) > 1 else course_start(languages[0])
    with force_locale(version.language):
        return render_template("scorm/launch.html", first=first, plan=plan, **_common(version, version.language, languages))


def language_choice_page(version: PublishedVersion, languages: tuple[str, ...]) -> str:
    """Where a package with several languages starts: each language named in itself."""
    choices = [(language, native_name(language), course_start(language), version.text_in(language)) for language in languages]
    with force_locale(version.language):
        return render_template("scorm/languages.html", choices=choices, **_common(version, version.language, languages))


def _common(version: PublishedVersion, language: str, languages: tuple[str, ...]) -> dict:
    """What every package template needs, given explicitly: a package page has no request behind it."""
    return {
        "version": version,
        "language": language,
        "languages": languages,
        "course_text": version.text_in(language),
        "interface_language": language,
        "text_direction": text_direction(language),
        "direction_of": text_direction,
    }


def _stop_page(stop: Stop, following: Stop | None, common: dict) -> str:
    module = stop.module
    next_file, next_label = _next_step(stop, following)
    folder_root = "../"
    if stop.is_quiz:
        return render_template(
            "scorm/quiz.html", stop=stop, module=module, next_file=next_file, root=folder_root,
            answer_key=answer_key(module, common["version"].pass_mark), kind_of=kind_of, **common,
        )
    return render_template(
        "scorm/page.html", stop=stop, module=module, page=module.pages[stop.page_number - 1], page_number=stop.page_number,
        previous_file=Stop(module, stop.page_number - 1).file if stop.page_number > 1 else None,
        next_file=next_file, next_label=next_label, root=folder_root,
        card=module.version.help_card_in(module.language) if stop.page_number == module.page_count else None,
        **common,
    )


def _next_step(stop: Stop, following: Stop | None) -> tuple[str, str]:
    """Where the page's main button leads, and its words (in the page's language)."""
    if following is None:
        return "index.html", gettext("Back to the course")
    if following.module is stop.module and following.is_quiz:
        return following.file, gettext("Go to the quiz")
    return following.file, gettext("Next")


def _with_packaged_assets(html: str, course_id: str) -> str:
    """A language's page with its links to the course's files (images in pages, questions, scenario
    steps) pointing into the package instead of the site."""
    served = re.escape(asset_url(course_id, ASSETS))
    return re.sub(rf'(\s(?:src|href)="){served}', rf"\g<1>../{ASSETS}", html)


def answer_key(module: PublishedModule, pass_mark: int) -> dict:
    """What the browser needs to grade the quiz: the right options, how many to ask, the pass mark.

    This is the answer key in the page, readable by anyone who opens the file: the
    reason a SCORM completion is weaker evidence than a Signaal certificate.
    Scores and their words are worked out here, as Signaal's result page does.
    """
    quiz = module.quiz
    asked = quiz.asked
    percents = [round(100 * right / asked) for right in range(asked + 1)]
    return {
        "module": module.module_id,
        "passMark": pass_mark,
        "ask": asked,
        "right": {q.id: [i for i, option in enumerate(q.options) if option.correct] for q in quiz.questions},
        "percents": percents,
        "scores": [
            gettext("%(right)d of %(total)d answers right (%(percent)d%%).", right=right, total=asked, percent=percent)
            for right, percent in enumerate(percents)
        ],
    }
