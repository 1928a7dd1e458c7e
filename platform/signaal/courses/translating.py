"""Build a course in each offered language from its source and its translation catalogs.

For each language the module files are rebuilt with every segment replaced
by its translation, then compiled by the same stages as the source. A
segment without a usable translation (none, fuzzy, or with broken markup)
keeps the source text, marked with the source language. Only the segments
change, so pages, questions, options and the answer key are the source's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from .compiled import Course, Module
from .links import CourseLinks
from .problems import Problem, has_errors, warning
from .reading import CourseFiles, ModuleFile
from .segments import ALT, YAML_TITLE, Segment, module_segments, rebuild_module
from .source_fallback import mark_source
from .help_card import help_card_segments, translate_help_card
from .translation_catalogs import catalog_name, catalog_path, course_text_segments, help_card_text, unreadable_catalog
from .translation_markup import MarkupChecker


@dataclass
class LanguageCatalog:
    """What one language's .po file offers for the current source segments."""

    language: str
    catalog: Catalog | None  # None when the file is missing or unreadable
    usable: dict[str, str] = field(default_factory=dict)  # source text -> translation shown
    broken: set[str] = field(default_factory=set)  # translated, but the markup is broken


def source_texts(files: CourseFiles) -> list[str]:
    """Every distinct segment text of the course, in reading order."""
    texts = [segment.text for segment in course_text_segments(files.course_yml or "").values()]
    texts += [segment.text for module in files.modules for segment in module_segments(module.text)]
    texts += [segment.text for segment in help_card_segments(help_card_text(files))]
    return list(dict.fromkeys(texts))


def read_language_catalog(files: CourseFiles, language: str, texts: set[str], checker: MarkupChecker, problems: list[Problem]) -> LanguageCatalog:
    """Read translations/<language>.po; report and set aside translations with broken markup."""
    data = files.files.get(catalog_name(language))
    path = catalog_path(files.folder, language)
    if data is None:
        return LanguageCatalog(language, None)
    try:
        catalog = read_po(io.BytesIO(data), locale=language, abort_invalid=True)
    except PoFileError as exc:
        problems.append(unreadable_catalog(path, exc))
        return LanguageCatalog(language, None)
    found = LanguageCatalog(language, catalog)
    for message in catalog:
        if not message.id or message.id not in texts or message.fuzzy or not isinstance(message.string, str) or not message.string.strip():
            continue
        # PO editors wrap long lines; inside a segment a line break would start new Markdown.
        translation = " ".join(message.string.split())
        trouble = checker.problem(message.id, translation)
        if trouble:
            problems.append(warning(path, message.lineno, f"{trouble}; until then the source text is shown"))
            found.broken.add(message.id)
        else:
            found.usable[message.id] = translation
    return found


def coverage(usable: int, total: int) -> int:
    """Whole percent translated, rounded down so 99.6% does not pass for complete."""
    return 100 if total == 0 else usable * 100 // total


def translate_course(files: CourseFiles, source: Course, links: CourseLinks, min_coverage: int, problems: list[Problem]) -> dict[str, Course]:
    """The course in every offered language whose translation reaches min_coverage percent."""
    texts = source_texts(files)
    checker = MarkupChecker()
    built = {}
    for language in source.languages[1:]:
        catalog = read_language_catalog(files, language, set(texts), checker, problems)
        if coverage(len(catalog.usable), len(texts)) < min_coverage:
            continue
        translated = build_language(files, source, language, catalog.usable, links)
        if translated is None:
            problems.append(warning(catalog_path(files.folder, language), None, "the translated course does not keep the structure of the source — check the translations of headings, lists and options; until then this language is not offered"))
            continue
        built[language] = translated
    return built


def build_language(files: CourseFiles, source: Course, language: str, usable: dict[str, str], links: CourseLinks) -> Course | None:
    """Compile the course with its segments translated; None if the structure came out different."""
    from .compiling import compile_modules  # compiling calls this module

    source_language = source.language
    untranslated_titles = set()

    def translate(segment: Segment, module_id: str) -> str:
        if segment.text in usable:
            return usable[segment.text]
        if segment.kind == YAML_TITLE:
            untranslated_titles.add(module_id)
        if segment.kind in (YAML_TITLE, ALT):
            return segment.text  # plain text: no element to carry the language
        return mark_source(segment.text, source_language, language)

    modules = tuple(
        ModuleFile(module.id, module.path, rebuild_module(module.text, lambda segment, id=module.id: translate(segment, id)))
        for module in files.modules
    )
    scratch: list[Problem] = []  # the source compilation has reported the source's problems
    compiled = compile_modules(replace(files, modules=modules), links, scratch)
    if has_errors(scratch) or structure(compiled) != structure(source.modules):
        return None
    compiled = [mark_title(module, source_language) if module.id in untranslated_titles else module for module in compiled]
    text_langs = {}

    def course_text(name: str, text: str | None) -> str | None:
        if text and text in usable:
            return usable[text]
        if text:
            text_langs[name] = source_language
        return text

    title, summary, audience = (course_text(name, getattr(source, name)) for name in ("title", "summary", "audience"))
    # The help card is plain text: untranslated lines stay in the source language, unmarked.
    help_card = translate_help_card(source.help_card, lambda text: usable.get(text, text)) if source.help_card else None
    return replace(source, title=title, summary=summary, audience=audience, modules=tuple(compiled), translations={}, text_langs=text_langs, help_card=help_card)


def mark_title(module: Module, language: str) -> Module:
    """An untranslated module title is also the title of the module's opening page."""
    pages = module.pages
    if pages and pages[0].title == module.title and pages[0].title_lang is None:
        pages = (replace(pages[0], title_lang=language), *pages[1:])
    return replace(module, title_lang=language, pages=pages)


def structure(modules) -> list:
    """What must be equal in every language: modules, page counts, questions, the answer key and scenario graphs."""
    return [
        (
            module.id,
            len(module.pages),
            [(q.id, q.kind, [option.correct for option in q.options]) for q in module.quiz.questions] if module.quiz else None,
            [scenario_graph(scenario) for scenario in module.scenarios],
        )
        for module in modules
    ]


def scenario_graph(scenario) -> tuple:
    """Where every choice leads, which steps end how, and the topics: the source's, in every language."""
    return (
        scenario.id,
        scenario.pass_rule,
        tuple((step.id, step.ending, tuple((choice.target, choice.topics) for choice in step.choices)) for step in scenario.steps),
    )
