"""Split a module file into its YAML front matter and its Markdown body, and check the front matter.

Add a new module setting here, in MODULE_KEYS, and nowhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .problems import Problem, error
from .settings import Key, check_keys, iso_date, load_mapping, positive_int, text
from .source_lines import SourceLines

MODULE_KEYS: dict[str, Key] = {
    "title": Key(text, example="Signs of exploitation"),
    "minutes": Key(positive_int, default=None),  # how long the module takes, shown to participants
    "reviewed": Key(iso_date, default=None),  # when its facts were last checked
}

FENCE = "---"


def read_module_file(file_text: str, path: Path, problems: list[Problem]) -> tuple[dict[str, Any], SourceLines] | None:
    """Return the checked front matter and the Markdown body; None when the front matter is unusable."""
    lines = file_text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        problems.append(error(path, 1, "missing front matter — start the file with a --- line, then title: ..., then another --- line"))
        return None
    closing = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in (FENCE, "...")), None)
    if closing is None:
        problems.append(error(path, 1, "the front matter is never closed — add a --- line after the last setting"))
        return None
    mapping = load_mapping("\n".join(lines[1:closing]), path, 2, problems)
    if mapping is None:
        return None
    settings = check_keys(mapping, MODULE_KEYS, path, problems, missing_line=1)  # the opening --- line
    return settings, SourceLines(lines[closing + 1:], closing + 2)
