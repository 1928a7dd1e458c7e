"""Read YAML settings (course.yml, module front matter) and check them against a table of known keys.

A table maps each key to a `Key` (how to check it, its default), so a new
setting is one line in one table. Lines are kept per key so every problem
points at the line the trainer has to change.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import babel
import yaml

from .problems import Problem, error

REQUIRED = object()


class Invalid(ValueError):
    """A value a trainer wrote does not fit its key; the text says why and what to write."""


@dataclass(frozen=True)
class Key:
    check: Callable[[Any], Any]  # returns the cleaned value or raises Invalid
    default: Any = REQUIRED
    example: str = "..."  # shown when a required key is missing


@dataclass(frozen=True)
class YamlMapping:
    values: dict[str, Any]
    lines: dict[str, int]  # key -> 1-based line in the real file


def load_mapping(text: str, path: Path, first_line: int, problems: list[Problem]) -> YamlMapping | None:
    """Parse YAML that must be a mapping; first_line is where the YAML starts in the real file."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlMapping({}, {})
        if not isinstance(node, yaml.MappingNode):
            problems.append(error(path, node.start_mark.line + first_line, f"expected \"key: value\" lines but found {describe_node(node)} — write one setting per line, like title: My course"))
            return None
        return construct_mapping(loader, node, path, first_line, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        problems.append(error(path, line, f"invalid YAML: {exc.problem or exc.context} — check the indentation, and put text containing \": \" or \" #\" in quotes"))
    except yaml.YAMLError as exc:
        problems.append(error(path, None, f"invalid YAML: {exc} — check the file's syntax"))
    finally:
        loader.dispose()
    return None


def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, path: Path, first_line: int, problems: list[Problem]) -> YamlMapping:
    """Build the mapping key by key, so duplicates and bad values get their own line."""
    values, lines = {}, {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + first_line
        if key in values:
            problems.append(error(path, line, f"key \"{key}\" appears twice (first on line {lines[key]}) — keep one"))
            continue
        try:
            values[key] = loader.construct_object(value_node, deep=True)
        except ValueError as exc:  # e.g. a date like 2024-13-01
            problems.append(error(path, line, f"{key} has an invalid value: {exc} — correct it"))
            continue
        lines[key] = line
    return YamlMapping(values, lines)


def describe_node(node: yaml.Node) -> str:
    return "a list" if isinstance(node, yaml.SequenceNode) else f"the text {node.value!r}"


def check_keys(mapping: YamlMapping, table: dict[str, Key], path: Path, problems: list[Problem], missing_line: int | None = None) -> dict[str, Any]:
    """Return every key of the table with its checked value or default; report unknown, missing and invalid keys.

    A missing key has no line of its own: it is reported at missing_line (e.g. where the front matter starts).
    """
    checked = {}
    for key in mapping.values:
        if key not in table:
            problems.append(error(path, mapping.lines.get(key), unknown_key_message(key, table)))
    for key, spec in table.items():
        value = mapping.values.get(key)
        if value is None:
            if spec.default is REQUIRED:
                problems.append(error(path, mapping.lines.get(key, missing_line), f"missing required key \"{key}\" — add a line like {key}: {spec.example}"))
            checked[key] = None if spec.default is REQUIRED else spec.default
            continue
        try:
            checked[key] = spec.check(value)
        except Invalid as exc:
            problems.append(error(path, mapping.lines.get(key), f"{key} {exc}"))
            checked[key] = None if spec.default is REQUIRED else spec.default
    return checked


def unknown_key_message(key: str, table: dict[str, Key]) -> str:
    nearest = difflib.get_close_matches(key, table, n=1, cutoff=0.6)
    if nearest:
        return f"unknown key \"{key}\" — did you mean \"{nearest[0]}\"?"
    return f"unknown key \"{key}\" — the known keys are {', '.join(table)}"


# Checks for the tables. Each returns the cleaned value or raises Invalid.

def text(value: Any) -> str:
    # YAML reads `title: 1984` as a number; the trainer still meant text.
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Invalid(f"must be text, not {value!r} — put it in quotes")
    cleaned = str(value).strip()
    if not cleaned:
        raise Invalid("is empty — write some text")
    return cleaned


def positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Invalid(f"must be a whole number above 0, not {value!r} — e.g. 15")
    return value


def percent(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise Invalid(f"must be a whole number from 0 to 100 (a percentage), not {value!r} — e.g. 80, without %")
    return value


def locale_code(value: Any) -> str:
    # `language: no` (Norwegian) reads as False in YAML, hence the hint about quotes.
    if not isinstance(value, str):
        raise Invalid(f"must be a locale code such as en, nl or pt_BR, not {value!r} — put the code in quotes")
    try:
        return str(babel.Locale.parse(value.strip().replace("-", "_")))
    except (ValueError, babel.UnknownLocaleError):
        raise Invalid(f"has an unknown locale code \"{value}\" — use a code such as en, nl or pt_BR") from None


def locale_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise Invalid(f"must be a list of locale codes, not {value!r} — e.g. [en, nl]")
    return tuple(dict.fromkeys(locale_code(item) for item in value))


def iso_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise Invalid(f"must be a date written as YYYY-MM-DD, not {value!r} — e.g. 2024-05-31") from None
