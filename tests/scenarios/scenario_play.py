"""Playing the scenes test course the way a browser does: find a choice by its label, press it."""

from __future__ import annotations

import re


PLAY_URL = "/courses/scenes/house/scenarios/house-visit"
CHOICE_FORM = re.compile(
    r'<form method="post" action="(?P<action>[^"]+)" class="choice">\s*'
    r'<input type="hidden" name="csrf_token" value="(?P<csrf>[^"]+)">\s*'
    r'<input type="hidden" name="attempt" value="(?P<attempt>\d+)">\s*'
    r'<input type="hidden" name="step" value="(?P<step>[^"]+)">\s*'
    r'<input type="hidden" name="choice" value="(?P<choice>\d+)">\s*'
    r'<button type="submit">(?P<label>.*?)</button>'
)


def choice_forms(html: str) -> dict[str, dict[str, str]]:
    """The choice forms of a step page, by the label on their button."""
    return {match.group("label"): match.groupdict() for match in CHOICE_FORM.finditer(html)}


def press(client, label: str, url: str = PLAY_URL):
    """Press the choice button with this label on the scenario page, as a browser does; returns the form sent."""
    forms = choice_forms(client.get(url).get_data(as_text=True))
    assert label in forms, list(forms)
    form = forms[label]
    response = client.post(form["action"], data={name: form[name] for name in ("csrf", "attempt", "step", "choice")} | {"csrf_token": form["csrf"]})
    assert response.status_code == 303, response.get_data(as_text=True)
    return form
