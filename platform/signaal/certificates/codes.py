"""Certificate codes: random, easy to read aloud, and checked for typos.

A code is 80 random bits written as 16 Crockford base32 characters, followed
by one check character from the same alphabet, grouped by four:
``7K3M-Q9TX-2HCW-5RJD-8``. Crockford's alphabet leaves out I, L, O and U, so a
code read over the phone or copied from paper cannot be confused letter for
digit; the look-alikes a person may still type are mapped back (I and L to 1,
O to 0). Every character of a code is a letter or digit, so it can be typed on
any phone keyboard and put in a web address as it is.

The check character is Luhn mod N with N = 32 (the Luhn algorithm over base
32, as ISO/IEC 7812 does over base 10). It catches:

* every single wrong character, anywhere in the code, check character
  included — the doubling step is a permutation of the 32 values, so any
  change of one character changes the sum;
* every swap of two neighbouring characters, check character included,
  except swapping a ``0`` and a ``Z`` (values 0 and 31) — the one pair for
  which doubling-then-folding changes the sum by the same amount as leaving
  both in place.

Other mistakes (two wrong characters, a jump transposition) are caught with
probability 31/32. A caught mistake is reported as a typo: that says nothing
about which codes exist, only that the typed text cannot be a code.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BASE = len(ALPHABET)  # 32

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
    data = _encode(secrets.randbits(RANDOM_BITS), DATA_LENGTH)
    return _group(data + check_character(data))


def normalise_code(raw: str) -> str:
    """Return the canonical grouped form of a code as a person typed it.

    Raises MalformedCode when the text cannot be a code and CodeTypo when it
    has the shape of a code but a character was mistyped.
    """
    symbols = _strip_typing_variations(raw)
    _require_code_shape(symbols)
    if not has_valid_check(symbols):
        raise CodeTypo(
            "This certificate code contains a typing mistake. "
            "Please compare it character by character with the certificate."
        )
    return _group(symbols)


def check_character(data: str) -> str:
    """Return the Luhn mod 32 check character for canonical data characters."""
    # The check character will stand to the right of the data, so the
    # rightmost data character is the first one to be doubled.
    total = _luhn_sum(data, double_first=True)
    return ALPHABET[(BASE - total % BASE) % BASE]


def has_valid_check(symbols: str) -> bool:
    """Tell whether canonical symbols, check character last, pass the Luhn mod 32 check."""
    return _luhn_sum(symbols, double_first=False) % BASE == 0


def _luhn_sum(symbols: str, *, double_first: bool) -> int:
    total, double = 0, double_first
    for symbol in reversed(symbols):
        addend = ALPHABET.index(symbol) * (2 if double else 1)
        total += addend // BASE + addend % BASE  # fold back into one base-32 digit
        double = not double
    return total


def _strip_typing_variations(raw: str) -> str:
    return raw.upper().translate(SEPARATORS).translate(LOOK_ALIKES)


def _require_code_shape(symbols: str) -> None:
    if len(symbols) != CODE_LENGTH:
        raise MalformedCode(
            f"A certificate code has {CODE_LENGTH} letters and digits; "
            f"this one has {len(symbols)}."
        )
    foreign = sorted({symbol for symbol in symbols if symbol not in ALPHABET})
    if foreign:
        raise MalformedCode(f"A certificate code never contains: {' '.join(foreign)}")


def _encode(value: int, length: int) -> str:
    symbols = []
    for _ in range(length):
        value, digit = divmod(value, BASE)
        symbols.append(ALPHABET[digit])
    return "".join(reversed(symbols))


def _group(symbols: str) -> str:
    return "-".join(
        symbols[start : start + GROUP_SIZE] for start in range(0, len(symbols), GROUP_SIZE)
    )
