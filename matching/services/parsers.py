"""Cell parsers for imported files: each turns text into a value or raises ValueError with a message
a person can act on (a `CellError` also carries its message code, for the user's language). Codes are
checked against the shipped reference data."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from matching import credit_code as credit_codes
from matching import reference
from matching.messages import render

Parser = Callable[[str], Any]


class CellError(ValueError):
    """A parser's complaint as a message code and parameters (`matching.messages`); its text is English."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(render(code, params, "en"))


LIST_SEPARATORS = re.compile(r"[;；、]")
# 2024 catalogue: discipline (2 digits) + class (2) + major (2), then T (特设), K (国家控制布点) or TK.
MAJOR_CODE = re.compile(r"^(\d{4})(\d{2})(T|K|TK)?$")
MAJOR_PREFIX = re.compile(r"^\d{2}(\d{2})?$")  # a discipline (2 digits) or a class (4)
PHONE = re.compile(r"^\+?[0-9][0-9 \-]{6,19}$")


def text(max_length: int) -> Parser:
    def parse(value: str) -> str:
        if len(value) > max_length:
            raise ValueError(f"is {len(value)} characters long; at most {max_length} allowed")
        return value

    return parse


def integer(minimum: int | None = 0, maximum: int | None = None) -> Parser:
    def parse(value: str) -> int:
        cleaned = value.replace(",", "")
        if cleaned.endswith(".0"):  # Excel writes whole numbers as 12.0
            cleaned = cleaned[:-2]
        try:
            number = int(cleaned)
        except ValueError:
            raise ValueError(f"'{value}' is not a whole number") from None
        if minimum is not None and number < minimum:
            raise ValueError(f"{number} is below the minimum {minimum}")
        if maximum is not None and number > maximum:
            raise ValueError(f"{number} is above the maximum {maximum}")
        return number

    return parse


def number(minimum: float | None = 0.0) -> Parser:
    def parse(value: str) -> float:
        try:
            result = float(value.replace(",", ""))
        except ValueError:
            raise ValueError(f"'{value}' is not a number") from None
        if result != result or result in (float("inf"), float("-inf")):
            raise ValueError(f"'{value}' is not a finite number")
        if minimum is not None and result < minimum:
            raise ValueError(f"{result:g} is below the minimum {minimum:g}")
        return result

    return parse


def iso_date(value: str) -> date:
    try:
        return (
            date.fromisoformat(value.strip()[:10]) if len(value.strip()) == 10 else date.fromisoformat(value)
        )
    except ValueError:
        raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD") from None


