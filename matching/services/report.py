"""The city's report: the programmes' figures for a period and a scope, with their definitions, broken
down per park, county, university, month and industry, against the previous period of the same length;
and the aid ledger (台账): per pair and year, what was planned and what was delivered.

Definitions (also said beside every figure, `report.def.*`):
- A job fair belongs to the period when it was held in it; its positions, registrations and outcomes count
  with it (whenever the outcome was recorded).
- A graduate "reached an intent" when an outcome of kind intent, offer or signed is recorded for them at
  one of the period's fairs; each graduate counts once, however many positions or kinds.
- Aid delivered is the sum of the outcomes recorded with a date in the period; the years they span are
  stated. A pair counts as paired in the period when it stood in one of the period's years (a lead pair
  approved or pinned that year or within its term, a helper approved that year: `aid_terms`).

A park official gets their own park's report only (`access.park_scope`); a park's figures are those of its
enterprises (the registered graduates of a fair are the fair's, in every scope).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from matching import reference
from matching.errors import InputError, InputProblem, NotFoundError
from matching.messages import Message
from matching.services.access import Action, Actor, PermissionDenied, park_scope, require
from matching.services.aid_terms import _helper_pairs, _lead_decisions, _tenures, term_text
from matching.services.browse import county_name
from matching.services.decisions import HELPER, LEAD
from models import (
    AidOffer,
    AidOutcome,
    Enterprise,
    Graduate,
    JobFairEvent,
    JobFairOutcome,
    MatchingRun,
    OutcomeKind,
    Park,
    Position,
    Program,
    Proposal,
    ProposalStatus,
    Registration,
    University,
    Village,
)

# Each of these outcome kinds means the graduate reached an employment intent (an offer or a signing
# implies one); a graduate counts once.
INTENT_KINDS = (OutcomeKind.INTENT, OutcomeKind.OFFER, OutcomeKind.SIGNED)
OFFER_KINDS = (OutcomeKind.OFFER, OutcomeKind.SIGNED)
AID_KINDS = ("yuan", "jobs", "medical", "legal")
TO_DATE_START = date(1900, 1, 1)  # "the programme to date" starts before any record


# -------------------------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both included; `event` narrows it to one fair (held within it)."""

    start: date
    end: date
    event: str | None = None
    kind: str = "range"  # year, range, event, to_date

    @staticmethod
    def year(year: int) -> Period:
        return Period(date(year, 1, 1), date(year, 12, 31), kind="year")

    @staticmethod
    def between(start: date, end: date) -> Period:
        if end < start:
            raise InputError(
                InputProblem(
                    "(period)",
                    Message("report.bad_period", {"start": start, "end": end}).text(),
                    code="report.bad_period",
                    params={"start": start.isoformat(), "end": end.isoformat()},
                )
            )
        return Period(start, end, kind="range")

    @staticmethod
    def to_date(today: date | None = None) -> Period:
        """The programme so far: every fair held and every aid outcome up to today."""
        return Period(TO_DATE_START, today or date.today(), kind="to_date")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> Message:
        if self.kind == "year":
            return Message("report.period.year", {"year": self.start.year})
        if self.kind == "event":
            return Message("report.period.event", {"event": self.event, "day": self.start.isoformat()})
        if self.kind == "to_date":
            return Message("report.period.to_date", {"end": self.end.isoformat()})
        return Message("report.period.range", {"start": self.start.isoformat(), "end": self.end.isoformat()})


def reported_to_date(session: Session, actor: Actor, today: date | None = None) -> Period:
    """The programme as far as it is reported: every fair held and every aid outcome up to the latest
    outcome recorded (of either programme), so that a fair whose outcomes are not recorded yet is not in
    it; up to today when nothing is recorded. What the report shows when no period is asked for."""
    require(actor, Action.VIEW_REPORTS)
    latest = [
        session.scalar(select(func.max(JobFairOutcome.occurred_on))),
        session.scalar(select(func.max(AidOutcome.occurred_on))),
    ]
    found = [day for day in latest if day is not None]
    end = min(max(found), today or date.today()) if found else (today or date.today())
    return Period.to_date(end)


def event_period(session: Session, actor: Actor, event_code: str) -> Period:
    """One fair: the day it was held."""
    require(actor, Action.VIEW_REPORTS)
    held_on = session.scalar(select(JobFairEvent.held_on).where(JobFairEvent.code == event_code))
    if held_on is None:
        raise NotFoundError(f"no job fair with code '{event_code}'")
    return Period(held_on, held_on, event_code, kind="event")


