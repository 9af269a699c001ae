"""Cell parsers for imported files: each turns text into a value or raises a `CellError`, a ValueError
that carries its message code and parameters (`matching.messages.imports`), so that the page says it in
the user's language and the command line in English (or `MATCHING_LANG`). Codes are checked against the
shipped reference data.

Every parser is a `CellParser`: besides parsing, it says what it reads (`format`, a message for the
templates' column guide), gives an example, and, for columns of named values, the Chinese name of each
code (`names`), which exports in Chinese write and imports read back."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from matching import credit_code as credit_codes
from matching import reference
from matching.messages import Message, render

Parse = Callable[[str], Any]


class CellError(ValueError):
    """A parser's complaint as a message code and parameters (`matching.messages`); its text is English."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(render(code, params, "en"))


@dataclass(frozen=True)
class CellParser:
    """A cell's parser and what the templates say about it."""

    parse: Parse
    format: Message  # what the cell holds, e.g. "6-digit county code"
    example: str = ""
    names: Mapping[str, str] = field(default_factory=dict)  # code → Chinese name, for named values

    def __call__(self, value: str) -> Any:
        return self.parse(value)

    def allowed(self, lang: str) -> str:
        """The allowed values, for a column of named values: 国家级 (national), …; '' otherwise."""
        if lang == "zh":
            return "、".join(f"{name}（{code}）" for code, name in self.names.items())
        return ", ".join(f"{code} ({name})" for code, name in self.names.items())


Parser = CellParser


LIST_SEPARATORS = re.compile(r"[;；、]")
# 2024 catalogue: discipline (2 digits) + class (2) + major (2), then T (特设), K (国家控制布点) or TK.
MAJOR_CODE = re.compile(r"^(\d{4})(\d{2})(T|K|TK)?$")
MAJOR_PREFIX = re.compile(r"^\d{2}(\d{2})?$")  # a discipline (2 digits) or a class (4)
PHONE = re.compile(r"^\+?[0-9][0-9 \-]{6,19}$")


def text(max_length: int, example: str = "") -> Parser:
    def parse(value: str) -> str:
        if len(value) > max_length:
            raise CellError("cell.too_long", length=len(value), maximum=max_length)
        return value

    return CellParser(parse, Message("format.text", {"maximum": max_length}), example)


def integer(minimum: int | None = 0, maximum: int | None = None, example: str = "") -> Parser:
    def parse(value: str) -> int:
        cleaned = value.replace(",", "")
        if cleaned.endswith(".0"):  # Excel writes whole numbers as 12.0
            cleaned = cleaned[:-2]
        try:
            number = int(cleaned)
        except ValueError:
            raise CellError("cell.not_integer", value=value) from None
        if minimum is not None and number < minimum:
            raise CellError("cell.below_minimum", value=number, minimum=minimum)
        if maximum is not None and number > maximum:
            raise CellError("cell.above_maximum", value=number, maximum=maximum)
        return number

    if minimum is not None and maximum is not None:
        described = Message("format.integer_between", {"minimum": minimum, "maximum": maximum})
    elif minimum is not None:
        described = Message("format.integer_from", {"minimum": minimum})
    else:
        described = Message("format.integer")
    return CellParser(parse, described, example or str(max(minimum or 0, 1)))


def number(minimum: float | None = 0.0, example: str = "") -> Parser:
    def parse(value: str) -> float:
        try:
            result = float(value.replace(",", ""))
        except ValueError:
            raise CellError("cell.not_number", value=value) from None
        if result != result or result in (float("inf"), float("-inf")):
            raise CellError("cell.not_finite", value=value)
        if minimum is not None and result < minimum:
            raise CellError("cell.below_minimum", value=f"{result:g}", minimum=f"{minimum:g}")
        return result

    described = (
        Message("format.number_from", {"minimum": f"{minimum:g}"})
        if minimum is not None
        else Message("format.number")
    )
    return CellParser(parse, described, example or "1000")


def _iso_date(value: str) -> date:
    try:
        return (
            date.fromisoformat(value.strip()[:10]) if len(value.strip()) == 10 else date.fromisoformat(value)
        )
    except ValueError:
        raise CellError("cell.not_date", value=value) from None


iso_date = CellParser(_iso_date, Message("format.date"), "2026-05-20")


