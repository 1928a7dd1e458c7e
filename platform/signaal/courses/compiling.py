"""Compile a course folder into a Course: the compiler's entry point.

The stages, in order: read the files (reading) → check course.yml
(course_settings) → per module, split front matter and sections, read the
quiz, render and sanitise (modules) → assemble the Course → compile it
again in every other offered language, segments translated (translating).
Each stage adds the problems it finds; any error means no Course.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from ..clock import today as clock_today
from .compiled import Course, HelpCard, Module
from .content_gate import check_course_content
from .glossary import check_course_glossaries
from .course_settings import read_course_settings
from .help_card import read_help_card
from .links import CourseLinks
from .modules import compile_module
from .problems import Problem, error, has_errors
from .reading import COURSE_FILE, COURSE_ID, MAX_ID_LENGTH, CourseFiles, find_course_folders, read_course_files, source_hash
from .translating import translate_course
from .translation_catalogs import TRANSLATIONS_FOLDER

__all__ = ["Compilation", "Problem", "compile_course", "find_course_folders"]


@dataclass(frozen=True)
class Compilation:
    course: Course | None  # None when there is any error
    problems: list[Problem] = field(default_factory=list)


# How old a reviewed:/checked: date may be; the app passes SIGNAAL_REVIEW_MONTHS where it has it.
DEFAULT_REVIEW_MONTHS = 12


def compile_course(
    folder: Path,
    asset_url: Callable[[str], str] | None = None,
    *,
    today: datetime.date | None = None,
    review_months: int = DEFAULT_REVIEW_MONTHS,
    glossary_folder: Path | None = None,
) -> Compilation:
    """Compile the course in folder; asset_url maps "assets/x.png" to the URL it is served at.

    today and review_months decide which reviewed:/checked: dates are outdated (see content_gate);
    with glossary_folder, the translations are held to its <lang>.yml glossaries.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    check_course_id(folder, problems)
    files = read_course_files(folder, problems)
    settings = read_course_settings(files.course_yml, folder / COURSE_FILE, problems) if files.course_yml is not None else None
    links = CourseLinks(frozenset(files.files), asset_url)
    modules = compile_modules(files, links, problems)
    help_card = read_help_card(folder, files.files, problems)
    check_course_content(files, today or clock_today(), review_months, problems)
    if glossary_folder is not None:
        catalogs = {name: data for name, data in files.files.items() if name.startswith(f"{TRANSLATIONS_FOLDER}/") and name.endswith(".po")}
        check_course_glossaries(folder, catalogs, glossary_folder, problems)
    if has_errors(problems) or settings is None:
        return Compilation(None, problems)
    course = assemble_course(folder.name, settings, modules, files, help_card)
    translations = translate_course(files, course, links, settings["min_coverage"], problems)
    return Compilation(replace(course, translations=translations), problems)


def check_course_id(folder: Path, problems: list[Problem]) -> None:
    if not COURSE_ID.match(folder.name):
        problems.append(error(folder, None, f"the folder name \"{folder.name}\" is not a valid course id — rename the folder using up to {MAX_ID_LENGTH} lowercase letters, digits and hyphens (e.g. labour-exploitation)"))


def compile_modules(files: CourseFiles, links: CourseLinks, problems: list[Problem]) -> list[Module]:
    """Compile every module file, in file-name order; module ids must be unique within the course."""
    if not files.modules:
        problems.append(error(files.folder, None, "the course has no modules — add module files named like 01-introduction.md"))
    modules, first_file = [], {}
    for file in files.modules:
        if file.id in first_file:
            problems.append(error(file.path, None, f"duplicate module id \"{file.id}\" (also {first_file[file.id]}) — rename one of the files"))
            continue
        first_file[file.id] = file.path.name
        module = compile_module(file, links, problems)
        if module is not None:
            modules.append(module)
    return modules


def assemble_course(course_id: str, settings: dict[str, Any], modules: list[Module], files: CourseFiles, help_card: HelpCard | None = None) -> Course:
    return Course(
        id=course_id,
        title=settings["title"],
        summary=settings["summary"],
        language=settings["language"],
        languages=settings["languages"],
        pass_mark=settings["pass_mark"],
        certificate_valid_months=settings["certificate_valid_months"],
        audience=settings["audience"],
        modules=tuple(modules),
        assets=files.assets,
        source_hash=source_hash(files.files),
        help_card=help_card,
        quick_exit=settings["quick_exit"],
        quiz_requires_reading=settings["quiz_requires_reading"],
        refresher=settings["refresher"],
    )
