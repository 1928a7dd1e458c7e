"""A sample help card, and publishing a course folder in a test: shared by the content tests."""

from __future__ import annotations

import datetime
from pathlib import Path

from signaal.courses.publishing import publish_course

# Recent, so the fact gate never finds the sample card outdated, whenever the tests run.
CHECKED = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
HELP_CARD = f"""\
checked: {CHECKED}
title: "Where to get help"
steps:
  - "Danger right now? Call 112."
  - "Write down your working hours."
contacts:
  - name: "Emergency"
    what: "Danger right now"
    phone: "112"
    url: "https://www.politie.nl"
  - name: "Labour Authority"
    phone: "0800 5151 (free)"
  - name: "Your region's contact"
    phone: "ask at the town hall"
facts:
  - name: "Minimum wage"
    value: "EUR 14.71 per hour"
    source: "https://www.rijksoverheid.nl/onderwerpen/minimumloon"
"""


def publish(folder: Path):
    outcome = publish_course(folder)
    assert not outcome.failed, [str(p) for p in outcome.problems]
    return outcome.version
