"""The glossaries: one file per language, shared by every course and the interface.

`translations/glossary/<lang>.yml` lists terms that must be translated one
way everywhere, so a participant meets the same word on the help card, in a
lesson and in a button. Each term has its English form (`en`), the accepted
translations (`expect`: forms or stems, any one will do) and the words
reviewers found wrong or misleading (`avoid`). A used translation (not fuzzy)
that breaks the glossary is a warning at its .po line, so `flask courses
check --strict` refuses it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from babel.messages.pofile import PoFileError, read_po

from .problems import Problem, error, warning
from .settings import Invalid, Key, check_keys, construct_mapping, load_mapping, text

GLOSSARY_FOLDER = "glossary"  # inside the interface's translations/ folder


@dataclass(frozen=True)
class Term:
    en: str
    expect: tuple[str, ...]
    avoid: tuple[str, ...]
    line: int  # where the term starts in the glossary file


@dataclass(frozen=True)
class Glossary:
    path: Path
    terms: tuple[Term, ...]


def text_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise Invalid(f"must be a list of words, not {value!r} — e.g. [\"fișa de ajutor\"]")
    return tuple(text(item) for item in value)


TERM_KEYS: dict[str, Key] = {
    "en": Key(text, example="\"help card\""),
    "expect": Key(text_list, default=()),  # accepted translations or their stems
    "avoid": Key(text_list, default=()),  # wrong or misleading words
    "note": Key(text, default=None),  # why, for the translator
}


def glossary_path(folder: Path, language: str) -> Path:
    return Path(folder) / f"{language}.yml"


def read_glossary(path: Path, problems: list[Problem]) -> Glossary | None:
    """The glossary at path, or None when there is none or it has errors (reported)."""
    if not path.is_file():
        return None
    found: list[Problem] = []
    source = path.read_text(encoding="utf-8")
    mapping = load_mapping(source, path, 1, found)
    terms = []
    if mapping is not None:
        if set(mapping.values) - {"terms"}:
            found.append(error(path, 1, "a glossary has one key, terms: — put each term under it as \"- en: ...\""))
        loader = yaml.SafeLoader(source)
        try:
            root = loader.get_single_node()
            nodes = next((value.value for key, value in root.value if key.value == "terms" and isinstance(value, yaml.SequenceNode)), []) if isinstance(root, yaml.MappingNode) else []
            for node in nodes:
                terms.append(read_term(node, loader, path, found))
        finally:
            loader.dispose()
    problems.extend(found)
    if mapping is None or any(problem.severity == "error" for problem in found):
        return None
    return Glossary(path, tuple(terms))


def read_term(node: yaml.Node, loader: yaml.SafeLoader, path: Path, problems: list[Problem]) -> Term:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        problems.append(error(path, line, "a term is \"- en: ...\" with expect: and/or avoid: under it"))
        return Term("", (), (), line)
    found: list[Problem] = []
    values = check_keys(construct_mapping(loader, node, path, 1, found), TERM_KEYS, path, found, missing_line=line)
    problems.extend(found)
    return Term(values["en"] or "", values["expect"], values["avoid"], line)


def term_problem(catalog_path: Path, line: int | None, source: str, translation: str, glossary: Glossary, term: Term) -> Problem | None:
    """What is wrong with one translation under one term, or None."""
    lowered = translation.casefold()
    where = f"{glossary.path.name}:{term.line}"
    for word in term.avoid:
        if word.casefold() in lowered:
            better = f"write {' or '.join(repr(w) for w in term.expect[:2])}" if term.expect else "choose another word"
            return warning(catalog_path, line, f"\"{word}\" is on the glossary's avoid list for \"{term.en}\" ({where}) — {better}")
    if term.expect and term.en.casefold() in source.casefold() and not any(word.casefold() in lowered for word in term.expect):
        return warning(catalog_path, line, f"\"{term.en}\" is not translated as the glossary says ({where}) — use {' or '.join(repr(w) for w in term.expect[:3])}")
    return None


def check_catalog_terms(catalog_path: Path, data: bytes, glossary: Glossary, problems: list[Problem]) -> None:
    """Hold the used translations of one .po file to the glossary."""
    try:
        catalog = read_po(io.BytesIO(data))
    except (PoFileError, ValueError, UnicodeDecodeError):
        return  # the translation check reports it
    for message in catalog:
        if not message.id or message.fuzzy or not isinstance(message.string, str) or not message.string:
            continue
        source = message.id if isinstance(message.id, str) else " ".join(message.id)
        for term in glossary.terms:
            problem = term_problem(catalog_path, message.lineno, source, message.string, glossary, term)
            if problem:
                problems.append(problem)
                break


def check_course_glossaries(folder: Path, catalogs: dict[str, bytes], glossary_folder: Path, problems: list[Problem]) -> None:
    """Hold each translations/<lang>.po of a course to translations/glossary/<lang>.yml."""
    for name, data in sorted(catalogs.items()):
        language = Path(name).stem
        glossary = read_glossary(glossary_path(glossary_folder, language), problems)
        if glossary is not None:
            check_catalog_terms(Path(folder) / name, data, glossary, problems)


def check_interface_glossaries(translations_path: Path, problems: list[Problem]) -> None:
    """Hold the interface catalogs (translations/<lang>/LC_MESSAGES/messages.po) to the same glossaries."""
    folder = Path(translations_path) / GLOSSARY_FOLDER
    for catalog_path in sorted(Path(translations_path).glob("*/LC_MESSAGES/messages.po")):
        language = catalog_path.parts[-3]
        glossary = read_glossary(glossary_path(folder, language), problems)
        if glossary is not None:
            check_catalog_terms(catalog_path, catalog_path.read_bytes(), glossary, problems)
