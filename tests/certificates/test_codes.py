import math
import re
from collections import Counter

import pytest

from signaal.certificates.codes import (
    ALPHABET,
    CodeTypo,
    MalformedCode,
    check_character,
    generate_code,
    has_valid_check,
    normalise_code,
)

GROUPED = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$")

# A fixed code whose check character is worked out in test_check_character_known_values.
SAMPLE = "7K3M-Q9TX-2HCW-5RJD"
SAMPLE_CODE = "7K3M-Q9TX-2HCW-5RJD-W"


def ungrouped(code: str) -> str:
    return code.replace("-", "")


def valid_code_from(data: str) -> str:
    return data + check_character(data)


def swapped(code: str, position: int) -> str:
    return code[:position] + code[position + 1] + code[position] + code[position + 2 :]


# Randomness and format


def test_generated_codes_are_distinct():
    codes = {generate_code() for _ in range(5000)}
    assert len(codes) == 5000


def test_generated_codes_are_grouped_canonical_and_only_letters_and_digits():
    for _ in range(500):
        code = generate_code()
        assert GROUPED.match(code), code
        assert set(ungrouped(code)) <= set(ALPHABET)
        assert normalise_code(code) == code


def test_alphabet_leaves_out_confusable_letters():
    assert len(ALPHABET) == len(set(ALPHABET)) == 32
    assert not set("ILOU") & set(ALPHABET)


def test_codes_carry_at_least_80_random_bits():
    data_length = len(ungrouped(generate_code())) - 1
    assert data_length * math.log2(len(ALPHABET)) >= 80


def test_every_symbol_is_used_in_every_data_position():
    # With 2,000 codes a symbol missing from a position would be a bias, not chance:
    # the chance of one given symbol never showing is (31/32)**2000 ≈ 3e-28.
    codes = [ungrouped(generate_code()) for _ in range(2000)]
    for position in range(16):
        assert {code[position] for code in codes} == set(ALPHABET)


def test_check_characters_are_spread_over_the_whole_alphabet():
    # The old mod-37 check put * ~ $ = U at the end of ~13 % of codes; now every
    # check character is an ordinary letter or digit, each about 1 in 32.
    counts = Counter(ungrouped(generate_code())[-1] for _ in range(6400))
    assert set(counts) == set(ALPHABET)
    # Expected 200 each; 100 is more than 7 standard deviations below.
    assert min(counts.values()) > 100


# The check character (Luhn mod 32)


@pytest.mark.parametrize(
    "data, expected",
    [
        # Nothing to add: 0 → "0".
        ("0000000000000000", "0"),
        # The rightmost data character is doubled: 1·2 = 2, check (32 − 2) mod 32 = 30 → "Y"
        # (0–9, A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 M20 N21 P22 Q23 R24 S25 T26 V27 W28 X29 Y30 Z31).
        ("0000000000000001", "Y"),
        # Z = 31, doubled 62 = 1·32 + 30, folded 1 + 30 = 31; check 32 − 31 = 1 → "1".
        ("000000000000000Z", "1"),
        # The second from the right is not doubled: 1, check 31 → "Z".
        ("0000000000000010", "Z"),
        # 7K3MQ9TX2HCW5RJD from the right, doubling every other one and folding:
        # D13→26, J18, R24→48→1+16=17, 5, W28→56→1+24=25, C12, H17→34→1+2=3, 2,
        # X29→58→1+26=27, T26, 9→18, Q23, M20→40→1+8=9, 3, K19→38→1+6=7, 7
        # sum 228 = 7·32 + 4; check 32 − 4 = 28 → "W".
        (ungrouped(SAMPLE), "W"),
    ],
)
def test_check_character_known_values(data, expected):
    assert check_character(data) == expected
    assert has_valid_check(data + expected)


def test_every_single_substitution_is_a_typo():
    codes = [ungrouped(SAMPLE_CODE)] + [ungrouped(generate_code()) for _ in range(20)]
    for code in codes:
        for position, original in enumerate(code):  # the check character included
            for replacement in ALPHABET.replace(original, ""):
                typed = code[:position] + replacement + code[position + 1 :]
                with pytest.raises(CodeTypo):
                    normalise_code(typed)