def _iso_datetime(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise CellError("cell.not_datetime", value=value) from None


iso_datetime = CellParser(_iso_datetime, Message("format.datetime"), "2026-03-01T09:30:00+08:00")


def choice(options: dict[str, str]) -> Parser:
    """One of the keys, or one of their Chinese names (the values)."""
    by_name = {name: key for key, name in options.items()}

    def parse(value: str) -> str:
        if value in options:
            return value
        if value in by_name:
            return by_name[value]
        raise CellError(
            "cell.not_a_choice", value=value, codes=", ".join(options), names="、".join(options.values())
        )

    return CellParser(parse, Message("format.choice"), next(iter(options.values())), options)


def split_list(value: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(value) if part.strip()]


def list_of(item: Parser, example: str = "") -> Parser:
    def parse(value: str) -> list[Any]:
        items = [item(part) for part in split_list(value)]
        unique: list[Any] = []
        for entry in items:
            if entry not in unique:
                unique.append(entry)
        return unique

    return CellParser(
        parse, Message("format.list", {"item": item.format}), example or item.example, item.names
    )


def _county_code(value: str) -> str:
    if not re.fullmatch(r"\d{6}", value):
        raise CellError("county.not_six_digits", value=value)
    if value not in reference.areas():
        raise CellError("county.unknown", value=value)
    return value


county_code = CellParser(_county_code, Message("format.county_code"), "210603")


def _place_code(value: str) -> str:
    """A county (6 digits), a city (4) or a province (2)."""
    if len(value) == 6:
        return _county_code(value)
    if len(value) == 4 and value in reference.cities():
        return value
    if len(value) == 2 and value in reference.provinces():
        return value
    raise CellError("place.unknown", value=value)


place_code = CellParser(_place_code, Message("format.place_code"), "2106")


def _dandong_township_code(value: str) -> str:
    if value not in reference.dandong_townships():
        raise CellError("township.unknown", value=value)
    return value


dandong_township_code = CellParser(_dandong_township_code, Message("format.township_code"), "210602002")


def _dandong_village_code(value: str) -> str:
    if not re.fullmatch(r"\d{12}", value):
        raise CellError("village.not_twelve_digits", value=value)
    if value not in {v.code for v in reference.dandong_villages()}:
        raise CellError("village.unknown", value=value)
    return value


dandong_village_code = CellParser(_dandong_village_code, Message("format.village_code"), "210602002001")


def _industry_code(value: str) -> str:
    if value not in reference.industries():
        raise CellError("industry.unknown", value=value)
    return value


industry_code = CellParser(_industry_code, Message("format.industry_code"), "6513")


def _major_code(value: str) -> str:
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


major_code = CellParser(_major_code, Message("format.major_code"), "080901")


def _major_or_prefix(value: str) -> str:
    """A major (as `major_code`), a class of the catalogue (0809) or one of its disciplines (08)."""
    if MAJOR_CODE.fullmatch(value.upper()):
        return _major_code(value)
    if not MAJOR_PREFIX.fullmatch(value):
        raise CellError("major.not_a_prefix", value=value)
    if len(value) == 2 and value not in reference.major_disciplines():
        raise CellError("major.unknown_discipline", value=value)
    if len(value) == 4 and value not in reference.major_classes():
        raise CellError("major.unknown_class", value=value, class_code=value)
    return value


major_or_prefix = CellParser(_major_or_prefix, Message("format.major_or_prefix"), "0809")


def _degree(value: str) -> str:
    parsed = reference.parse_degree(value)
    if parsed is None:
        raise CellError("degree.unknown", value=value, codes=", ".join(reference.DEGREES))
    return parsed


degree = CellParser(_degree, Message("format.choice"), "本科", reference.DEGREE_NAMES_ZH)


def _aid_need(value: str) -> str:
    parsed = reference.parse_aid_need(value)
    if parsed is None:
        raise CellError(
            "cell.not_a_choice",
            value=value,
            codes=", ".join(reference.AID_NEEDS),
            names="、".join(reference.AID_NEED_NAMES_ZH.values()),
        )
    return parsed


aid_need = CellParser(_aid_need, Message("format.choice"), "医疗", reference.AID_NEED_NAMES_ZH)


def _phone(value: str) -> str:
    if not PHONE.fullmatch(value):
        raise CellError("phone.invalid", value=value)
    return value


phone = CellParser(_phone, Message("format.phone"), "13812345678")


def _credit_code(value: str) -> str:
    code = value.upper()
    if len(code) != 18 or any(c not in credit_codes.CHARSET for c in code) or not code[2:8].isdigit():
        raise CellError("credit_code.malformed", value=value)
    if not credit_codes.is_valid(code):
        raise CellError("credit_code.check_character", value=value)
    return code


credit_code = CellParser(_credit_code, Message("format.credit_code"), "91210681MAN7M63L2M")


CLOCK = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")


def _clock(value: str) -> str:
    """HH:MM (24-hour), written back as two-digit HH:MM."""
    found = CLOCK.fullmatch(value.strip())
    if not found:
        raise CellError("clock.invalid", value=value)
    return f"{int(found.group(1)):02d}:{found.group(2)}"


clock = CellParser(_clock, Message("format.clock"), "09:30")


def _clock_ranges(value: str) -> str:
    """`HH:MM-HH:MM` ranges separated by `;`, each start before its end."""
    ranges = []
    for part in split_list(value):
        start, sep, end = part.partition("-")
        if not sep:
            raise CellError("clock_range.invalid", value=part)
        first, last = _clock(start), _clock(end)
        if first >= last:
            raise CellError("clock_range.reversed", value=part)
        ranges.append(f"{first}-{last}")
    return ";".join(ranges)


clock_ranges = CellParser(_clock_ranges, Message("format.clock_ranges"), "12:00-13:00")
