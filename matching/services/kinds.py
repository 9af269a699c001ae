"""What each importable kind of record looks like in a file: its columns, how each is parsed, its natural
key and the other records it refers to. The importer, the exporter and the templates all read this."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from matching import reference
from matching.errors import InputError, InputProblem
from matching.messages import Message, render
from matching.services import parsers as p
from models import (
    AidOffer,
    AidOutcome,
    Booth,
    Enterprise,
    Graduate,
    JobFairEvent,
    JobFairOutcome,
    Park,
    Position,
    Registration,
    University,
    Village,
    Wish,
)
from models.base import Base
from models.tables import AID_OUTCOMES, JOBFAIR_OUTCOMES

PARK_LEVELS = {"national": "国家级", "provincial": "省级", "municipal": "市级"}
ENTERPRISE_SIZES = {"micro": "微型", "small": "小型", "medium": "中型", "large": "大型"}
JOBFAIR_OUTCOME_NAMES = {
    "interviewed": "已面试",
    "intent": "达成意向",
    "offer": "录用",
    "signed": "签约",
    "declined": "拒绝",
    "no_show": "未到场",
}
AID_OUTCOME_NAMES = {"yuan": "投入资金(元)", "jobs": "就业岗位", "medical": "义诊", "legal": "法律咨询"}
assert set(JOBFAIR_OUTCOME_NAMES) == {k.value for k in JOBFAIR_OUTCOMES}
assert set(AID_OUTCOME_NAMES) == {k.value for k in AID_OUTCOMES}


@dataclass(frozen=True)
class Column:
    name: str  # header in the file
    parse: p.Parser
    required: bool = False
    attr: str | None = None  # model attribute; defaults to `name`
    many: bool = False  # a `;`-separated list; an empty cell is an empty list

    @property
    def model_attr(self) -> str:
        return self.attr or self.name


@dataclass(frozen=True)
class Reference:
    """A column holding another record's natural key, stored as that record's id."""

    column: str
    model: type[Base]
    key_attr: str
    attr: str  # the foreign-key attribute on this kind's model


RowCheck = Callable[[dict[str, Any]], list[tuple[str, Message]]]  # parsed row → [(column, message)]


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[Base]
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # file columns forming the natural key
    references: tuple[Reference, ...] = ()
    checks: tuple[RowCheck, ...] = ()
    label_zh: str = ""
    personal: tuple[str, ...] = field(default=())  # columns holding personal data

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def reference_for(self, column: str) -> Reference | None:
        return next((r for r in self.references if r.column == column), None)

    def label(self, lang: str) -> str:
        """The kind's name in the reader's language (园区 / parks)."""
        return render(f"kind.{self.name}", lang=lang)

    def header(self, column: str, lang: str) -> str:
        """A column's header in a file in `lang`: Chinese (园区代码) for "zh", the column name otherwise."""
        return render(f"column.{self.name}.{column}", lang="zh") if lang == "zh" else column

    def meaning(self, column: str, lang: str) -> str:
        return render(f"column_help.{self.name}.{column}", lang=lang)

    def example(self, column: Column) -> str:
        """A value the column accepts, for the templates' guide."""
        return EXAMPLES.get(self.name, {}).get(column.name) or column.parse.example

    @property
    def names_by_header(self) -> dict[str, str]:
        """Column name by its Chinese header, which imports read as well as the name."""
        return {self.header(column.name, "zh"): column.name for column in self.columns}


# Examples for the templates' guide where the parser's own (a county code, a date …) says too little.
EXAMPLES: dict[str, dict[str, str]] = {
    "parks": {"code": "HZQ", "name": "丹东边境经济合作区", "service_centre": "合作区党群服务中心"},
    "universities": {
        "name": "辽东学院",
        "province": "辽宁",
        "city": "丹东",
        "tags": "双一流;211",
        "national_rank": "500+",
    },
    "enterprises": {
        "name": "丹东华信软件有限公司",
        "park_code": "HZQ",
        "address": "丹东市振兴区滨江中路 1 号",
        "contact_name": "张伟",
    },
    "events": {
        "code": "F2026",
        "name": "民营企业高校行",
        "venue": "辽东学院体育馆",
        "host_university": "辽东学院",
        "opens": "09:00",
        "closes": "17:00",
        "slot_minutes": "30",
        "min_gap_minutes": "10",
    },
    "positions": {
        "code": "J1",
        "event_code": "F2026",
        "title": "软件工程师",
        "accepted_majors": "0809;080902",
        "headcount": "3",
        "salary_min": "6000",
        "salary_max": "9000",
    },
    "graduates": {
        "code": "G0001",
        "name": "李娜",
        "university": "辽东学院",
        "graduation_year": "2026",
        "preferred_places": "2106;21",
        "expected_salary": "6000",
    },
    "registrations": {"event_code": "F2026", "graduate_code": "G0001", "max_interviews": "3"},
    "wishes": {"event_code": "F2026", "graduate_code": "G0001", "position_code": "J1", "rank": "1"},
    "booths": {"event_code": "F2026", "interviewers": "2", "label": "A01", "breaks": "12:00-13:00"},
    "villages": {"name": "长安村", "population": "1200", "income_per_capita": "16000", "needs": "资金;就业"},
    "aid_offers": {
        "year": "2026",
        "annual_budget": "200000",
        "max_villages": "2",
        "capabilities": "就业;医疗",
    },
    "jobfair_outcomes": {"event_code": "F2026", "graduate_code": "G0001", "position_code": "J1"},
    "aid_outcomes": {"value": "50000"},
}