def previous_period(session: Session, actor: Actor, period: Period) -> Period | None:
    """The period of the same length just before: the year before, the same number of days before, or
    for one fair the fair held last before it; none for the programme to date."""
    require(actor, Action.VIEW_REPORTS)
    if period.kind == "to_date":
        return None
    if period.kind == "year":
        return Period.year(period.start.year - 1)
    if period.kind == "event":
        found = session.execute(
            select(JobFairEvent.code, JobFairEvent.held_on)
            .where(JobFairEvent.held_on < period.start)
            .order_by(JobFairEvent.held_on.desc(), JobFairEvent.id.desc())
            .limit(1)
        ).first()
        return Period(found[1], found[1], found[0], kind="event") if found else None
    length = timedelta(days=period.days)
    return Period(period.start - length, period.end - length, kind="range")


# ------------------------------------------------------------------------------------------- the scope


@dataclass(frozen=True)
class Scope:
    park_id: int | None
    park_code: str | None
    park_name: str | None

    def label(self) -> Message:
        if self.park_id is None:
            return Message("report.scope.city")
        name = self.park_name or ""
        return Said("report.scope.park", {}, name, name)  # the park's own name in both languages


def resolve_scope(session: Session, actor: Actor, park_code: str | None = None) -> Scope:
    """The city, or one park; a park official gets their own park whatever they ask, and is refused
    another park's."""
    require(actor, Action.VIEW_REPORTS)
    own = park_scope(actor)
    if park_code:
        park = session.scalars(select(Park).where(Park.code == park_code)).one_or_none()
        if park is None:
            raise NotFoundError(f"no park with code '{park_code}'")
        if own is not None and park.id != own:
            raise PermissionDenied(actor, Action.VIEW_REPORTS, park=True)
        return Scope(park.id, park.code, park.name)
    if own is not None:
        park = session.get(Park, own)
        if park is None:
            raise PermissionDenied(actor, Action.VIEW_REPORTS, park=True)
        return Scope(park.id, park.code, park.name)
    return Scope(None, None, None)


# ------------------------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class Figure:
    """One figure of the report: its code (`jobfair.intents`), value, the previous period's, and what it
    counts (`report.def.<code>`)."""

    code: str
    value: float
    previous: float | None = None
    unit: str = "count"  # count, yuan, share

    @property
    def change(self) -> float | None:
        return None if self.previous is None else self.value - self.previous

    @property
    def definition(self) -> Message:
        return Message(f"report.def.{self.code}")

    @property
    def name(self) -> Message:
        return Message(f"report.figure.{self.code}")


FIGURE_CODES = (
    "jobfair.fairs",
    "jobfair.enterprises",
    "jobfair.positions",
    "jobfair.openings",
    "jobfair.graduates",
    "jobfair.intents",
    "jobfair.offers",
    "jobfair.signed",
    "jobfair.intent_rate",
    "aid.enterprises",
    "aid.villages",
    "aid.yuan",
    "aid.jobs",
    "aid.medical",
    "aid.legal",
)
UNITS = {"jobfair.intent_rate": "share", "aid.yuan": "yuan"}


