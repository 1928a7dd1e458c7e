"""Problems found in a course: what a trainer reads as `file:line: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # for the editor only (e.g. a fact still to verify); never blocks


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the current directory when the file is under it
    line: int | None  # 1-based, into the real file
    message: str  # "what is wrong — what to do"
    severity: str = ERROR  # "error" | "warning" | "note"

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


def error(path: Path, line: int | None, message: str) -> Problem:
    """Return an error: the course cannot be published until it is fixed."""
    return Problem(display_path(path), line, message, ERROR)


def warning(path: Path, line: int | None, message: str) -> Problem:
    """Return a warning: publishable, but probably not what the trainer meant."""
    return Problem(display_path(path), line, message, WARNING)


def note(path: Path, line: int | None, message: str) -> Problem:
    """Return a note: shown to the trainer by the check, never blocks publishing."""
    return Problem(display_path(path), line, message, NOTE)


def has_errors(problems: list[Problem]) -> bool:
    """Tell whether any of the problems blocks publishing."""
    return any(problem.severity == ERROR for problem in problems)


def display_path(path: Path) -> str:
    """Show a path the way the trainer typed it: relative when under the current directory."""
    absolute = Path(path).absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)