def _salary_range(row: dict[str, Any]) -> list[tuple[str, Message]]:
    low, high = row.get("salary_min"), row.get("salary_max")
    if low is not None and high is not None and low > high:
        return [("salary_max", Message("salary.max_below_min", {"high": high, "low": low}))]
    return []


def _township_in_county(row: dict[str, Any]) -> list[tuple[str, Message]]:
    township, county = row.get("township_code"), row.get("county_code")
    if township and county and reference.dandong_townships()[township][1] != county:
        return [
            ("township_code", Message("township.not_in_county", {"township": township, "county": county}))
        ]
    return []


def _village_in_township(row: dict[str, Any]) -> list[tuple[str, Message]]:
    code, township = row.get("division_code"), row.get("township_code")
    if code and township and not code.startswith(township):
        return [
            ("township_code", Message("village.not_in_township", {"village": code, "township": township}))
        ]
    return []


PARKS = Kind(
    "parks",
    Park,
    (
        Column("code", p.text(32), True),
        Column("name", p.text(200), True),
        Column("level", p.choice(PARK_LEVELS), True),
        Column("county_code", p.county_code, True),
        Column("service_centre", p.text(200)),
    ),
    key=("code",),
    label_zh="园区",
)

UNIVERSITIES = Kind(
    "universities",
    University,
    (
        Column("name", p.text(200), True),
        Column("province", p.text(50), True),
        Column("city", p.text(100)),
        Column("tags", p.list_of(p.text(20)), many=True),
        Column("national_rank", p.text(20)),
    ),
    key=("name",),
    label_zh="高校",
)

ENTERPRISES = Kind(
    "enterprises",
    Enterprise,
    (
        Column("credit_code", p.credit_code, True),
        Column("name", p.text(200), True),
        Column("park_code", p.text(32), True, attr="park_id"),
        Column("industry_code", p.industry_code, True),
        Column("size", p.choice(ENTERPRISE_SIZES), True),
        Column("county_code", p.county_code, True),
        Column("township_code", p.dandong_township_code),
        Column("address", p.text(300)),
        Column("contact_name", p.text(50)),
        Column("contact_phone", p.phone),
    ),
    key=("credit_code",),
    references=(Reference("park_code", Park, "code", "park_id"),),
    checks=(_township_in_county,),
    label_zh="企业",
    personal=("contact_name", "contact_phone"),
)

EVENTS = Kind(
    "events",
    JobFairEvent,
    (
        Column("code", p.text(32), True),
        Column("name", p.text(200), True),
        Column("held_on", p.iso_date, True),
        Column("venue", p.text(200)),
        Column("host_university", p.text(200), attr="host_university_id"),
        Column("opens", p.clock),
        Column("closes", p.clock),
        Column("slot_minutes", p.integer(5, 240)),
        Column("min_gap_minutes", p.integer(0, 240)),
    ),
    key=("code",),
    references=(Reference("host_university", University, "name", "host_university_id"),),
    label_zh="招聘会",
)

POSITIONS = Kind(
    "positions",
    Position,
    (
        Column("code", p.text(32), True),
        Column("event_code", p.text(32), True, attr="event_id"),
        Column("enterprise_credit_code", p.credit_code, True, attr="enterprise_id"),
        Column("title", p.text(200), True),
        Column(
            "accepted_majors",
            p.list_of(p.major_or_prefix),
            many=True,
        ),
        Column("min_degree", p.degree, True),
        Column("headcount", p.integer(0), True),
        Column("salary_min", p.integer(0), True),
        Column("salary_max", p.integer(0), True),
        Column("work_county_code", p.county_code, True),
    ),
    key=("code",),
    references=(
        Reference("event_code", JobFairEvent, "code", "event_id"),
        Reference("enterprise_credit_code", Enterprise, "credit_code", "enterprise_id"),
    ),
    checks=(_salary_range,),
    label_zh="岗位",
)

GRADUATES = Kind(
    "graduates",
    Graduate,
    (
        Column("code", p.text(32), True),
        Column("name", p.text(50), True),
        Column("university", p.text(200), True, attr="university_id"),
        Column("major_code", p.major_code, True),
        Column("degree", p.degree, True),
        Column("graduation_year", p.integer(1990, 2100), True),
        Column("home_county_code", p.county_code, True),
        Column("preferred_industries", p.list_of(p.industry_code), many=True),
        Column("preferred_places", p.list_of(p.place_code), many=True),
        Column("expected_salary", p.integer(0)),
        Column("phone", p.phone),
        Column("consent_at", p.iso_datetime),
    ),
    key=("code",),
    references=(Reference("university", University, "name", "university_id"),),
    label_zh="毕业生",
    personal=("name", "phone"),
)

