"""Read-only views of the stored data for the pages: Chinese names instead of codes, personal data masked.

Each view takes the acting user: a park official sees their own park's enterprises, positions and aid
offers only, and the graduates (masked) are for the job fair's people alone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from matching import reference
from matching.services.access import Action, Actor, own_park_only, require
from matching.services.disclosure import mask_name, mask_phone, release
from matching.services.tabular import csv_bytes
from models import (
    AidOffer,
    AidOutcome,
    Enterprise,
    Graduate,
    JobFairEvent,
    Park,
    Position,
    Registration,
    University,
    Village,
    Wish,
)

PARK_LEVEL_ZH = {"national": "国家级", "provincial": "省级", "municipal": "市级"}
SIZE_ZH = {"micro": "微型", "small": "小型", "medium": "中型", "large": "大型"}


def county_name(code: str | None) -> str:
    if not code:
        return ""
    area = reference.areas().get(code)
    return area.name if area else code


def industry_name(code: str) -> str:
    found = reference.industries().get(code)
    return found.name if found else code


@dataclass(frozen=True)
class Counts:
    parks: int
    enterprises: int
    fair_enterprises: int  # enterprises offering positions at a job fair
    events: int
    positions: int
    openings: int
    graduates: int
    registrations: int
    wishes: int
    villages: int
    aid_year: int | None  # the latest year with aid offers
    aid_offers: int  # in that year
    aid_budget: int  # in that year
    aid_yuan_delivered: float


def counts(session: Session, actor: Actor) -> Counts:
    """City-wide figures: aggregates, no records."""
    require(actor, Action.VIEW_REPORTS)

    def total(model: type) -> int:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)

    aid_year = session.scalar(select(func.max(AidOffer.year)))
    this_year = AidOffer.year == aid_year
    return Counts(
        parks=total(Park),
        enterprises=total(Enterprise),
        fair_enterprises=int(session.scalar(select(func.count(func.distinct(Position.enterprise_id)))) or 0),
        events=total(JobFairEvent),
        positions=total(Position),
        openings=int(session.scalar(select(func.coalesce(func.sum(Position.headcount), 0))) or 0),
        graduates=total(Graduate),
        registrations=total(Registration),
        wishes=total(Wish),
        villages=total(Village),
        aid_year=aid_year,
        aid_offers=int(session.scalar(select(func.count()).select_from(AidOffer).where(this_year)) or 0),
        aid_budget=int(
            session.scalar(select(func.coalesce(func.sum(AidOffer.annual_budget), 0)).where(this_year)) or 0
        ),
        aid_yuan_delivered=float(
            session.scalar(
                select(func.coalesce(func.sum(AidOutcome.value), 0)).where(AidOutcome.kind == "yuan")
            )
            or 0
        ),
    )


def parks(session: Session, actor: Actor) -> pd.DataFrame:
    require(actor, Action.VIEW_DATA)
    enterprise_counts = dict(
        session.execute(select(Enterprise.park_id, func.count()).group_by(Enterprise.park_id)).all()
    )
    rows = [
        {
            "code": park.code,
            "name": park.name,
            "level": PARK_LEVEL_ZH[park.level.value],
            "county": county_name(park.county_code),
            "service_centre": park.service_centre or "",
            "enterprises": enterprise_counts.get(park.id, 0),
        }
        for park in session.scalars(select(Park).order_by(Park.id))
    ]
    return pd.DataFrame(rows, columns=["code", "name", "level", "county", "service_centre", "enterprises"])


def enterprises(session: Session, actor: Actor) -> pd.DataFrame:
    require(actor, Action.VIEW_DATA)
    statement = own_park_only(
        select(Enterprise, Park.name).join(Park, Enterprise.park_id == Park.id).order_by(Enterprise.id),
        actor,
    )
    position_counts = dict(
        session.execute(select(Position.enterprise_id, func.count()).group_by(Position.enterprise_id)).all()
    )
    rows = [
        {
            "credit_code": e.credit_code,
            "name": e.name,
            "park": park_name,
            "industry": f"{e.industry_code} {industry_name(e.industry_code)}",
            "section": reference.industry_section(e.industry_code) or "",
            "size": SIZE_ZH.get(e.size, e.size),
            "county": county_name(e.county_code),
            "positions": position_counts.get(e.id, 0),
            "contact_phone": mask_phone(e.contact_phone),
        }
        for e, park_name in session.execute(statement)
    ]
    columns = [
        "credit_code",
        "name",
        "park",
        "industry",
        "section",
        "size",
        "county",
        "positions",
        "contact_phone",
    ]
    return pd.DataFrame(rows, columns=columns)


def positions(session: Session, actor: Actor) -> pd.DataFrame:
    require(actor, Action.VIEW_DATA)
    statement = own_park_only(
        select(Position, Enterprise.name, Park.name, JobFairEvent.name)
        .join(Enterprise, Position.enterprise_id == Enterprise.id)
        .join(Park, Enterprise.park_id == Park.id)
        .join(JobFairEvent, Position.event_id == JobFairEvent.id)
        .order_by(Position.id),
        actor,
    )
    rows = [
        {
            "code": p.code,
            "title": p.title,
            "enterprise": enterprise_name,
            "park": park_name,
            "event": event_name,
            "min_degree": reference.DEGREE_NAMES_ZH[p.min_degree.value],
            "headcount": p.headcount,
            "salary": f"{p.salary_min}–{p.salary_max}",
            "work_county": county_name(p.work_county_code),
            "accepted_majors": ";".join(p.accepted_majors),
        }
        for p, enterprise_name, park_name, event_name in session.execute(statement)
    ]
    columns = [
        "code",
        "title",
        "enterprise",
        "park",
        "event",
        "min_degree",
        "headcount",
        "salary",
        "work_county",
        "accepted_majors",
    ]
    return pd.DataFrame(rows, columns=columns)


def graduates(session: Session, actor: Actor) -> pd.DataFrame:
    require(actor, Action.VIEW_GRADUATES)
    statement = (
        select(Graduate, University.name, University.province)
        .join(University, Graduate.university_id == University.id)
        .order_by(Graduate.id)
    )
    wish_counts = dict(
        session.execute(select(Wish.graduate_id, func.count()).group_by(Wish.graduate_id)).all()
    )
    majors = reference.majors()
    rows = [
        {
            "code": g.code,
            "name": mask_name(g.name),
            "university": university,
            "province": province,
            "major": f"{g.major_code} {majors[g.major_code].name}"
            if g.major_code in majors
            else g.major_code,
            "degree": reference.DEGREE_NAMES_ZH[g.degree.value],
            "graduation_year": g.graduation_year,
            "home_county": county_name(g.home_county_code),
            "expected_salary": g.expected_salary,
            "wishes": wish_counts.get(g.id, 0),
            "phone": mask_phone(g.phone),
        }
        for g, university, province in session.execute(statement)
    ]
    columns = [
        "code",
        "name",
        "university",
        "province",
        "major",
        "degree",
        "graduation_year",
        "home_county",
        "expected_salary",
        "wishes",
        "phone",
    ]
    return pd.DataFrame(rows, columns=columns)


def villages(session: Session, actor: Actor) -> pd.DataFrame:
    require(actor, Action.VIEW_DATA)
    townships = reference.dandong_townships()
    rows = [
        {
            "division_code": v.division_code,
            "name": v.name,
            "county": county_name(v.county_code),
            "township": townships.get(v.township_code, (v.township_code, ""))[0],
            "population": v.population,
            "income_per_capita": v.income_per_capita,
            "needs": "、".join(reference.AID_NEED_NAMES_ZH.get(n, n) for n in v.needs),
        }
        for v in session.scalars(select(Village).order_by(Village.id))
    ]
    columns = ["division_code", "name", "county", "township", "population", "income_per_capita", "needs"]
    return pd.DataFrame(rows, columns=columns)


def aid_offers(session: Session, actor: Actor) -> pd.DataFrame:
    require(actor, Action.VIEW_DATA)
    statement = own_park_only(
        select(AidOffer, Enterprise.name, Park.name)
        .join(Enterprise, AidOffer.enterprise_id == Enterprise.id)
        .join(Park, Enterprise.park_id == Park.id)
        .order_by(AidOffer.year.desc(), AidOffer.id),
        actor,
    )
    rows = [
        {
            "enterprise": enterprise_name,
            "park": park_name,
            "year": offer.year,
            "annual_budget": offer.annual_budget,
            "max_villages": offer.max_villages,
            "capabilities": "、".join(reference.AID_NEED_NAMES_ZH.get(c, c) for c in offer.capabilities),
        }
        for offer, enterprise_name, park_name in session.execute(statement)
    ]
    columns = ["enterprise", "park", "year", "annual_budget", "max_villages", "capabilities"]
    return pd.DataFrame(rows, columns=columns)


# The browse tables about people: their download needs the personal-data permission and a purpose.
PERSONAL_TABLES = frozenset({"graduates"})


def download(
    sessions: sessionmaker[Session],
    table: str,
    frame: pd.DataFrame,
    actor: Actor,
    purpose: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> bytes:
    """The rows of a browse table a page shows, as CSV, once checked and logged with their count; with
    `headers` (column → the header the page shows, in the reader's language) under those headers."""
    with sessions() as session, session.begin():
        release(
            session,
            actor,
            what=f"page.{table}",
            file_name=f"{table}.csv",
            rows=len(frame),
            personal=table in PERSONAL_TABLES,
            purpose=purpose,
        )
    return csv_bytes(frame.rename(columns=dict(headers)) if headers else frame)
