"""Which passwords people may choose: hard to guess, nothing else.

zxcvbn estimates how many guesses an attacker needs, knowing the common
passwords, words, names, keyboard rows, dates and the person's own user
name. There are no composition rules (a capital, a digit, a symbol): they
make passwords harder to remember, not to guess (NIST SP 800-63B). The
explanation is our own sentence, so it is in the person's language.
"""

from __future__ import annotations

from flask_babel import gettext as _
from zxcvbn import zxcvbn

# zxcvbn's 3: about 10^8 guesses, "safely unguessable" against online guessing and
# expensive with the slow scrypt hash if the database were stolen.
SMALLEST_SCORE = 3
PATTERNS = {"repeat", "sequence", "spatial", "date"}


def password_problem(password: str, *, personal: list[str | None]) -> str | None:
    """Why this password is too easy to guess, in the reader's language; None when it is good.

    `personal`: the person's user name, name and e-mail address, which an attacker tries first.
    """
    words = [word for word in personal if word]
    estimate = zxcvbn(password, user_inputs=words)
    if estimate["score"] >= SMALLEST_SCORE:
        return None
    matches = estimate["sequence"]
    if any(m.get("dictionary_name") == "user_inputs" for m in matches):
        reason = _("It contains your user name, name or e-mail address.")
    elif any(m.get("dictionary_name") == "passwords" for m in matches):
        reason = _("It is one of the passwords that people use most, so it is tried first.")
    elif any(m["pattern"] in PATTERNS for m in matches):
        reason = _("Repeated characters, rows of keys, series such as 1234 and dates are easy to guess.")
    else:
        reason = _("It is too short or too common to be safe.")
    advice = _(
        "Try three or four words that do not belong together, or a short sentence only you know. "
        "Capitals, digits or symbols are not needed."
    )
    # Not inside the f-string: Babel's extractor does not look into f-strings, and the catalogs lost it.
    verdict = _("This password is too easy to guess.")
    return f"{verdict} {reason} {advice}"
