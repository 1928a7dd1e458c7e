"""User names: one spelling per name, and no name that looks like another.

A name is stored NFKC-normalised and case-folded ("Ａnna" and "ANNA" are
"anna"). Its skeleton, Unicode's test for "looks the same" (UTS #39: map
every character to the prototype it can be mistaken for), is stored in a
unique column, so "аdmin" with a Cyrillic а cannot join "admin". The
character data comes from confusable-homoglyphs, which ships Unicode's
confusables.txt as JSON: for a character, its look-alikes in both directions.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from confusable_homoglyphs.confusables import confusables_data


def normalise_username(username: str) -> str:
    """The stored spelling: NFKC, case-folded, without surrounding blanks."""
    folded = unicodedata.normalize("NFKC", username.strip()).casefold()
    return unicodedata.normalize("NFKC", folded)  # case folding can undo NFKC (UAX #31)


def username_skeleton(username: str) -> str:
    """What the name looks like: equal for two names a reader could mistake for each other."""
    prototypes = _prototypes()
    mapped = "".join(prototypes.get(c, c) for c in unicodedata.normalize("NFD", normalise_username(username)))
    # Folded again: the prototypes of 0 and I are the capitals O and l.
    return unicodedata.normalize("NFD", mapped).casefold()


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Character → its prototype, from the look-alike lists.

    Unicode's table maps each confusable character to one prototype; the JSON
    lists that link both ways. Each prototype with its confusables is a star:
    the prototype is the member linked to the others (or, in a pair, the
    multi-character string or the smaller code point), and every member maps to it.
    """
    groups: dict[str, set[str]] = {}
    for key, lookalikes in confusables_data.items():
        character = key.replace("\u200e", "")
        for entry in lookalikes:
            other = entry["c"].replace("\u200e", "")  # the data marks right-to-left characters
            if other and other != character:
                groups.setdefault(character, set()).add(other)
                groups.setdefault(other, set()).add(character)
    prototypes: dict[str, str] = {}
    for member, linked in groups.items():
        if len(member) != 1:
            continue
        if len(linked) > 1 or any(len(x) > 1 for x in linked):
            centre = member if len(linked) > 1 else next(iter(linked))
        else:
            (other,) = linked
            centre = other if len(groups.get(other, ())) > 1 else min(member, other)
        if centre != member:
            prototypes[member] = centre
    return prototypes
