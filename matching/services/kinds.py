"""What each importable kind of record looks like in a file: its columns, how each is parsed, its natural
key and the other records it refers to. The importer, the exporter and the templates all read this."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from matching import reference
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
    help: str = ""  # shown in templates
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


RowCheck = Callable[[dict[str, Any]], list[tuple[str, str]]]  # parsed row → [(column, message)]


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


def _salary_range(row: dict[str, Any]) -> list[tuple[str, str]]:
    low, high = row.get("salary_min"), row.get("salary_max")
    if low is not None and high is not None and low > high:
        return [("salary_max", f"{high} is below salary_min {low}")]
    return []


def _township_in_county(row: dict[str, Any]) -> list[tuple[str, str]]:
    township, county = row.get("township_code"), row.get("county_code")
    if township and county and reference.dandong_townships()[township][1] != county:
        return [("township_code", f"township {township} is not in county {county}")]
    return []


def _village_in_township(row: dict[str, Any]) -> list[tuple[str, str]]:
    code, township = row.get("division_code"), row.get("township_code")
    if code and township and not code.startswith(township):
        return [("township_code", f"village {code} does not lie in township {township}")]
    return []


PARKS = Kind(
    "parks",
    Park,
    (
        Column("code", p.text(32), True, help="park code, unique"),
        Column("name", p.text(200), True, help="park name, unique"),
        Column("level", p.choice(PARK_LEVELS), True, help="national/provincial/municipal (国家级/省级/市级)"),
        Column("county_code", p.county_code, True, help="6-digit county code"),
        Column("service_centre", p.text(200), help="党群服务中心"),
    ),
    key=("code",),
    label_zh="园区",
)

UNIVERSITIES = Kind(
    "universities",
    University,
    (
        Column("name", p.text(200), True, help="full Chinese name, unique"),
        Column("province", p.text(50), True),
        Column("city", p.text(100)),
        Column("tags", p.list_of(p.text(20)), help="双一流;985;211", many=True),
        Column("national_rank", p.text(20)),
    ),
    key=("name",),
    label_zh="高校",
)

ENTERPRISES = Kind(
    "enterprises",
    Enterprise,
    (
        Column("credit_code", p.credit_code, True, help="18-character 统一社会信用代码"),
        Column("name", p.text(200), True),
        Column("park_code", p.text(32), True, attr="park_id", help="code of a known park"),
        Column("industry_code", p.industry_code, True, help="GB/T 4754-2017 code"),
        Column("size", p.choice(ENTERPRISE_SIZES), True, help="micro/small/medium/large"),
        Column("county_code", p.county_code, True),
        Column("township_code", p.dandong_township_code, help="9-digit township code"),
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
        Column("held_on", p.iso_date, True, help="YYYY-MM-DD"),
        Column("venue", p.text(200)),
        Column("host_university", p.text(200), attr="host_university_id", help="name of a known university"),
        Column("opens", p.clock, help="HH:MM the fair opens (default 09:00)"),
        Column("closes", p.clock, help="HH:MM the fair closes (default 17:00)"),
        Column("slot_minutes", p.integer(5, 240), help="length of an interview slot (default 30)"),
        Column(
            "min_gap_minutes", p.integer(0, 240), help="free minutes between two interviews of a graduate"
        ),
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
            help="major/class/discipline codes; empty = any",
            many=True,
        ),
        Column("min_degree", p.degree, True, help="专科/本科/硕士/博士"),
        Column("headcount", p.integer(0), True, help="openings, whole number ≥ 0"),
        Column("salary_min", p.integer(0), True, help="yuan per month"),
        Column("salary_max", p.integer(0), True, help="yuan per month"),
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
        Column("code", p.text(32), True, help="registration number, unique"),
        Column("name", p.text(50), True),
        Column("university", p.text(200), True, attr="university_id"),
        Column("major_code", p.major_code, True, help="2024 catalogue code, e.g. 080901"),
        Column("degree", p.degree, True),
        Column("graduation_year", p.integer(1990, 2100), True),
        Column("home_county_code", p.county_code, True),
        Column(
            "preferred_industries", p.list_of(p.industry_code), help="GB/T 4754 codes, ; separated", many=True
        ),
        Column("preferred_places", p.list_of(p.place_code), help="province/city/county codes", many=True),
        Column("expected_salary", p.integer(0), help="yuan per month"),
        Column("phone", p.phone),
        Column("consent_at", p.iso_datetime, help="when the graduate consented to data use"),
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
        Column("max_interviews", p.integer(0, 50), help="interviews at most on the fair day"),
        Column("unavailable", p.clock_ranges, help="HH:MM-HH:MM ranges the graduate cannot come"),
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
        Column("rank", p.integer(1), True, help="1 = first choice"),
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
        Column("interviewers", p.integer(0, 50), True, help="interviewers in parallel"),
        Column("label", p.text(20), help="booth label on the floor plan"),
        Column("arrives", p.clock, help="HH:MM; empty = at opening"),
        Column("leaves", p.clock, help="HH:MM; empty = at closing"),
        Column("breaks", p.clock_ranges, help="HH:MM-HH:MM ranges, ; separated"),
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
        Column("division_code", p.dandong_village_code, True, help="12-digit NBS division code"),
        Column("name", p.text(100), True),
        Column("county_code", p.county_code, True),
        Column("township_code", p.dandong_township_code, True),
        Column("population", p.integer(0), True),
        Column("income_per_capita", p.integer(0), True, help="yuan per person per year"),
        Column(
            "needs",
            p.list_of(p.aid_need),
            help="funding;jobs;medical;legal;agritech;education;infrastructure",
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
        Column("annual_budget", p.integer(0), True, help="yuan"),
        Column("max_villages", p.integer(0), True),
        Column("capabilities", p.list_of(p.aid_need), help="same words as village needs", many=True),
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
        Column("kind", p.choice(JOBFAIR_OUTCOME_NAMES), True, help=", ".join(JOBFAIR_OUTCOME_NAMES)),
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
        Column("kind", p.choice(AID_OUTCOME_NAMES), True, help=", ".join(AID_OUTCOME_NAMES)),
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
        raise ValueError(f"unknown kind '{name}'; known kinds: {', '.join(KINDS)}") from None
