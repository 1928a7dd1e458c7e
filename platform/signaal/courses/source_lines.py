"""Lines of a source file that remember where they are, so problems point at the real line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLines:
    lines: list[str]
    first_line: int  # 1-based line of lines[0] in the real file