def iso_datetime(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a date and time; write it as YYYY-MM-DDTHH:MM:SS+08:00") from None


def choice(options: dict[str, str]) -> Parser:
    """One of the keys, or one of their Chinese names (the values)."""
    by_name = {name: key for key, name in options.items()}

    def parse(value: str) -> str:
        if value in options:
            return value
        if value in by_name:
            return by_name[value]
        allowed = ", ".join(f"{key} ({name})" for key, name in options.items())
        raise ValueError(f"'{value}' is not one of: {allowed}")

    return parse


def split_list(value: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(value) if part.strip()]


def list_of(item: Parser) -> Parser:
    def parse(value: str) -> list[Any]:
        items = [item(part) for part in split_list(value)]
        unique: list[Any] = []
        for entry in items:
            if entry not in unique:
                unique.append(entry)
        return unique

    return parse


def county_code(value: str) -> str:
    if not re.fullmatch(r"\d{6}", value):
        raise ValueError(f"'{value}' is not a 6-digit county code")
    if value not in reference.areas():
        raise ValueError(f"'{value}' is not a county-level code in the NBS 2023 list")
    return value


def place_code(value: str) -> str:
    """A county (6 digits), a city (4) or a province (2)."""
    if len(value) == 6:
        return county_code(value)
    if len(value) == 4 and value in reference.cities():
        return value
    if len(value) == 2 and value in reference.provinces():
        return value
    raise ValueError(f"'{value}' is not a known province (2-digit), city (4) or county (6) code")


def dandong_township_code(value: str) -> str:
    if value not in reference.dandong_townships():
        raise ValueError(f"'{value}' is not a Dandong township/street (乡镇/街道) code")
    return value


def dandong_village_code(value: str) -> str:
    if not re.fullmatch(r"\d{12}", value):
        raise ValueError(f"'{value}' is not a 12-digit village division code")
    if value not in {v.code for v in reference.dandong_villages()}:
        raise ValueError(f"'{value}' is not a Dandong village-level code in the NBS 2023 list")
    return value


def industry_code(value: str) -> str:
    if value not in reference.industries():
        raise ValueError(f"'{value}' is not a GB/T 4754-2017 industry code")
    return value


def major_code(value: str) -> str:
    """A 2024 undergraduate major code whose class (专业类, its first four digits) is in the catalogue. The
    shipped list holds 91 of the 816 majors: a code it holds must be written as there (the T/K suffix
    right); one it does not hold is taken on its class, as the list is only a subset."""
    code = value.upper()
    found = MAJOR_CODE.fullmatch(code)
    if not found:
        raise CellError("major.not_a_code", value=value)
    class_code, number, _suffix = found.groups()
    if class_code not in reference.major_classes():
        raise CellError("major.unknown_class", value=value, class_code=class_code)
    if number == "00":
        raise CellError("major.no_major_number", value=value, class_code=class_code)
    shipped = reference.majors_by_number().get(code[:6])
    if shipped is not None and shipped.code != code:
        raise CellError("major.wrong_suffix", value=value, code=shipped.code, name=shipped.name)
    return code


def major_or_prefix(value: str) -> str:
    """A major (as `major_code`), a class of the catalogue (0809) or one of its disciplines (08)."""
    if MAJOR_CODE.fullmatch(value.upper()):
        return major_code(value)
    if not MAJOR_PREFIX.fullmatch(value):
        raise CellError("major.not_a_prefix", value=value)
    if len(value) == 2 and value not in reference.major_disciplines():
        raise CellError("major.unknown_discipline", value=value)
    if len(value) == 4 and value not in reference.major_classes():
        raise CellError("major.unknown_class", value=value, class_code=value)
    return value


def degree(value: str) -> str:
    parsed = reference.parse_degree(value)
    if parsed is None:
        raise ValueError(
            f"'{value}' is not a degree: 专科, 本科, 硕士, 博士 (or {', '.join(reference.DEGREES)})"
        )
    return parsed


def aid_need(value: str) -> str:
    parsed = reference.parse_aid_need(value)
    if parsed is None:
        options = ", ".join(f"{k} ({n})" for k, n in reference.AID_NEED_NAMES_ZH.items())
        raise ValueError(f"'{value}' is not one of: {options}")
    return parsed


def phone(value: str) -> str:
    if not PHONE.fullmatch(value):
        raise ValueError(f"'{value}' is not a phone number")
    return value


def credit_code(value: str) -> str:
    code = value.upper()
    if len(code) != 18 or any(c not in credit_codes.CHARSET for c in code) or not code[2:8].isdigit():
        raise ValueError(f"'{value}' is not an 18-character unified social credit code (统一社会信用代码)")
    if not credit_codes.is_valid(code):
        raise ValueError(f"'{value}' has a wrong check character; look for a mistyped character")
    return code


CLOCK = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")


def clock(value: str) -> str:
    """HH:MM (24-hour), written back as two-digit HH:MM."""
    found = CLOCK.fullmatch(value.strip())
    if not found:
        raise ValueError(f"'{value}' is not a time of day; write it as HH:MM, e.g. 09:30")
    return f"{int(found.group(1)):02d}:{found.group(2)}"


def clock_ranges(value: str) -> str:
    """`HH:MM-HH:MM` ranges separated by `;`, each start before its end."""
    ranges = []
    for part in split_list(value):
        start, sep, end = part.partition("-")
        if not sep:
            raise ValueError(f"'{part}' is not a time range; write it as HH:MM-HH:MM")
        first, last = clock(start), clock(end)
        if first >= last:
            raise ValueError(f"'{part}' ends before it starts")
        ranges.append(f"{first}-{last}")
    return ";".join(ranges)