def test_every_adjacent_transposition_of_data_is_a_typo_except_0_and_z():
    # Every ordered pair of different symbols, at every pair of neighbouring data places.
    for first in ALPHABET:
        for second in ALPHABET.replace(first, ""):
            for position in range(15):
                data = "7K3MQ9TX2HCW5RJD"
                data = data[:position] + first + second + data[position + 2 :]
                typed = swapped(valid_code_from(data), position)
                if {first, second} == {"0", "Z"}:
                    # The one documented blind spot of Luhn mod 32: values 0 and 31.
                    assert normalise_code(typed)
                else:
                    with pytest.raises(CodeTypo):
                        normalise_code(typed)


def test_swapping_the_last_data_character_with_the_check_character_is_a_typo():
    tried = set()
    for last in ALPHABET:
        for first in ALPHABET:
            code = valid_code_from(first + "00000000000000" + last)
            pair = frozenset(code[-2:])
            if len(pair) == 1:
                continue
            tried.add(pair)
            if pair == {"0", "Z"}:
                continue
            with pytest.raises(CodeTypo):
                normalise_code(swapped(code, 15))
    assert len(tried) > 400  # most of the 496 unordered pairs


def test_only_0_and_z_escape_the_transposition_check():
    # The arithmetic behind the docstring: a swap of neighbours a, b goes unseen
    # exactly when doubling-then-folding changes a and b by the same amount.
    def fold(value):
        return (2 * value) // 32 + (2 * value) % 32

    blind = {
        frozenset((ALPHABET[a], ALPHABET[b]))
        for a in range(32)
        for b in range(32)
        if a != b and (fold(a) - a - fold(b) + b) % 32 == 0
    }
    assert blind == {frozenset("0Z")}


# What people type


@pytest.mark.parametrize(
    "typed",
    [
        "7K3M-Q9TX-2HCW-5RJD-W",
        "7k3m-q9tx-2hcw-5rjd-w",
        "7K3MQ9TX2HCW5RJDW",
        " 7K3M Q9TX 2HCW 5RJD W ",
        "7K-3MQ9 TX2HCW-5RJ-DW",
    ],
)
def test_normalise_accepts_case_and_spacing(typed):
    assert normalise_code(typed) == "7K3M-Q9TX-2HCW-5RJD-W"


def test_normalise_maps_look_alikes():
    data = "1000" + "0" * 12  # contains a one and zeros that people type as I, L, O
    canonical = normalise_code(valid_code_from(data))
    typed = "I" + "ooo" + "O" * 12 + canonical[-1]
    assert normalise_code(typed) == canonical
    assert normalise_code(typed.replace("I", "l")) == canonical
    assert normalise_code(typed.replace("I", "L")) == canonical
    assert normalise_code(typed.replace("I", "i")) == canonical


def test_u_is_never_part_of_a_code():
    with pytest.raises(MalformedCode, match="never contains: U"):
        normalise_code("0000-0000-0000-0014-U")


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "7K3M-Q9TX-2HCW-5RJD",  # check symbol forgotten
        "7K3M-Q9TX-2HCW-5RJD-WF",  # one too many
        "7K3M-Q9TX-2HCW-5RJD-W-7K3M",
        "7K3M-Q9TX-2HCW-5RJD-*",  # the old check symbols are gone
        "7K3M-Q9TX-2HCW-5RJÄ-F",  # letter outside the alphabet
        "7K3M_Q9TX_2HCW_5RJD_F",  # underscores are not separators
        "7K3M-Q9TX-2HCW-5R!D-F",
        "https://example.org/c/7K3M",
    ],
)
def test_malformed_inputs(typed):
    with pytest.raises(MalformedCode) as raised:
        normalise_code(typed)
    assert str(raised.value)  # a message a person can read


def test_errors_are_value_errors_with_messages():
    with pytest.raises(ValueError, match="typing mistake"):
        normalise_code("7K3M-Q9TX-2HCW-5RJD-G")
    with pytest.raises(ValueError, match="17 letters and digits"):
        normalise_code("7K3M")
    assert not issubclass(CodeTypo, MalformedCode)
    assert not issubclass(MalformedCode, CodeTypo)