@dataclass(frozen=True)
class Report:
    """The report of one period and scope: plain data (figures and frames) and the generated summary."""

    period: Period
    previous_period: Period | None
    scope: Scope
    figures: list[Figure]
    aid_years: tuple[int, int] | None  # the first and last year of the aid outcomes counted
    by_park: pd.DataFrame
    by_county: pd.DataFrame
    by_university: pd.DataFrame
    by_month: pd.DataFrame
    by_industry: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def figure(self, code: str) -> Figure:
        return next(f for f in self.figures if f.code == code)

    def value(self, code: str) -> float:
        return self.figure(code).value

    def summary(self) -> list[Message]:
        """The summary paragraph in the city's own sentence form, one sentence per programme, generated
        from the figures."""
        sentences = [
            Message(
                "report.summary.jobfair",
                {
                    "period": self.period.label(),
                    "scope": self.scope.label(),
                    "fairs": _n(self.value("jobfair.fairs")),
                    "enterprises": _n(self.value("jobfair.enterprises")),
                    "openings": _n(self.value("jobfair.openings")),
                    "intents": _n(self.value("jobfair.intents")),
                },
            )
        ]
        first, last = self.aid_years or (self.period.end.year, self.period.end.year)
        sentences.append(
            Message(
                "report.summary.aid",
                {
                    "scope": self.scope.label(),
                    "enterprises": _n(self.value("aid.enterprises")),
                    "villages": _n(self.value("aid.villages")),
                    "span": years_span(first, last),
                    "yuan": amount_yuan(self.value("aid.yuan")),
                    "jobs": _n(self.value("aid.jobs")),
                    "medical": _n(self.value("aid.medical")),
                    "legal": _n(self.value("aid.legal")),
                },
            )
        )
        return sentences

    def summary_text(self, lang: str) -> str:
        return (
            "".join(m.text(lang) for m in self.summary())
            if lang == "zh"
            else " ".join(m.text(lang) for m in self.summary())
        )

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every breakdown table, by name."""
        return {
            "by_park": self.by_park,
            "by_county": self.by_county,
            "by_university": self.by_university,
            "by_month": self.by_month,
            "by_industry": self.by_industry,
        }


@dataclass(frozen=True)
class Said(Message):
    """A parameter said differently in each language (a number grouped in English, a sum in 万元 in
    Chinese): `render` says a nested `Message` in the reader's language, and this one is its own text."""

    zh: str = ""
    en: str = ""

    def text(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en


def _n(value: float) -> Said:
    """Chinese as the city writes it (1059), English grouped (1,059)."""
    whole = float(value).is_integer()
    return Said("report.number", {}, f"{value:.0f}" if whole else f"{value:.2f}", _figure(value))


def _figure(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _trimmed(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def amount_yuan(value: float) -> Said:
    """836万元 / 8.36 million yuan."""
    zh = f"{_trimmed(value / 10_000).replace(',', '')}万元" if value >= 10_000 else f"{value:.0f}元"
    en = f"{_trimmed(value / 1_000_000)} million yuan" if value >= 1_000_000 else f"{value:,.0f} yuan"
    return Said("report.amount", {}, zh, en)


CHINESE_COUNTS = "零一两三四五六七八九十"


def years_span(first: int, last: int) -> Said:
    """The years an aid total spans: 两年来 / over two years (2025–2026); one year: 2026年 / in 2026."""
    count = last - first + 1
    if count <= 1:
        return Said("report.span", {}, f"{first}年", f"in {first}")
    zh = f"{CHINESE_COUNTS[count]}年来" if count < len(CHINESE_COUNTS) else f"{count}年来"
    return Said("report.span", {}, zh, f"over {count} years ({first}–{last})")


@dataclass(frozen=True)
class _Selection:
    """The ids a period and scope select: the fairs, and the years whose standing pairs count."""

    period: Period
    scope: Scope
    events: list[int]
    years: list[int]


def _select(session: Session, period: Period, scope: Scope) -> _Selection:
    statement = select(JobFairEvent.id).where(
        JobFairEvent.held_on >= period.start, JobFairEvent.held_on <= period.end
    )
    if period.event is not None:
        statement = statement.where(JobFairEvent.code == period.event)
    events = list(session.scalars(statement.order_by(JobFairEvent.id)))
    first_run = session.scalar(select(func.min(MatchingRun.year)).where(MatchingRun.program == Program.AID))
    years: list[int] = []
    if first_run is not None and period.event is None:
        years = list(range(max(period.start.year, first_run), period.end.year + 1))
    return _Selection(period, scope, events, years)


def _in_scope(statement: Any, scope: Scope) -> Any:
    return statement.where(Enterprise.park_id == scope.park_id) if scope.park_id is not None else statement


def _intent_rows(session: Session, chosen: _Selection, kinds: Sequence[OutcomeKind]) -> pd.DataFrame:
    """(graduate, enterprise, occurred_on) of the outcomes of these kinds at the chosen fairs."""
    statement = _in_scope(
        select(JobFairOutcome.graduate_id, Position.enterprise_id, JobFairOutcome.occurred_on)
        .join(Position, Position.id == JobFairOutcome.position_id)
        .join(Enterprise, Enterprise.id == Position.enterprise_id)
        .where(JobFairOutcome.event_id.in_(chosen.events), JobFairOutcome.kind.in_(list(kinds))),
        chosen.scope,
    )
    return pd.DataFrame(session.execute(statement).all(), columns=["graduate", "enterprise", "occurred_on"])


def _standing_pairs(session: Session, years: Iterable[int]) -> pd.DataFrame:
    """(year, village, enterprise, role, term_start, term_years) of every pair standing in those years."""
    years = list(years)
    rows: list[tuple[int, int, int, str, int, int]] = []
    if years:
        by_year = _lead_decisions(session, max(years))
        helpers = _helper_pairs(session, years)
        for year in years:
            for village, tenure in _tenures(by_year, year).items():
                if tenure.covers(year):
                    rows.append((year, village, tenure.enterprise_id, LEAD, tenure.start, tenure.years))
            rows += [(year, v, e, HELPER, year, 1) for v, e in sorted(helpers.get(year, ()))]
    return pd.DataFrame(
        rows, columns=["year", "village", "enterprise", "role", "term_start", "term_years"]
    ).astype({"year": "int64", "village": "int64", "enterprise": "int64"})


def _enterprise_parks(session: Session) -> dict[int, int]:
    return dict(session.execute(select(Enterprise.id, Enterprise.park_id)).all())


def _pairs_in_scope(session: Session, chosen: _Selection) -> pd.DataFrame:
    pairs = _standing_pairs(session, chosen.years)
    if chosen.scope.park_id is not None and not pairs.empty:
        parks = _enterprise_parks(session)
        pairs = pairs[pairs["enterprise"].map(parks) == chosen.scope.park_id]
    return pairs


def _aid_rows(session: Session, chosen: _Selection) -> pd.DataFrame:
    """(enterprise, village, kind, value, occurred_on) of the aid outcomes dated in the period."""
    if chosen.period.event is not None:
        return pd.DataFrame(columns=["enterprise", "village", "kind", "value", "occurred_on"])
    statement = _in_scope(
        select(
            AidOutcome.enterprise_id,
            AidOutcome.village_id,
            AidOutcome.kind,
            AidOutcome.value,
            AidOutcome.occurred_on,
        )
        .join(Enterprise, Enterprise.id == AidOutcome.enterprise_id)
        .where(AidOutcome.occurred_on >= chosen.period.start, AidOutcome.occurred_on <= chosen.period.end),
        chosen.scope,
    )
    frame = pd.DataFrame(
        session.execute(statement).all(), columns=["enterprise", "village", "kind", "value", "occurred_on"]
    )
    frame["kind"] = frame["kind"].map(lambda k: OutcomeKind(k).value)
    frame["value"] = frame["value"].astype(float)
    return frame


def _fair_counts(session: Session, chosen: _Selection) -> dict[str, float]:
    positions = _in_scope(
        select(
            func.count(distinct(Position.enterprise_id)),
            func.count(Position.id),
            func.coalesce(func.sum(Position.headcount), 0),
        )
        .join(Enterprise, Enterprise.id == Position.enterprise_id)
        .where(Position.event_id.in_(chosen.events)),
        chosen.scope,
    )
    enterprises, listed, openings = session.execute(positions).one()
    graduates = int(
        session.scalar(
            select(func.count(distinct(Registration.graduate_id))).where(
                Registration.event_id.in_(chosen.events)
            )
        )
        or 0
    )
    intents = _intent_rows(session, chosen, INTENT_KINDS)["graduate"].nunique()
    offers = _intent_rows(session, chosen, OFFER_KINDS)["graduate"].nunique()
    signed = _intent_rows(session, chosen, (OutcomeKind.SIGNED,))["graduate"].nunique()
    return {
        "jobfair.fairs": len(chosen.events),
        "jobfair.enterprises": int(enterprises or 0),
        "jobfair.positions": int(listed or 0),
        "jobfair.openings": int(openings or 0),
        "jobfair.graduates": graduates,
        "jobfair.intents": int(intents),
        "jobfair.offers": int(offers),
        "jobfair.signed": int(signed),
        "jobfair.intent_rate": round(intents / graduates, 4) if graduates else 0.0,
    }


def _aid_counts(session: Session, chosen: _Selection) -> tuple[dict[str, float], tuple[int, int] | None]:
    pairs = _pairs_in_scope(session, chosen)
    delivered = _aid_rows(session, chosen)
    sums = delivered.groupby("kind")["value"].sum() if not delivered.empty else pd.Series(dtype=float)
    figures: dict[str, float] = {
        "aid.enterprises": int(pairs["enterprise"].nunique()),
        "aid.villages": int(pairs["village"].nunique()),
    }
    for kind in AID_KINDS:
        value = float(sums.get(kind, 0.0))
        figures[f"aid.{kind}"] = int(value) if value.is_integer() else round(value, 2)
    years = None
    if not delivered.empty:
        dates = pd.to_datetime(delivered["occurred_on"])
        years = (int(dates.dt.year.min()), int(dates.dt.year.max()))
    return figures, years


def _figures(session: Session, chosen: _Selection) -> tuple[dict[str, float], tuple[int, int] | None]:
    aid, years = _aid_counts(session, chosen)
    return _fair_counts(session, chosen) | aid, years


def report(session: Session, actor: Actor, period: Period, park_code: str | None = None) -> Report:
    """The report of `period` for the city or one park (a park official: their own park only)."""
    require(actor, Action.VIEW_REPORTS)
    scope = resolve_scope(session, actor, park_code)
    chosen = _select(session, period, scope)
    values, aid_years = _figures(session, chosen)
    before = previous_period(session, actor, period)
    previous: dict[str, float] = {}
    if before is not None:
        previous, _ = _figures(session, _select(session, before, scope))
    figures = [
        Figure(code, values[code], previous.get(code) if before else None, UNITS.get(code, "count"))
        for code in FIGURE_CODES
    ]
    return Report(
        period=period,
        previous_period=before,
        scope=scope,
        figures=figures,
        aid_years=aid_years,
        by_park=_by_park(session, chosen),
        by_county=_by_county(session, chosen),
        by_university=_by_university(session, chosen),
        by_month=_by_month(session, chosen),
        by_industry=_by_industry(session, chosen),
    )


# ---------------------------------------------------------------------------------------- breakdowns


def _registered(session: Session, chosen: _Selection, key: Any, *joins: Any) -> pd.DataFrame:
    statement = select(key, func.count(distinct(Registration.graduate_id))).join(
        Graduate, Graduate.id == Registration.graduate_id
    )
    for target, on in joins:
        statement = statement.join(target, on)
    statement = statement.where(Registration.event_id.in_(chosen.events)).group_by(key)
    return pd.DataFrame(session.execute(statement).all(), columns=["key", "graduates"])


def _rate(frame: pd.DataFrame) -> pd.DataFrame:
    frame["intent_rate"] = (frame["intents"] / frame["graduates"].where(frame["graduates"] > 0)).fillna(0.0)
    frame["intent_rate"] = frame["intent_rate"].round(4)
    return frame


def _by_graduate_attribute(
    session: Session, chosen: _Selection, key: Any, joins: Sequence[tuple[Any, Any]], name: str
) -> pd.DataFrame:
    registered = _registered(session, chosen, key, *joins)
    intents = _intent_rows(session, chosen, INTENT_KINDS)
    graduate_key = dict(
        session.execute(
            _join_all(select(Graduate.id, key), joins).where(
                Graduate.id.in_([int(g) for g in intents["graduate"].unique()])
            )
        ).all()
    )
    per_key = (
        intents.drop_duplicates("graduate")["graduate"].map(graduate_key).value_counts()
        if not intents.empty
        else pd.Series(dtype="int64")
    )
    frame = registered.set_index("key")
    frame["intents"] = per_key.reindex(frame.index).fillna(0).astype("int64")
    extra = per_key.index.difference(frame.index)  # graduates with an intent but no registration
    for missing in extra:
        frame.loc[missing] = {"graduates": 0, "intents": int(per_key[missing])}
    frame = _rate(frame.reset_index().rename(columns={"key": name}))
    return frame.sort_values([name]).reset_index(drop=True)[[name, "graduates", "intents", "intent_rate"]]


def _join_all(statement: Any, joins: Sequence[tuple[Any, Any]]) -> Any:
    for target, on in joins:
        statement = statement.join(target, on)
    return statement


def _by_university(session: Session, chosen: _Selection) -> pd.DataFrame:
    return _by_graduate_attribute(
        session,
        chosen,
        University.name,
        [(University, University.id == Graduate.university_id)],
        "university",
    )


def _by_county(session: Session, chosen: _Selection) -> pd.DataFrame:
    """Per county: the graduates from it (registered, with an intent, the rate) and the aid its villages
    received (villages paired, yuan, jobs, medical, legal)."""
    graduates = _by_graduate_attribute(session, chosen, Graduate.home_county_code, [], "county_code")
    pairs = _pairs_in_scope(session, chosen)
    delivered = _aid_rows(session, chosen)
    village_county = dict(session.execute(select(Village.id, Village.county_code)).all())
    aid = pd.DataFrame({"county_code": pd.Series(dtype="object")})
    if not pairs.empty:
        paired = pairs.drop_duplicates("village")["village"].map(village_county).value_counts()
        aid = paired.rename("villages").rename_axis("county_code").reset_index()
    if not delivered.empty:
        delivered = delivered.assign(county_code=delivered["village"].map(village_county))
        sums = delivered.pivot_table(index="county_code", columns="kind", values="value", aggfunc="sum")
        aid = aid.merge(sums.reset_index(), on="county_code", how="outer")
    frame = graduates.merge(aid, on="county_code", how="outer")
    for column in ("graduates", "intents", "intent_rate", "villages", *AID_KINDS):
        if column not in frame.columns:
            frame[column] = 0
        frame[column] = frame[column].fillna(0)
    for column in ("graduates", "intents", "villages", "jobs", "medical", "legal"):
        frame[column] = frame[column].astype("int64")
    frame.insert(1, "county", frame["county_code"].map(county_name))
    columns = ["county_code", "county", "graduates", "intents", "intent_rate", "villages", *AID_KINDS]
    return frame.sort_values("county_code").reset_index(drop=True)[columns]


def _by_park(session: Session, chosen: _Selection) -> pd.DataFrame:
    """Per park: the fair's enterprises, openings and graduates with an intent at them; the aid pairs'
    enterprises and villages and what they delivered."""
    parks = session.execute(select(Park.id, Park.code, Park.name).order_by(Park.id)).all()
    if chosen.scope.park_id is not None:
        parks = [p for p in parks if p[0] == chosen.scope.park_id]
    enterprise_park = _enterprise_parks(session)
    fair = dict(
        (park, (int(e), int(o)))
        for park, e, o in session.execute(
            select(
                Enterprise.park_id,
                func.count(distinct(Position.enterprise_id)),
                func.coalesce(func.sum(Position.headcount), 0),
            )
            .join(Enterprise, Enterprise.id == Position.enterprise_id)
            .where(Position.event_id.in_(chosen.events))
            .group_by(Enterprise.park_id)
        )
    )
    intents = _intent_rows(session, chosen, INTENT_KINDS)
    # a graduate with intents at two parks counts once in each
    intents_per_park = (
        intents.assign(park=intents["enterprise"].map(enterprise_park))
        .drop_duplicates(["graduate", "park"])["park"]
        .value_counts()
        if not intents.empty
        else pd.Series(dtype="int64")
    )
    pairs = _pairs_in_scope(session, chosen)
    pairs = pairs.assign(park=pairs["enterprise"].map(enterprise_park))
    delivered = _aid_rows(session, chosen)
    delivered = delivered.assign(park=delivered["enterprise"].map(enterprise_park))
    rows = []
    for park_id, code, name in parks:
        of_park = pairs[pairs["park"] == park_id]
        given = delivered[delivered["park"] == park_id].groupby("kind")["value"].sum()
        rows.append(
            {
                "park_code": code,
                "park": name,
                "fair_enterprises": fair.get(park_id, (0, 0))[0],
                "openings": fair.get(park_id, (0, 0))[1],
                "intents": int(intents_per_park.get(park_id, 0)),
                "aid_enterprises": int(of_park["enterprise"].nunique()),
                "villages": int(of_park["village"].nunique()),
                **{kind: float(given.get(kind, 0.0)) for kind in AID_KINDS},
            }
        )
    columns = [
        "park_code",
        "park",
        "fair_enterprises",
        "openings",
        "intents",
        "aid_enterprises",
        "villages",
        *AID_KINDS,
    ]
    return pd.DataFrame(rows, columns=columns)


def _by_month(session: Session, chosen: _Selection) -> pd.DataFrame:
    """Per month: graduates whose first intent outcome was dated in it, and the aid delivered in it."""
    intents = _intent_rows(session, chosen, INTENT_KINDS)
    delivered = _aid_rows(session, chosen)
    months: dict[str, dict[str, float]] = {}
    if not intents.empty:
        first = intents.sort_values("occurred_on").drop_duplicates("graduate")
        for month, count in pd.to_datetime(first["occurred_on"]).dt.strftime("%Y-%m").value_counts().items():
            months.setdefault(str(month), {})["intents"] = int(count)
    if not delivered.empty:
        delivered = delivered.assign(month=pd.to_datetime(delivered["occurred_on"]).dt.strftime("%Y-%m"))
        for (month, kind), value in delivered.groupby(["month", "kind"])["value"].sum().items():
            months.setdefault(str(month), {})[str(kind)] = float(value)
    columns = ["month", "intents", *AID_KINDS]
    frame = pd.DataFrame(
        [{"month": m, **{c: v.get(c, 0) for c in columns[1:]}} for m, v in sorted(months.items())],
        columns=columns,
    )
    return frame.astype({"intents": "int64"})


def _by_industry(session: Session, chosen: _Selection) -> pd.DataFrame:
    """Per GB/T 4754 section of the enterprises at the fairs: enterprises, openings, graduates with an
    intent (a graduate with intents in two sections counts in each)."""
    positions = pd.DataFrame(
        session.execute(
            _in_scope(
                select(Position.enterprise_id, Enterprise.industry_code, Position.headcount)
                .join(Enterprise, Enterprise.id == Position.enterprise_id)
                .where(Position.event_id.in_(chosen.events)),
                chosen.scope,
            )
        ).all(),
        columns=["enterprise", "industry_code", "headcount"],
    )
    columns = ["section", "industry", "enterprises", "openings", "intents"]
    if positions.empty:
        return pd.DataFrame(columns=columns)
    positions["section"] = positions["industry_code"].map(lambda c: reference.industry_section(c) or "")
    section_of = dict(zip(positions["enterprise"], positions["section"], strict=False))
    intents = _intent_rows(session, chosen, INTENT_KINDS)
    per_section = (
        intents.assign(section=intents["enterprise"].map(section_of))
        .drop_duplicates(["graduate", "section"])["section"]
        .value_counts()
        if not intents.empty
        else pd.Series(dtype="int64")
    )
    grouped = positions.groupby("section").agg(
        enterprises=("enterprise", "nunique"), openings=("headcount", "sum")
    )
    grouped["intents"] = per_section.reindex(grouped.index).fillna(0).astype("int64")
    frame = grouped.reset_index()
    frame.insert(1, "industry", frame["section"].map(_section_name))
    return frame.sort_values(["intents", "section"], ascending=[False, True]).reset_index(drop=True)[columns]


def _section_name(section: str) -> str:
    found = reference.industries().get(section)
    return found.name if found else section


# ------------------------------------------------------------------------------------------ the ledger

LEDGER_COLUMNS = [
    "year",
    "village_code",
    "village",
    "county",
    "needs",
    "enterprise_code",
    "enterprise",
    "park",
    "role",
    "status",
    "term",
    "annual_budget",
    "budget_share",
    *AID_KINDS,
]


def ledger(session: Session, actor: Actor, period: Period, park_code: str | None = None) -> pd.DataFrame:
    """The aid ledger (台账): per pair and year of the period, what was planned — the share of the
    enterprise's annual budget the pairing gave the pair (its load) beside that budget, and the village's
    needs — and what was delivered that year (yuan, jobs, medical, legal), with the pair's status:
    approved or pinned that year, or kept by its term from an earlier year. A park official sees their own
    park's pairs only."""
    require(actor, Action.VIEW_DATA)
    scope = resolve_scope(session, actor, park_code)
    chosen = _select(session, period, scope)
    pairs = _pairs_in_scope(session, chosen)
    if pairs.empty:
        return pd.DataFrame(columns=LEDGER_COLUMNS)
    decided = _decided_proposals(session, chosen.years)
    budgets = {
        (e, y): b
        for e, y, b in session.execute(
            select(AidOffer.enterprise_id, AidOffer.year, AidOffer.annual_budget).where(
                AidOffer.year.in_(chosen.years)
            )
        )
    }
    delivered = _aid_rows(session, chosen)
    given: dict[tuple[int, int, int], dict[str, float]] = {}
    if not delivered.empty:
        delivered = delivered.assign(year=pd.to_datetime(delivered["occurred_on"]).dt.year)
        sums = delivered.groupby(["year", "enterprise", "village", "kind"])["value"].sum()
        for (year, enterprise, village, kind), value in sums.items():
            given.setdefault((int(year), int(enterprise), int(village)), {})[str(kind)] = float(value)
    villages = {
        v.id: v
        for v in session.scalars(select(Village).where(Village.id.in_([int(v) for v in pairs["village"]])))
    }
    enterprises = {
        e.id: (e, name)
        for e, name in session.execute(
            select(Enterprise, Park.name)
            .join(Park, Park.id == Enterprise.park_id)
            .where(Enterprise.id.in_([int(e) for e in pairs["enterprise"]]))
        )
    }
    rows = []
    for pair in pairs.itertuples(index=False):
        year, village_id, enterprise_id = int(pair.year), int(pair.village), int(pair.enterprise)
        village = villages[village_id]
        enterprise, park_name = enterprises[enterprise_id]
        status, load = decided.get((year, village_id, enterprise_id, str(pair.role)), (None, None))
        if pair.role == LEAD and int(pair.term_start) < year:
            status = "kept"  # standing by its term from an earlier year
        elif status not in ("approved", "pinned"):
            status = "approved"  # it stands, so its latest decision approved it
        delivered_here = given.get((year, enterprise_id, village_id), {})
        rows.append(
            {
                "year": year,
                "village_code": village.division_code,
                "village": village.name,
                "county": county_name(village.county_code),
                "needs": "、".join(reference.AID_NEED_NAMES_ZH.get(n, n) for n in village.needs),
                "enterprise_code": enterprise.credit_code,
                "enterprise": enterprise.name,
                "park": park_name,
                "role": str(pair.role),
                "status": status,
                "term": term_text(int(pair.term_start), int(pair.term_years))
                if pair.role == LEAD
                else str(year),
                "annual_budget": budgets.get((enterprise_id, year)),
                "budget_share": load,
                **{kind: delivered_here.get(kind, 0.0) for kind in AID_KINDS},
            }
        )
    frame = pd.DataFrame(rows, columns=LEDGER_COLUMNS)
    return frame.sort_values(["year", "park", "enterprise", "village", "role"]).reset_index(drop=True)


def _decided_proposals(
    session: Session, years: Sequence[int]
) -> dict[tuple[int, int, int, str], tuple[str, float | None]]:
    """(year, village, enterprise, role) → (status, load) of the pair's proposal in that year's runs: the
    latest approved or pinned one, else the latest (a pair kept within its term is proposed again)."""
    statement = (
        select(
            MatchingRun.year,
            Proposal.village_id,
            Proposal.enterprise_id,
            Proposal.role,
            Proposal.status,
            Proposal.load,
        )
        .join(MatchingRun, MatchingRun.id == Proposal.run_id)
        .where(
            MatchingRun.program == Program.AID,
            MatchingRun.year.in_(list(years)),
            Proposal.enterprise_id.is_not(None),
            Proposal.village_id.is_not(None),
        )
        .order_by(Proposal.id)
    )
    fixed = (ProposalStatus.APPROVED, ProposalStatus.PINNED)
    found: dict[tuple[int, int, int, str], tuple[str, float | None]] = {}
    for year, village, enterprise, role, status, load in session.execute(statement):
        assert year is not None and village is not None and enterprise is not None  # the WHERE above
        key = (int(year), int(village), int(enterprise), str(role))
        status = ProposalStatus(status)
        if key in found and found[key][0] in fixed and status not in fixed:
            continue  # a later run proposing the pair again does not undo its approval
        found[key] = (status.value, None if load is None else float(load))
    return found


def park_choices(session: Session, actor: Actor) -> list[tuple[str, str]]:
    """(code, name) of the parks the actor may report on: every park, or a park official's own."""
    require(actor, Action.VIEW_REPORTS)
    own = park_scope(actor)
    statement = select(Park.code, Park.name).order_by(Park.id)
    if own is not None:
        statement = statement.where(Park.id == own)
    return [(code, name) for code, name in session.execute(statement)]


def event_choices(session: Session, actor: Actor) -> list[tuple[str, str, date]]:
    """(code, name, held_on) of every fair, latest first."""
    require(actor, Action.VIEW_REPORTS)
    statement = select(JobFairEvent.code, JobFairEvent.name, JobFairEvent.held_on).order_by(
        JobFairEvent.held_on.desc()
    )
    return [(c, n, d) for c, n, d in session.execute(statement)]


__all__ = [
    "FIGURE_CODES",
    "LEDGER_COLUMNS",
    "Figure",
    "Period",
    "Report",
    "Said",
    "Scope",
    "amount_yuan",
    "event_choices",
    "event_period",
    "ledger",
    "park_choices",
    "previous_period",
    "report",
    "reported_to_date",
    "resolve_scope",
    "years_span",
]
