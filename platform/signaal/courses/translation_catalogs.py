"""The gettext catalogs of a course: `courses/<id>/translations/<lang>.po`, one per offered language.

The template (every segment of course.yml and the modules, with its file and
line) is built from the source each time; each language's catalog is updated
from it with Babel's merge, so a changed source segment keeps its old
translation marked fuzzy, and a translator's work is never thrown away.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError

from ..languages.po_format import catalog_bytes, read_catalog, update_catalog
from .help_card import HELP_CARD_FILE, help_card_segments
from .problems import Problem, warning
from .reading import CourseFiles
from .segments import ALT, CHOICE_LABEL, TITLE, Segment, has_words, module_segments

TRANSLATIONS_FOLDER = "translations"
COURSE_TEXT_KEYS = ("title", "summary", "audience")  # the course.yml values participants read
HEADER = """\
# {language} translation of the course "{title}".
# NEEDS REVIEW by a native speaker before real use.
# (Remove the line above once a native speaker has reviewed it.)
# Keep **bold**, *italic*, `code`, [text](address) links and HTML
# tags as they are: translate only the words."""
# i18n-style notes for the translator, by kind of segment.
KIND_NOTES = {TITLE: "heading", ALT: "image description (alt text)", CHOICE_LABEL: "scenario choice: what the person does (where it leads stays as in the source)"}


def catalog_path(folder: Path, language: str) -> Path:
    return Path(folder) / TRANSLATIONS_FOLDER / f"{language}.po"


def catalog_name(language: str) -> str:
    """The catalog's path inside the course folder, as a key of CourseFiles.files."""
    return f"{TRANSLATIONS_FOLDER}/{language}.po"


def course_text_segments(course_yml: str) -> dict[str, Segment]:
    """The course title, summary and audience from course.yml, with their lines."""
    try:
        node = yaml.compose(course_yml, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    found = {}
    for key, value in getattr(node, "value", None) or []:
        name = getattr(key, "value", None)
        if name in COURSE_TEXT_KEYS and isinstance(value, yaml.ScalarNode) and has_words(str(value.value)):
            found[name] = Segment(str(value.value).strip(), key.start_mark.line + 1)
    return found


def template_catalog(files: CourseFiles) -> Catalog:
    """Every segment of the course, each with the places it comes from."""
    template = Catalog(fuzzy=False)
    for name, segment in course_text_segments(files.course_yml or "").items():
        template.add(segment.text, locations=[("course.yml", segment.line)], auto_comments=[f"course {name}"])
    for module in files.modules:
        for segment in module_segments(module.text):
            add_segment(template, segment, module.path.name)
    for segment in help_card_segments(help_card_text(files)):
        add_segment(template, segment, HELP_CARD_FILE)
    return template


def help_card_text(files: CourseFiles) -> str:
    """help-card.yml as text; empty when there is none or it is not UTF-8 (the check reports that)."""
    try:
        return files.files.get(HELP_CARD_FILE, b"").decode("utf-8-sig")
    except UnicodeDecodeError:
        return ""


def add_segment(template: Catalog, segment: Segment, file_name: str) -> None:
    """Add a segment; the same text in several places is one entry with several locations."""
    location = (file_name, segment.line)
    existing = template.get(segment.text)
    if existing is not None:
        existing.locations.append(location)
        return
    notes = [KIND_NOTES[segment.kind]] if segment.kind in KIND_NOTES else []
    template.add(segment.text, locations=[location], auto_comments=notes)


def merged_catalog(template: Catalog, po_bytes: bytes | None, language: str, title: str) -> Catalog:
    """The language's catalog updated to the template (a new one when po_bytes is None)."""
    if po_bytes is None:
        catalog = Catalog(locale=language, project=title, version="1", fuzzy=False, header_comment=HEADER.format(title=title, language=language_name(language)))
    else:
        catalog = read_catalog(po_bytes, locale=language, abort_invalid=True)
    before = {message.id: message.string for message in catalog if message.id and message.string}
    update_catalog(catalog, template)
    note_previous_ids(catalog, before)
    return catalog


def note_previous_ids(catalog: Catalog, before: dict[str, str]) -> None:
    """Keep the old source text of a translation that turned fuzzy (`#| msgid`), so PO editors show the change.

    Babel's merge finds the old entry but does not record it; the nearest old
    source text with the same translation is that entry.
    """
    for message in catalog:
        if not message.id or not message.fuzzy or message.previous_id or message.id in before:
            continue
        candidates = [old for old, string in before.items() if string == message.string]
        nearest = difflib.get_close_matches(message.id, candidates, n=1, cutoff=0)
        if nearest:
            message.previous_id = [nearest[0]]


def po_bytes_of(catalog: Catalog) -> bytes:
    # Course text is never a format string, but Babel flags any "25 % of" as python-format, and then
    # msgfmt and Poedit refuse a translation that writes "25 % van" as a broken format.
    for message in chain(catalog, catalog.obsolete.values()):
        message.flags.discard("python-format")
    # A fuzzy entry shows the old source text (`#| msgid`), so the translator sees what changed.
    return catalog_bytes(catalog, width=76)


@dataclass(frozen=True)
class ExtractOutcome:
    written: list[Path]
    problems: list[Problem]


def extract_catalogs(files: CourseFiles, title: str, languages: tuple[str, ...]) -> ExtractOutcome:
    """Write or update translations/<lang>.po for every offered language but the source (languages[0])."""
    template = template_catalog(files)
    written, problems = [], []
    for language in languages[1:]:
        path = catalog_path(files.folder, language)
        try:
            catalog = merged_catalog(template, files.files.get(catalog_name(language)), language, title)
        except PoFileError as exc:
            problems.append(unreadable_catalog(path, exc))
            continue
        content = po_bytes_of(catalog)
        if files.files.get(catalog_name(language)) != content:
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(content)
            written.append(path)
    return ExtractOutcome(written, problems)


def unreadable_catalog(path: Path, exc: PoFileError) -> Problem:
    return warning(path, exc.lineno + 1, f"cannot read this translation file ({exc}) — fix the line in a PO editor; until then the course is shown in its source language here")


def language_name(code: str) -> str:
    """The language's English name for the catalog header ("Polish"), or the code itself."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code
