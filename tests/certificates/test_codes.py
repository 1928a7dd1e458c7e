import math
import re

import pytest

from signaal.certificates.codes import (
    CHECK_ALPHABET,
    DATA_ALPHABET,
    CodeTypo,
    MalformedCode,
    check_symbol,
    generate_code,
    normalise_code,
)

GROUPED = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=]$")

# A fixed code whose check symbol is worked out in test_check_symbol_known_values.
SAMPLE = "7K3M-Q9TX-2HCW-5RJD"


def ungrouped(code: str) -> str:
    return code.replace("-", "")


def valid_code_from(data: str) -> str:
    return data + check_symbol(data)


# Randomness and format


def test_generated_codes_are_distinct():
    codes = {generate_code() for _ in range(5000)}
    assert len(codes) == 5000


def test_generated_codes_are_grouped_and_canonical():
    for _ in range(500):
        code = generate_code()
        assert GROUPED.match(code), code
        assert all(symbol in DATA_ALPHABET for symbol in ungrouped(code)[:-1])
        assert normalise_code(code) == code


def test_data_alphabet_leaves_out_confusable_letters():
    assert len(DATA_ALPHABET) == len(set(DATA_ALPHABET)) == 32
    assert not set("ILOU") & set(DATA_ALPHABET)


def test_codes_carry_at_least_80_random_bits():
    data_length = len(ungrouped(generate_code())) - 1
    bits = data_length * math.log2(len(DATA_ALPHABET))
    assert bits >= 80


def test_every_data_symbol_and_position_is_used():
    # With 2,000 codes a symbol missing from a position would be a bias, not chance:
    # the chance of one given symbol never showing is (31/32)**2000 ≈ 3e-28.
    codes = [ungrouped(generate_code()) for _ in range(2000)]
    for position in range(16):
        assert {code[position] for code in codes} == set(DATA_ALPHABET)


# The check symbol


@pytest.mark.parametrize(
    "data, expected",
    [
        # value 0 → 0 mod 37 = 0 → "0"
        ("0000000000000000", "0"),
        # value 1 → "1"
        ("0000000000000001", "1"),
        # "10" = 1·32 = 32 → 32 mod 37 = 32 → first extra symbol "*"
        ("0000000000000010", "*"),
        # "14" = 32 + 4 = 36 → "U", the last symbol
        ("0000000000000014", "U"),
        # "15" = 32 + 5 = 37 → 0 → "0"
        ("0000000000000015", "0"),
        # "100" = 32² = 1024 = 27·37 + 25 → 25 is "S" (0–9, A10 … R24 S25)
        ("0000000000000100", "S"),
        # all Z = 2**80 − 1; 2 has order 36 modulo 37 and 80 = 2·36 + 8,
        # so 2**80 ≡ 2**8 = 256 = 6·37 + 34 ≡ 34, and 2**80 − 1 ≡ 33 → "~"
        ("ZZZZZZZZZZZZZZZZ", "~"),
        # 7K3MQ9TX2HCW5RJD: worked out with Horner's rule modulo 37, each
        # step (previous·32 + digit) mod 37, digits 7 K19 3 M20 Q23 9 T26 X29
        # 2 H17 C12 W28 5 R24 J18 D13:
        # 7 → 7·32+19=243≡21 → 21·32+3=675≡9 → 9·32+20=308≡12 → 12·32+23=407≡0
        # → 0·32+9=9 → 9·32+26=314≡18 → 18·32+29=605≡13 → 13·32+2=418≡11
        # → 11·32+17=369≡36 → 36·32+12=1164≡17 → 17·32+28=572≡17
        # → 17·32+5=549≡31 → 31·32+24=1016≡17 → 17·32+18=562≡7
        # → 7·32+13=237≡15 → 15 is "F"
        (ungrouped(SAMPLE), "F"),
    ],
)
def test_check_symbol_known_values(data, expected):
    assert check_symbol(data) == expected


def test_every_single_substitution_is_a_typo():
    code = valid_code_from(ungrouped(SAMPLE))
    for position, original in enumerate(code):
        alphabet = CHECK_ALPHABET if position == len(code) - 1 else DATA_ALPHABET
        for replacement in alphabet:
            if replacement == original:
                continue
            typed = code[:position] + replacement + code[position + 1 :]
            with pytest.raises(CodeTypo):
                normalise_code(typed)


def test_every_single_substitution_is_a_typo_for_random_codes():
    for _ in range(20):
        code = ungrouped(generate_code())
        for position in range(len(code) - 1):
            for replacement in DATA_ALPHABET.replace(code[position], ""):
                typed = code[:position] + replacement + code[position + 1 :]
                with pytest.raises(CodeTypo):
                    normalise_code(typed)


def test_every_adjacent_transposition_is_a_typo():
    # Includes swapping the last data character with the check symbol, and
    # codes whose check symbol is one of the extra symbols.
    codes = [valid_code_from(ungrouped(SAMPLE))]
    codes += [ungrouped(generate_code()) for _ in range(200)]
    codes += [valid_code_from("0000000000000010"), valid_code_from("ZZZZZZZZZZZZZZZZ")]
    for code in codes:
        for position in range(len(code) - 1):
            first, second = code[position], code[position + 1]
            if first == second:
                continue
            typed = code[:position] + second + first + code[position + 2 :]
            with pytest.raises(CodeTypo):
                normalise_code(typed)


# What people type


@pytest.mark.parametrize(
    "typed",
    [
        "7K3M-Q9TX-2HCW-5RJD-F",
        "7k3m-q9tx-2hcw-5rjd-f",
        "7K3MQ9TX2HCW5RJDF",
        " 7K3M Q9TX 2HCW 5RJD F ",
        "7K-3MQ9 TX2HCW-5RJ-DF",
    ],
)
def test_normalise_accepts_case_and_spacing(typed):
    assert normalise_code(typed) == "7K3M-Q9TX-2HCW-5RJD-F"


def test_normalise_maps_look_alikes():
    data = "1000" + "0" * 12  # contains a one and zeros that people type as I, L, O
    canonical = normalise_code(valid_code_from(data))
    typed = "I" + "ooo" + "O" * 12 + canonical[-1]
    assert normalise_code(typed) == canonical
    assert normalise_code(typed.replace("I", "l")) == canonical
    assert normalise_code(typed.replace("I", "L")) == canonical
    assert normalise_code(typed.replace("I", "i")) == canonical


def test_normalise_accepts_lowercase_u_check_symbol():
    code = valid_code_from("0000000000000014")
    assert code.endswith("U")
    assert normalise_code(code.lower()) == "0000-0000-0000-0014-U"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "7K3M-Q9TX-2HCW-5RJD",  # check symbol forgotten
        "7K3M-Q9TX-2HCW-5RJD-FF",  # one too many
        "7K3M-Q9TX-2HCW-5RJD-F-7K3M",
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