REGISTRATIONS = Kind(
    "registrations",
    Registration,
    (
        Column("event_code", p.text(32), True, attr="event_id"),
        Column("graduate_code", p.text(32), True, attr="graduate_id"),
        Column("max_interviews", p.integer(0, 50)),
        Column("unavailable", p.clock_ranges),
    ),
    key=("event_code", "graduate_code"),
    references=(
        Reference("event_code", JobFairEvent, "code", "event_id"),
        Reference("graduate_code", Graduate, "code", "graduate_id"),
    ),
    label_zh="报名",
)

WISHES = Kind(
    "wishes",
    Wish,
    (
        Column("event_code", p.text(32), True, attr="event_id"),
        Column("graduate_code", p.text(32), True, attr="graduate_id"),
        Column("position_code", p.text(32), True, attr="position_id"),
        Column("rank", p.integer(1), True),
    ),
    key=("event_code", "graduate_code", "position_code"),
    references=(
        Reference("event_code", JobFairEvent, "code", "event_id"),
        Reference("graduate_code", Graduate, "code", "graduate_id"),
        Reference("position_code", Position, "code", "position_id"),
    ),
    label_zh="志愿",
)

BOOTHS = Kind(
    "booths",
    Booth,
    (
        Column("event_code", p.text(32), True, attr="event_id"),
        Column("enterprise_credit_code", p.credit_code, True, attr="enterprise_id"),
        Column("interviewers", p.integer(0, 50), True),
        Column("label", p.text(20)),
        Column("arrives", p.clock),
        Column("leaves", p.clock),
        Column("breaks", p.clock_ranges),
    ),
    key=("event_code", "enterprise_credit_code"),
    references=(
        Reference("event_code", JobFairEvent, "code", "event_id"),
        Reference("enterprise_credit_code", Enterprise, "credit_code", "enterprise_id"),
    ),
    label_zh="展位",
)

VILLAGES = Kind(
    "villages",
    Village,
    (
        Column("division_code", p.dandong_village_code, True),
        Column("name", p.text(100), True),
        Column("county_code", p.county_code, True),
        Column("township_code", p.dandong_township_code, True),
        Column("population", p.integer(0), True),
        Column("income_per_capita", p.integer(0), True),
        Column(
            "needs",
            p.list_of(p.aid_need),
            many=True,
        ),
    ),
    key=("division_code",),
    checks=(_township_in_county, _village_in_township),
    label_zh="村",
)

AID_OFFERS = Kind(
    "aid_offers",
    AidOffer,
    (
        Column("enterprise_credit_code", p.credit_code, True, attr="enterprise_id"),
        Column("year", p.integer(2000, 2100), True),
        Column("annual_budget", p.integer(0), True),
        Column("max_villages", p.integer(0), True),
        Column("capabilities", p.list_of(p.aid_need), many=True),
    ),
    key=("enterprise_credit_code", "year"),
    references=(Reference("enterprise_credit_code", Enterprise, "credit_code", "enterprise_id"),),
    label_zh="帮扶意向",
)

JOBFAIR_OUTCOMES_KIND = Kind(
    "jobfair_outcomes",
    JobFairOutcome,
    (
        Column("event_code", p.text(32), True, attr="event_id"),
        Column("graduate_code", p.text(32), True, attr="graduate_id"),
        Column("position_code", p.text(32), True, attr="position_id"),
        Column("kind", p.choice(JOBFAIR_OUTCOME_NAMES), True),
        Column("occurred_on", p.iso_date, True),
    ),
    key=("event_code", "graduate_code", "position_code", "kind"),
    references=(
        Reference("event_code", JobFairEvent, "code", "event_id"),
        Reference("graduate_code", Graduate, "code", "graduate_id"),
        Reference("position_code", Position, "code", "position_id"),
    ),
    label_zh="招聘结果",
)

AID_OUTCOMES_KIND = Kind(
    "aid_outcomes",
    AidOutcome,
    (
        Column("enterprise_credit_code", p.credit_code, True, attr="enterprise_id"),
        Column("village_code", p.dandong_village_code, True, attr="village_id"),
        Column("kind", p.choice(AID_OUTCOME_NAMES), True),
        Column("value", p.number(0.0), True),
        Column("occurred_on", p.iso_date, True),
    ),
    key=("enterprise_credit_code", "village_code", "kind", "occurred_on"),
    references=(
        Reference("enterprise_credit_code", Enterprise, "credit_code", "enterprise_id"),
        Reference("village_code", Village, "division_code", "village_id"),
    ),
    label_zh="帮扶成效",
)

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        PARKS,
        UNIVERSITIES,
        ENTERPRISES,
        EVENTS,
        POSITIONS,
        GRADUATES,
        REGISTRATIONS,
        WISHES,
        BOOTHS,
        VILLAGES,
        AID_OFFERS,
        JOBFAIR_OUTCOMES_KIND,
        AID_OUTCOMES_KIND,
    )
}


def kind_named(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise InputError(InputProblem.of(name, "kind.unknown", name=name, known=", ".join(KINDS))) from None
