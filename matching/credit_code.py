"""统一社会信用代码 (GB 32100-2015): 2 chars registration authority and type, 6-digit division code,
9-char organisation code (GB 11714, with its own check char) and a check char over the first 17."""

from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_CHAR_VALUE = {char: value for value, char in enumerate(CHARSET)}
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
CREDIT_CODE_LENGTH = 18


def check_char(first_17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a credit code."""
    total = sum(_CHAR_VALUE[char] * weight for char, weight in zip(first_17, _WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def organisation_check_char(body: str) -> str:
    """The GB 11714 check character for the 8-character body of an organisation code."""
    # GB 11714 values letters by their place in the full alphabet (A = 10 … Z = 35).
    total = sum(
        (int(char) if char.isdigit() else ord(char) - ord("A") + 10) * weight
        for char, weight in zip(body, _ORG_WEIGHTS, strict=True)
    )
    remainder = 11 - total % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def is_valid(code: str) -> bool:
    """18 chars from the charset, organisation code and overall check characters both right."""
    return (
        len(code) == CREDIT_CODE_LENGTH
        and all(char in _CHAR_VALUE for char in code)
        and code[2:8].isdigit()
        and organisation_check_char(code[8:16]) == code[16]
        and check_char(code[:17]) == code[17]
    )
