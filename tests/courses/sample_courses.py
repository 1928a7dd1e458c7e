"""Helpers to write small courses as real files in a test, so each test shows its input."""

from __future__ import annotations

import textwrap
from pathlib import Path

DATA = Path(__file__).parent.parent / "data" / "courses"

VALID_COURSE_YML = """\
title: Example course
language: en
"""

VALID_MODULE = """\
---
title: Introduction
---

Some text.

## Test yourself {.quiz}

### Is this a question?
- [x] Yes
- [ ] No

> It ends with a question mark.
"""


def write_files(folder: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write files into folder (text dedented); a None content writes nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    for relative, content in files.items():
        if content is None:
            continue
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return folder


def module(body: str, front_matter: str = "title: Introduction") -> str:
    """A module file: front matter on lines 1-3 (for one key), then the body from line 4."""
    return f"---\n{textwrap.dedent(front_matter).strip()}\n---\n{textwrap.dedent(body)}"


def messages(compilation, severity: str | None = None) -> list[str]:
    return [str(p) for p in compilation.problems if severity is None or p.severity == severity]
