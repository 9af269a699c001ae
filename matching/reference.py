"""Loaders for the reference files in `matching/reference/` (see its SOURCES.md).

Read once per process and cached; everything returned is plain data.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).parent / "reference"

DANDONG_CITY_CODE = "2106"

# Degrees in ascending order. Files may use the Chinese names or these keys.
DEGREES: tuple[str, ...] = ("junior_college", "bachelor", "master", "doctor")
DEGREE_NAMES_ZH: dict[str, str] = {
    "junior_college": "专科",
    "bachelor": "本科",
    "master": "硕士",
    "doctor": "博士",
}

# What a village may need and what an enterprise may give (aid programme).
AID_NEEDS: tuple[str, ...] = (
    "funding",
    "jobs",
    "medical",
    "legal",
    "agritech",
    "education",
    "infrastructure",
)
AID_NEED_NAMES_ZH: dict[str, str] = {
    "funding": "资金",
    "jobs": "就业",
    "medical": "医疗",
    "legal": "法律",
    "agritech": "农技",
    "education": "教育",
    "infrastructure": "基础设施",
}


def _read_csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def parse_degree(text: str) -> str | None:
    """'本科' or 'bachelor' → 'bachelor'; None when unknown."""
    value = text.strip()
    if value in DEGREE_NAMES_ZH:
        return value
    for key, name in DEGREE_NAMES_ZH.items():
        if value == name:
            return key
    return None


def degree_level(degree: str) -> int:
    """0 for 专科 … 3 for 博士."""
    return DEGREES.index(degree)


def parse_aid_need(text: str) -> str | None:
    """'医疗' or 'medical' → 'medical'; None when unknown."""
    value = text.strip()
    if value in AID_NEED_NAMES_ZH:
        return value
    for key, name in AID_NEED_NAMES_ZH.items():
        if value == name:
            return key
    return None


@dataclass(frozen=True)
class Major:
    code: str  # e.g. 080901 or 080910T
    name: str
    class_code: str  # 专业类, 4 digits
    class_name: str
    discipline_code: str  # 学科门类, 2 digits
    discipline_name: str


@cache
def majors() -> dict[str, Major]:
    """The 91 common majors the project ships (a subset of the catalogue's 816), by code."""
    return {row["code"]: Major(**row) for row in _read_csv("majors_common_2024.csv")}


@dataclass(frozen=True)
class MajorClass:
    code: str  # 专业类, 4 digits, e.g. 0809
    name: str
    discipline_code: str  # 学科门类, 2 digits
    discipline_name: str


@cache
def major_classes() -> dict[str, MajorClass]:
    """All 93 classes (专业类) of the 2024 undergraduate catalogue, by 4-digit code."""
    return {
        row["class_code"]: MajorClass(
            row["class_code"], row["class_name"], row["discipline_code"], row["discipline_name"]
        )
        for row in _read_csv("major_classes_2024.csv")
    }


@cache
def major_disciplines() -> dict[str, str]:
    """The catalogue's 12 disciplines (学科门类) by 2-digit code: 01 哲学 … 13 艺术学 (no 11)."""
    return {c.discipline_code: c.discipline_name for c in major_classes().values()}


@cache
def major_code_pattern() -> str:
    """A regular expression (Python and RE2) for a major code of a catalogue class: the class, a major
    number 01–99 and an optional T, K or TK suffix. It does not know which majors exist within a class."""
    return rf"^({'|'.join(sorted(major_classes()))})(0[1-9]|[1-9]\d)(T|K|TK)?$"


@cache
def accepted_major_pattern() -> str:
    """The same for a position's accepted majors: a major as above, a class, or a discipline."""
    disciplines = "|".join(sorted(major_disciplines()))
    classes = "|".join(sorted(major_classes()))
    return rf"^({disciplines}|{classes}|({classes})(0[1-9]|[1-9]\d)(T|K|TK)?)$"


@cache
def majors_by_number() -> dict[str, Major]:
    """The shipped majors by their six digits, without the T/K suffix: 080910 → 080910T."""
    return {code[:6]: major for code, major in majors().items()}


@dataclass(frozen=True)
class Industry:
    code: str  # section letter, or 2-, 3- or 4-digit code
    name: str
    level: int  # 1 section … 4 class
    section: str


@cache
def industries() -> dict[str, Industry]:
    """Every GB/T 4754-2017 code, including the group codes the source leaves implicit."""
    result: dict[str, Industry] = {}
    for row in _read_csv("gbt4754_2017.csv"):
        result[row["code"]] = Industry(row["code"], row["name"], int(row["level"]), row["section"])
    for row in _read_csv("gbt4754_2017.csv"):
        group = row["group"]
        if group and group not in result:
            result[group] = Industry(group, row["name"], 3, row["section"])
    return result


def industry_section(code: str) -> str | None:
    """The section letter (门类) of any GB/T 4754 code, or None when the code is unknown."""
    found = industries().get(code)
    return found.section if found else None


@dataclass(frozen=True)
class Area:
    code: str  # 6-digit county-level code
    name: str
    city_code: str
    province_code: str


@cache
def areas() -> dict[str, Area]:
    return {
        row["code"]: Area(row["code"], row["name"], row["cityCode"], row["provinceCode"])
        for row in _read_csv("areas.csv")
    }


@cache
def cities() -> dict[str, str]:
    return {row["code"]: row["name"] for row in _read_csv("cities.csv")}


@cache
def provinces() -> dict[str, str]:
    return {row["code"]: row["name"] for row in _read_csv("provinces.csv")}


def dandong_counties() -> dict[str, str]:
    """元宝区, 振兴区, 振安区, 宽甸满族自治县, 东港市, 凤城市 by code."""
    return {a.code: a.name for a in areas().values() if a.city_code == DANDONG_CITY_CODE}


@cache
def dandong_townships() -> dict[str, tuple[str, str]]:
    """9-digit township code → (name, county code)."""
    return {row["code"]: (row["name"], row["areaCode"]) for row in _read_csv("dandong_streets.csv")}


@dataclass(frozen=True)
class VillageUnit:
    code: str  # 12-digit division code
    name: str
    township_code: str
    county_code: str

    @property
    def is_village(self) -> bool:
        """A 村 (rural village), not a 社区/居委会 (urban community)."""
        return self.name.endswith(("村委会", "村民委员会"))


@cache
def dandong_villages() -> list[VillageUnit]:
    return [
        VillageUnit(row["code"], row["name"], row["streetCode"], row["areaCode"])
        for row in _read_csv("dandong_villages.csv")
    ]


@dataclass(frozen=True)
class University:
    name: str
    province: str  # Chinese short name, e.g. 辽宁
    city: str
    tags: tuple[str, ...]
    national_rank: str


# The tagged file names provinces in English; the rest of the data uses the Chinese short names.
PROVINCE_SHORT_NAMES = {
    "Anhui": "安徽", "Beijing": "北京", "Chongqing": "重庆", "Fujian": "福建", "Gansu": "甘肃",
    "Guangdong": "广东", "Guangxi": "广西", "Guizhou": "贵州", "Hainan": "海南", "Hebei": "河北",
    "Heilongjiang": "黑龙江", "Henan": "河南", "Hubei": "湖北", "Hunan": "湖南", "Inner Mongolia": "内蒙古",
    "Jiangsu": "江苏", "Jiangxi": "江西", "Jilin": "吉林", "Liaoning": "辽宁", "Ningxia": "宁夏",
    "Qinghai": "青海", "Shaanxi": "陕西", "Shandong": "山东", "Shanghai": "上海", "Shanxi": "山西",
    "Sichuan": "四川", "Tianjin": "天津", "Tibet": "西藏", "Xinjiang": "新疆", "Yunnan": "云南", "Zhejiang": "浙江",
}  # fmt: skip


@cache
def universities() -> list[University]:
    """Tagged and Liaoning universities (with rank and tags), then the other Liaoning institutions."""
    tagged = _read_csv("tagged_and_liaoning_universities.csv")
    result = [
        University(
            row["name_zh"],
            PROVINCE_SHORT_NAMES.get(row["province"], row["province"]),
            row["city"],
            tuple(t for t in row["tags"].split(";") if t),
            row["shanghairanking_2026_national_rank"],
        )
        for row in tagged
    ]
    known = {u.name for u in result}
    with (REFERENCE_DIR / "china_mainland_universities_by_province_2021.json").open(encoding="utf-8") as f:
        by_province: dict[str, dict[str, list[str]]] = json.load(f)
    for name in by_province["辽宁"]["all"]:
        if name not in known:
            result.append(University(name, "辽宁", "", (), ""))
    return result
