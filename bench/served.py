"""Shared by the benchmarks: the browser tests' served instance (tests/browser/live_server.py).

Importing this module puts the working tree's code first on the path, so a
benchmark measures this tree, whatever the virtualenv has installed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

from live_server import PASSWORD, LiveInstance, serve  # noqa: E402

__all__ = ["PASSWORD", "ROOT", "LiveInstance", "serve", "print_table", "machine_load"]


def machine_load() -> str:
    """How busy the machine was: other work on a 2-core machine lowers every figure."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def print_table(headers: list[str], rows: list[list]) -> None:
    """Print rows as a Markdown table (pastes straight into RESULTS.md)."""
    cells = [headers] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    line = lambda row: "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |"  # noqa: E731
    print(line(headers))
    print("| " + " | ".join("-" * w for w in widths) + " |")
    for row in cells[1:]:
        print(line(row))
