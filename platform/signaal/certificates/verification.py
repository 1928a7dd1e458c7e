"""Looking up a typed certificate code for the public verification page.

The page must not help anyone find codes by trying. Every lookup, whatever
was typed, runs the same single query, so neither the database's work nor
the response time tells a typo from a well-formed code that does not exist,
nor a near-miss from any other miss. The only difference people see is the
one the typed text itself shows: a broken check character is a typo, a code
of the wrong length or with foreign characters is no code at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from .codes import CODE_LENGTH, CodeTypo, MalformedCode, normalise_code
from .models import Certificate
from .records import certificate_by_code

# Room for separators and spaces around the 17 characters; anything longer is no code.
LONGEST_TYPED = 3 * CODE_LENGTH

FOUND, NOT_FOUND, TYPO, NOT_A_CODE = "found", "not-found", "typo", "not-a-code"


@dataclass(frozen=True)
class Lookup:
    outcome: str  # FOUND, NOT_FOUND, TYPO or NOT_A_CODE
    certificate: Certificate | None = None


def look_up(typed: str) -> Lookup:
    """Find the certificate for a code as a person typed it."""
    typed = typed[:LONGEST_TYPED + 1]
    problem, key = None, typed
    try:
        key = normalise_code(typed)
    except CodeTypo:
        problem = TYPO
    except MalformedCode:
        problem = NOT_A_CODE
    # Also for a typo or non-code: the same query with text no stored code can
    # equal (a stored code is always canonical and passes its check).
    certificate = certificate_by_code(key)
    if problem:
        return Lookup(problem)
    return Lookup(FOUND, certificate) if certificate else Lookup(NOT_FOUND)
