"""Certificate codes: random, easy to read aloud, and checked for typos.

A code is 80 random bits written as 16 Crockford base32 characters, followed
by Crockford's check symbol (the value modulo 37). Crockford's alphabet leaves
out I, L, O and U, so a code read over the phone or copied from paper cannot
be confused letter for digit; the look-alikes a person may still type are
mapped back (I and L to 1, O to 0). Because 37 is prime and larger than the
base, the check symbol catches every single wrong character and every swap of
two neighbouring characters, so we can tell a typo from a code that does not
exist.

The check symbol can be one of five extra symbols (``* ~ $ = U``) for the
values 32 to 36, as Crockford defines it.
"""

from __future__ import annotations

import secrets

DATA_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = DATA_ALPHABET + "*~$=U"
CHECK_MODULUS = len(CHECK_ALPHABET)  # 37, a prime: see the module docstring

RANDOM_BITS = 80
DATA_LENGTH = 16  # 16 characters × 5 bits = 80 bits
CODE_LENGTH = DATA_LENGTH + 1
GROUP_SIZE = 4

# What people type instead of the canonical characters: Crockford's decoding rules.
LOOK_ALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
SEPARATORS = str.maketrans("", "", " -\t\u00a0\u2010\u2011\u2012\u2013\u2014")


class MalformedCode(ValueError):
    """The text cannot be a certificate code: wrong length or foreign characters."""


class CodeTypo(ValueError):
    """The text looks like a certificate code but its check character does not match."""


def generate_code() -> str:
    """Return a new random certificate code in its grouped, canonical form."""
    value = secrets.randbits(RANDOM_BITS)
    data = _encode(value, DATA_LENGTH)
    return _group(data + check_symbol(data))


def normalise_code(raw: str) -> str:
    """Return the canonical grouped form of a code as a person typed it.

    Raises MalformedCode when the text cannot be a code and CodeTypo when it
    has the shape of a code but a character was mistyped.
    """
    symbols = _strip_typing_variations(raw)
    _require_code_shape(symbols)
    data, check = symbols[:-1], symbols[-1]
    if any(symbol not in DATA_ALPHABET for symbol in data):
        # Only the last place may hold a check-only symbol (* ~ $ = U): one
        # elsewhere came from swapping the last two characters or a slip of
        # the finger, which is a typo rather than a made-up code.
        raise CodeTypo(_TYPO_MESSAGE)
    if check_symbol(data) != check:
        raise CodeTypo(_TYPO_MESSAGE)
    return _group(symbols)


def check_symbol(data: str) -> str:
    """Return Crockford's check symbol for canonical data characters."""
    return CHECK_ALPHABET[_decode(data) % CHECK_MODULUS]


_TYPO_MESSAGE = (
    "This certificate code contains a typing mistake. "
    "Please compare it character by character with the certificate."
)


def _strip_typing_variations(raw: str) -> str:
    return raw.upper().translate(SEPARATORS).translate(LOOK_ALIKES)


def _require_code_shape(symbols: str) -> None:
    if len(symbols) != CODE_LENGTH:
        raise MalformedCode(
            f"A certificate code has {CODE_LENGTH} letters and digits; "
            f"this one has {len(symbols)}."
        )
    foreign = sorted({symbol for symbol in symbols if symbol not in CHECK_ALPHABET})
    if foreign:
        shown = " ".join(foreign)
        raise MalformedCode(
            f"A certificate code uses only letters and digits, not: {shown}"
        )


def _encode(value: int, length: int) -> str:
    symbols = []
    for _ in range(length):
        value, digit = divmod(value, len(DATA_ALPHABET))
        symbols.append(DATA_ALPHABET[digit])
    return "".join(reversed(symbols))


def _decode(data: str) -> int:
    value = 0
    for symbol in data:
        value = value * len(DATA_ALPHABET) + DATA_ALPHABET.index(symbol)
    return value


def _group(symbols: str) -> str:
    return "-".join(
        symbols[start : start + GROUP_SIZE] for start in range(0, len(symbols), GROUP_SIZE)
    )
