"""Outcomes after the fair and of the aid pairs: recorded per pair with who and when, and the city's totals.

A job-fair outcome belongs to a graduate–position pair of the event that stands on one of three sources:

| source | the pair | may record |
|---|---|---|
| placement | approved or pinned on a stable or welfare run of the event | interviewed, intent, offer, signed, declined |
| shortlist | an approved or pinned recommendation of a shortlist run (an interview planned) | all six |
| held | an interview of the event's timetable marked held | interviewed, intent, offer, signed, declined |
| no_show | an interview of the event's timetable marked no-show | no_show |

So a no-show needs an interview that was planned (shortlist) or missed (timetable), and an intent, offer or
signature needs a pair that met or was meant to be placed. Any other pair is refused with a coded message
naming it. Two kinds contradict each other on one pair: interviewed and no_show, signed and declined; the
second is refused until the first is corrected or withdrawn.

Recording never overwrites: the same kind again (on any date) changes nothing and says so, without an audit
entry. A correction (kind, date) or a withdrawal is its own act, refused when the outcome is no longer what
the official saw, and logged with the old and the new state. A timetable mark records its outcome with
`via = "mark"`; a later mark of the same interview may change or withdraw that one (logged), but never an
outcome an official recorded or corrected by hand (`via = "hand"`).

An aid outcome is recorded only against a pair that stood in the outcome's year (`aid_terms`): a lead pair
approved or pinned in a run of that year or within its term, or a helper pair approved that year. Recording
the same outcome again with another value is a correction, logged with the old and the new value, as is a
deletion; recording exactly what is stored changes nothing and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Select, distinct, func, select
from sqlalchemy.orm import Session

from matching.errors import ConflictError, InputError, InputProblem, NotFoundError
from matching.jobfair.result import Method
from matching.messages import Message
from matching.services import audit
from matching.services.access import Action, Actor, own_park_only, park_scope, require
from matching.services.aid_terms import (
    _helper_pairs,
    _lead_decisions,
    _pairs_not_standing,
    _standing_leads,
    _tenures,
    term_text,
)
from matching.services.decisions import FIXED_STATUSES, HELPER, LEAD, _standing_decisions
from matching.services.disclosure import mask_name
from models import (
    AidOutcome,
    Base,
    Enterprise,
    Graduate,
    Interview,
    JobFairEvent,
    JobFairOutcome,
    MatchingRun,
    OutcomeKind,
    Park,
    Position,
    Program,
    Registration,
    Role,
    University,
    User,
    Village,
)
from models.tables import AID_OUTCOMES, JOBFAIR_OUTCOMES

INTENT_KINDS = (OutcomeKind.INTENT, OutcomeKind.OFFER, OutcomeKind.SIGNED)  # each implies an intent


def _check_exist(session: Session, *records: tuple[type[Base], int]) -> None:
    for model, key in records:
        if session.get(model, key) is None:
            raise NotFoundError(f"{model.__tablename__} {key} does not exist")


# ------------------------------------------------------------------------------------------- job fair

PLACEMENT, SHORTLIST, HELD, NO_SHOW = "placement", "shortlist", "held", "no_show"
SOURCES = (PLACEMENT, SHORTLIST, HELD, NO_SHOW)
_ALL_BUT_NO_SHOW = tuple(k for k in JOBFAIR_OUTCOMES if k is not OutcomeKind.NO_SHOW)
KINDS_BY_SOURCE: dict[str, tuple[OutcomeKind, ...]] = {
    PLACEMENT: _ALL_BUT_NO_SHOW,
    SHORTLIST: JOBFAIR_OUTCOMES,
    HELD: _ALL_BUT_NO_SHOW,
    NO_SHOW: (OutcomeKind.NO_SHOW,),
}
# Two kinds that cannot both be true of one pair.
CONTRADICTING: dict[OutcomeKind, OutcomeKind] = {
    OutcomeKind.INTERVIEWED: OutcomeKind.NO_SHOW,
    OutcomeKind.NO_SHOW: OutcomeKind.INTERVIEWED,
    OutcomeKind.SIGNED: OutcomeKind.DECLINED,
    OutcomeKind.DECLINED: OutcomeKind.SIGNED,
}
# What a timetable mark means for the outcomes (the timetable's statuses; other statuses mean none).
MARK_OUTCOMES = {"held": OutcomeKind.INTERVIEWED, "no_show": OutcomeKind.NO_SHOW}
TIMETABLE_METHOD = "timetable"  # matching.services.timetable.METHOD (that module imports this one)
HAND, MARK = "hand", "mark"
Pair = tuple[int, int]  # (graduate id, position id)


def allowed_kinds(sources: set[str] | frozenset[str]) -> tuple[OutcomeKind, ...]:
    """The kinds a pair standing on these sources may be given, in the usual order."""
    return tuple(k for k in JOBFAIR_OUTCOMES if any(k in KINDS_BY_SOURCE[s] for s in sources))


def _pair_sources(session: Session, event_id: int) -> dict[Pair, set[str]]:
    """Every pair of the event that outcomes can be recorded against, with the sources it stands on."""
    runs = session.execute(
        select(MatchingRun.id, MatchingRun.method)
        .where(MatchingRun.program == Program.JOBFAIR, MatchingRun.event_id == event_id)
        .order_by(MatchingRun.id)
    ).all()
    placement_runs = [r for r, m in runs if m in (Method.STABLE.value, Method.WELFARE.value)]
    shortlist_runs = [r for r, m in runs if m == Method.SHORTLIST.value]
    timetable_runs = [r for r, m in runs if m == TIMETABLE_METHOD]
    sources: dict[Pair, set[str]] = {}
    for name, run_ids in ((PLACEMENT, placement_runs), (SHORTLIST, shortlist_runs)):
        if run_ids:
            for pair, status in _standing_decisions(session, run_ids).items():
                if status in FIXED_STATUSES:
                    sources.setdefault(pair, set()).add(name)
    if timetable_runs:
        day: dict[Pair, str] = {}  # the latest mark per pair over the event's timetables
        for graduate, position, mark in session.execute(
            select(Interview.graduate_id, Interview.position_id, Interview.status)
            .where(
                Interview.run_id.in_(timetable_runs),
                Interview.position_id.is_not(None),
                Interview.status.in_(list(MARK_OUTCOMES)),
            )
            .order_by(Interview.run_id, Interview.id)
        ):
            if position is not None:
                day[(graduate, position)] = HELD if mark == "held" else NO_SHOW
        for pair, name in day.items():
            sources.setdefault(pair, set()).add(name)
    return sources


@dataclass(frozen=True)
class _PairNames:
    graduate: str  # the graduate's code (never the name)
    position_code: str
    position: str
    enterprise: str
    event: str


def _names(session: Session, event_id: int, graduate_id: int, position_id: int) -> _PairNames:
    graduate = session.get(Graduate, graduate_id)
    position = session.get(Position, position_id)
    event = session.get(JobFairEvent, event_id)
    if graduate is None or position is None or event is None:
        missing = "job fair" if event is None else "graduate" if graduate is None else "position"
        key = event_id if event is None else graduate_id if graduate is None else position_id
        raise NotFoundError(f"{missing} {key} does not exist")
    enterprise = session.scalar(select(Enterprise.name).where(Enterprise.id == position.enterprise_id))
    return _PairNames(graduate.code, position.code, position.title, str(enterprise), event.name)


def _kind_message(kind: OutcomeKind | str) -> Message:
    return Message(f"outcomes.kind.{OutcomeKind(kind).value}")


@dataclass(frozen=True)
class JobFairOutcomeChange:
    """What recording, correcting or withdrawing one job-fair outcome did. `change` is recorded, unchanged
    (it was there already: nothing written, nothing logged), corrected, withdrawn, or kept (a timetable mark
    met an outcome an official recorded by hand and left it). `kind`/`occurred_on` are the state after,
    `previous_kind`/`previous_on` the state before (None where there was none)."""

    outcome_id: int | None
    change: str
    names: _PairNames
    kind: OutcomeKind | None
    occurred_on: date | None
    previous_kind: OutcomeKind | None = None
    previous_on: date | None = None
    by: str = ""  # who recorded what was already there (unchanged)

    @property
    def message(self) -> Message:
        code = f"outcomes.jobfair.{self.change}"
        if self.change == "unchanged" and self.previous_on != self.occurred_on:
            code = "outcomes.jobfair.unchanged_other_date"
        return Message(
            code,
            {
                "graduate": self.names.graduate,
                "position_code": self.names.position_code,
                "position": self.names.position,
                "enterprise": self.names.enterprise,
                "event": self.names.event,
                "kind": _kind_message(self.kind) if self.kind else "",
                "date": self.occurred_on.isoformat() if self.occurred_on else "",
                "old_kind": _kind_message(self.previous_kind) if self.previous_kind else "",
                "old_date": self.previous_on.isoformat() if self.previous_on else "",
                "by": self.by or Message("outcomes.by_server"),
            },
        )


def _refused(code: str, names: _PairNames, **more: Any) -> InputError:
    params: dict[str, Any] = {
        "graduate": names.graduate,
        "position_code": names.position_code,
        "position": names.position,
        "enterprise": names.enterprise,
        "event": names.event,
        **more,
    }
    return InputError(InputProblem("(outcome)", Message(code, params).text(), code=code, params=params))


def _stored(
    session: Session, event_id: int, graduate_id: int, position_id: int
) -> dict[OutcomeKind, JobFairOutcome]:
    return {
        OutcomeKind(o.kind): o
        for o in session.scalars(
            select(JobFairOutcome).where(
                JobFairOutcome.event_id == event_id,
                JobFairOutcome.graduate_id == graduate_id,
                JobFairOutcome.position_id == position_id,
            )
        )
    }


def _check_kind(
    session: Session,
    event_id: int,
    graduate_id: int,
    position_id: int,
    kind: OutcomeKind,
    names: _PairNames,
    others: dict[OutcomeKind, JobFairOutcome],
) -> None:
    """Refuse (InputError, one coded line) a kind the pair's sources do not allow or one that contradicts
    another recorded kind of the pair."""
    position_event = session.scalar(select(Position.event_id).where(Position.id == position_id))
    sources = _pair_sources(session, event_id).get((graduate_id, position_id), set())
    if position_event != event_id or not sources:
        raise _refused("outcomes.jobfair.not_a_pair", names)
    if kind not in allowed_kinds(sources):
        raise _refused(
            "outcomes.jobfair.kind_not_allowed",
            names,
            kind=_kind_message(kind),
            needs=Message(f"outcomes.needs.{kind.value}"),
        )
    against = CONTRADICTING.get(kind)
    if against is not None and against in others:
        raise _refused(
            "outcomes.jobfair.contradicts",
            names,
            kind=_kind_message(kind),
            stored_kind=_kind_message(against),
            stored_date=others[against].occurred_on.isoformat(),
        )


def _state(outcome: JobFairOutcome) -> dict[str, str]:
    return {"kind": OutcomeKind(outcome.kind).value, "occurred_on": outcome.occurred_on.isoformat()}


def _pair_key(event_id: int, graduate_id: int, position_id: int) -> str:
    return f"{event_id}/{graduate_id}/{position_id}"


def _recorder(session: Session, outcome: JobFairOutcome) -> str:
    if outcome.recorded_by_id is None:
        return ""
    return str(session.scalar(select(User.display_name).where(User.id == outcome.recorded_by_id)) or "")


def record_jobfair_outcome(
    session: Session,
    event_id: int,
    graduate_id: int,
    position_id: int,
    kind: OutcomeKind,
    occurred_on: date,
    actor: Actor,
) -> JobFairOutcomeChange:
    """Record one outcome of a graduate–position pair of the event (see the module's table of sources).
    Refused (InputError, one coded line naming the pair) for a pair on no source, a kind its sources do not
    allow, or a kind contradicting one recorded; the same kind again changes nothing and says so."""
    require(actor, Action.RECORD_JOBFAIR_OUTCOME)
    kind = OutcomeKind(kind)
    if kind not in JOBFAIR_OUTCOMES:
        raise ValueError(f"'{kind.value}' is not a job-fair outcome")
    names = _names(session, event_id, graduate_id, position_id)
    stored = _stored(session, event_id, graduate_id, position_id)
    if kind in stored:
        there = stored[kind]
        return JobFairOutcomeChange(
            there.id,
            "unchanged",
            names,
            kind,
            occurred_on,
            kind,
            there.occurred_on,
            _recorder(session, there),
        )
    _check_kind(session, event_id, graduate_id, position_id, kind, names, stored)
    return _add(session, event_id, graduate_id, position_id, kind, occurred_on, actor, names, HAND)


def _add(
    session: Session,
    event_id: int,
    graduate_id: int,
    position_id: int,
    kind: OutcomeKind,
    occurred_on: date,
    actor: Actor,
    names: _PairNames,
    via: str,
    details: dict[str, Any] | None = None,
) -> JobFairOutcomeChange:
    outcome = JobFairOutcome(
        event_id=event_id,
        graduate_id=graduate_id,
        position_id=position_id,
        kind=kind,
        occurred_on=occurred_on,
        recorded_by_id=actor.user_id,
        via=via,
    )
    session.add(outcome)
    session.flush()
    audit.record(
        session,
        actor.username,
        "outcome.jobfair",
        JobFairOutcome.__tablename__,
        _pair_key(event_id, graduate_id, position_id),
        {**_state(outcome), "via": via, **(details or {})},
    )
    return JobFairOutcomeChange(outcome.id, "recorded", names, kind, occurred_on)


class OutcomeGone(NotFoundError):
    """The outcome was withdrawn (or never was); `message` says so in the reader's language."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(message.text())


class OutcomeChanged(ConflictError):
    """Someone changed the outcome since the official saw it; `message` says what it is now."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(message.text())


def _outcome(session: Session, outcome_id: int) -> JobFairOutcome:
    outcome = session.get(JobFairOutcome, outcome_id)
    if outcome is None:
        raise OutcomeGone(Message("outcomes.jobfair.gone", {"outcome": outcome_id}))
    return outcome


def _check_seen(
    outcome: JobFairOutcome, names: _PairNames, seen: tuple[OutcomeKind | str, date] | None
) -> None:
    """An official corrects what they saw: refused when someone changed it since."""
    if seen is None:
        return
    if (OutcomeKind(seen[0]), seen[1]) != (OutcomeKind(outcome.kind), outcome.occurred_on):
        raise OutcomeChanged(
            Message(
                "outcomes.jobfair.stale",
                {
                    "graduate": names.graduate,
                    "position_code": names.position_code,
                    "stored_kind": _kind_message(outcome.kind),
                    "stored_date": outcome.occurred_on.isoformat(),
                },
            )
        )


def correct_jobfair_outcome(
    session: Session,
    outcome_id: int,
    kind: OutcomeKind,
    occurred_on: date,
    actor: Actor,
    seen: tuple[OutcomeKind | str, date] | None = None,
) -> JobFairOutcomeChange:
    """Change a recorded outcome's kind or date; logged with the old and the new state. `seen` is the kind
    and date the official corrected (refused with ConflictError if the outcome is no longer that). The new
    kind must suit the pair's sources, not be recorded already and not contradict another of its kinds.
    From then on the outcome is the official's (`via = "hand"`): no timetable mark changes it."""
    require(actor, Action.RECORD_JOBFAIR_OUTCOME)
    kind = OutcomeKind(kind)
    if kind not in JOBFAIR_OUTCOMES:
        raise ValueError(f"'{kind.value}' is not a job-fair outcome")
    outcome = _outcome(session, outcome_id)
    names = _names(session, outcome.event_id, outcome.graduate_id, outcome.position_id)
    _check_seen(outcome, names, seen)
    before_kind, before_on = OutcomeKind(outcome.kind), outcome.occurred_on
    if (kind, occurred_on) == (before_kind, before_on):
        return JobFairOutcomeChange(
            outcome.id, "unchanged", names, kind, occurred_on, kind, before_on, _recorder(session, outcome)
        )
    if kind is not before_kind:
        others = {
            k: o
            for k, o in _stored(session, outcome.event_id, outcome.graduate_id, outcome.position_id).items()
            if o.id != outcome.id
        }
        if kind in others:
            raise _refused(
                "outcomes.jobfair.twice",
                names,
                kind=_kind_message(kind),
                stored_date=others[kind].occurred_on.isoformat(),
            )
        _check_kind(session, outcome.event_id, outcome.graduate_id, outcome.position_id, kind, names, others)
    return _change(session, outcome, kind, occurred_on, actor, names, HAND)


def _change(
    session: Session,
    outcome: JobFairOutcome,
    kind: OutcomeKind,
    occurred_on: date,
    actor: Actor,
    names: _PairNames,
    via: str,
    details: dict[str, Any] | None = None,
) -> JobFairOutcomeChange:
    old = _state(outcome)
    before_kind, before_on = OutcomeKind(outcome.kind), outcome.occurred_on
    outcome.kind, outcome.occurred_on = kind, occurred_on
    outcome.recorded_by_id, outcome.via = actor.user_id, via
    session.flush()
    audit.record(
        session,
        actor.username,
        "outcome.jobfair.correct",
        JobFairOutcome.__tablename__,
        _pair_key(outcome.event_id, outcome.graduate_id, outcome.position_id),
        {"old": old, "new": _state(outcome), "via": via, **(details or {})},
    )
    return JobFairOutcomeChange(outcome.id, "corrected", names, kind, occurred_on, before_kind, before_on)


def withdraw_jobfair_outcome(
    session: Session,
    outcome_id: int,
    actor: Actor,
    seen: tuple[OutcomeKind | str, date] | None = None,
) -> JobFairOutcomeChange:
    """Withdraw a recorded outcome (a mistaken entry); logged with what it was. `seen` as for a correction."""
    require(actor, Action.RECORD_JOBFAIR_OUTCOME)
    outcome = _outcome(session, outcome_id)
    names = _names(session, outcome.event_id, outcome.graduate_id, outcome.position_id)
    _check_seen(outcome, names, seen)
    return _withdraw(session, outcome, actor, names)


def _withdraw(
    session: Session,
    outcome: JobFairOutcome,
    actor: Actor,
    names: _PairNames,
    details: dict[str, Any] | None = None,
) -> JobFairOutcomeChange:
    old = _state(outcome)
    before_kind, before_on = OutcomeKind(outcome.kind), outcome.occurred_on
    key = _pair_key(outcome.event_id, outcome.graduate_id, outcome.position_id)
    session.delete(outcome)
    session.flush()
    audit.record(
        session,
        actor.username,
        "outcome.jobfair.withdraw",
        JobFairOutcome.__tablename__,
        key,
        {"old": old, "new": None, **(details or {})},
    )
    return JobFairOutcomeChange(None, "withdrawn", names, before_kind, before_on, before_kind, before_on)


def record_what_happened(session: Session, interview_id: int, actor: Actor) -> JobFairOutcomeChange | None:
    """What a timetable interview's mark means for the pair's outcomes, recorded on the fair's day: held →
    interviewed, no_show → no_show, any other status → none. An outcome an earlier mark of the pair recorded
    follows the new mark (corrected or withdrawn, logged); one an official recorded or corrected by hand is
    never changed (the change says "kept"). None when the interview names no position (a walk-in at a
    booth) or there is nothing to do."""
    require(actor, Action.RECORD_JOBFAIR_OUTCOME)
    entry = session.get(Interview, interview_id)
    if entry is None:
        raise NotFoundError(f"interview {interview_id} does not exist")
    run = session.get(MatchingRun, entry.run_id)
    if entry.position_id is None or run is None or run.event_id is None:
        return None
    event = session.get(JobFairEvent, run.event_id)
    assert event is not None
    wanted = MARK_OUTCOMES.get(entry.status)
    pair = (event.id, entry.graduate_id, entry.position_id)
    day_kinds = set(MARK_OUTCOMES.values())
    stored = {k: o for k, o in _stored(session, *pair).items() if k in day_kinds}
    marked = [o for o in stored.values() if o.via == MARK]
    names = _names(session, *pair)
    details = {"interview": interview_id, "status": entry.status}
    if wanted is None:
        changes = [_withdraw(session, o, actor, names, details) for o in marked]
        return changes[-1] if changes else None
    if wanted in stored:
        there = stored[wanted]
        return JobFairOutcomeChange(
            there.id,
            "unchanged",
            names,
            wanted,
            there.occurred_on,
            wanted,
            there.occurred_on,
            _recorder(session, there),
        )
    by_hand = [o for o in stored.values() if o.via == HAND]
    if by_hand:
        there = by_hand[0]
        return JobFairOutcomeChange(
            there.id, "kept", names, OutcomeKind(there.kind), there.occurred_on, wanted, event.held_on
        )
    if marked:
        return _change(session, marked[0], wanted, event.held_on, actor, names, MARK, details)
    return _add(session, *pair, wanted, event.held_on, actor, names, MARK, details)


JOBFAIR_OUTCOME_COLUMNS = [
    "outcome_id",
    "event_id",
    "event",
    "graduate_id",
    "graduate",
    "graduate_name",
    "university",
    "enterprise",
    "park_id",
    "park",
    "position_id",
    "position_code",
    "position",
    "kind",
    "occurred_on",
    "recorded_by",
    "via",
    "sources",
]


def jobfair_outcomes(
    session: Session,
    actor: Actor,
    *,
    event_ids: list[int] | None = None,
    kinds: list[OutcomeKind | str] | None = None,
    park_ids: list[int] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> pd.DataFrame:
    """What is recorded, newest first, filtered by event, kind, the enterprise's park and date (inclusive):
    one row per outcome with the graduate's code and masked name, university, enterprise, park, position,
    kind, date, who recorded it, how (hand or mark) and the sources the pair stands on now."""
    require(actor, Action.VIEW_GRADUATES)
    statement = (
        select(
            JobFairOutcome,
            JobFairEvent.name,
            Graduate.code,
            Graduate.name,
            University.name,
            Enterprise.name,
            Park.id,
            Park.name,
            Position.code,
            Position.title,
            User.display_name,
        )
        .join(JobFairEvent, JobFairEvent.id == JobFairOutcome.event_id)
        .join(Graduate, Graduate.id == JobFairOutcome.graduate_id)
        .join(University, University.id == Graduate.university_id)
        .join(Position, Position.id == JobFairOutcome.position_id)
        .join(Enterprise, Enterprise.id == Position.enterprise_id)
        .join(Park, Park.id == Enterprise.park_id)
        .outerjoin(User, User.id == JobFairOutcome.recorded_by_id)
        .order_by(JobFairOutcome.occurred_on.desc(), JobFairOutcome.id.desc())
    )
    if event_ids:
        statement = statement.where(JobFairOutcome.event_id.in_(event_ids))
    if kinds:
        statement = statement.where(JobFairOutcome.kind.in_([OutcomeKind(k) for k in kinds]))
    if park_ids:
        statement = statement.where(Enterprise.park_id.in_(park_ids))
    if since is not None:
        statement = statement.where(JobFairOutcome.occurred_on >= since)
    if until is not None:
        statement = statement.where(JobFairOutcome.occurred_on <= until)
    rows = session.execute(statement).all()
    sources = {e: _pair_sources(session, e) for e in {o.event_id for o, *_ in rows}}
    return pd.DataFrame(
        [
            (
                o.id,
                o.event_id,
                event,
                o.graduate_id,
                code,
                mask_name(name),
                university,
                enterprise,
                park_id,
                park,
                o.position_id,
                position_code,
                title,
                OutcomeKind(o.kind).value,
                o.occurred_on,
                recorder or "",
                o.via,
                tuple(s for s in SOURCES if s in sources[o.event_id].get((o.graduate_id, o.position_id), ())),
            )
            for o, event, code, name, university, enterprise, park_id, park, position_code, title, recorder in rows
        ],
        columns=JOBFAIR_OUTCOME_COLUMNS,
    )


JOBFAIR_PAIR_COLUMNS = [
    "graduate_id",
    "position_id",
    "graduate",
    "graduate_name",
    "enterprise",
    "position_code",
    "position",
    "sources",
    "kinds",
    "recorded",
]


def jobfair_outcome_pairs(session: Session, event_id: int, actor: Actor) -> pd.DataFrame:
    """The pairs of the event an outcome can be recorded against: placements first, then shortlist
    interviews, then the timetable's held and missed interviews; each with its sources, the kinds it may be
    given and the kinds recorded already (graduates by code and masked name)."""
    require(actor, Action.RECORD_JOBFAIR_OUTCOME)
    if session.get(JobFairEvent, event_id) is None:
        raise NotFoundError(f"job fair {event_id} does not exist")
    sources = _pair_sources(session, event_id)
    if not sources:
        return pd.DataFrame(columns=JOBFAIR_PAIR_COLUMNS)
    graduates = {
        g: (code, mask_name(name))
        for g, code, name in session.execute(
            select(Graduate.id, Graduate.code, Graduate.name).where(Graduate.id.in_({g for g, _ in sources}))
        )
    }
    positions = {
        p: (code, title, enterprise)
        for p, code, title, enterprise in session.execute(
            select(Position.id, Position.code, Position.title, Enterprise.name)
            .join(Enterprise, Enterprise.id == Position.enterprise_id)
            .where(Position.event_id == event_id)
        )
    }
    recorded: dict[Pair, list[str]] = {}
    for g, p, k in session.execute(
        select(JobFairOutcome.graduate_id, JobFairOutcome.position_id, JobFairOutcome.kind).where(
            JobFairOutcome.event_id == event_id
        )
    ):
        recorded.setdefault((g, p), []).append(OutcomeKind(k).value)
    rows = []
    for (g, p), names in sources.items():
        if p not in positions:
            continue  # a position of another event (not expected: runs are per event)
        ordered = tuple(s for s in SOURCES if s in names)
        rows.append(
            (
                g,
                p,
                *graduates[g],
                positions[p][2],
                positions[p][0],
                positions[p][1],
                ordered,
                tuple(k.value for k in allowed_kinds(names)),
                tuple(k.value for k in JOBFAIR_OUTCOMES if k.value in recorded.get((g, p), ())),
            )
        )
    frame = pd.DataFrame(rows, columns=JOBFAIR_PAIR_COLUMNS)
    frame["_order"] = frame["sources"].map(lambda s: SOURCES.index(s[0]))
    return (
        frame.sort_values(["_order", "graduate", "position_code"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


@dataclass(frozen=True)
class AidOutcomeChange:
    """What recording (or deleting) one aid outcome did: `change` is recorded, corrected, unchanged or
    deleted; `previous` the value stored before (None when there was none)."""

    outcome: AidOutcome | None  # None after a deletion
    change: str
    previous: float | None
    value: float | None

    @property
    def message(self) -> Message:
        return Message(
            f"aid.outcome.{self.change}",
            {"old": _figure(self.previous), "new": _figure(self.value)},
        )


def _figure(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _aid_outcome_key(
    session: Session, enterprise_id: int, village_id: int, kind: OutcomeKind, occurred_on: date, actor: Actor
) -> dict[str, Any]:
    park_id = session.scalar(select(Enterprise.park_id).where(Enterprise.id == enterprise_id))
    require(actor, Action.RECORD_AID_OUTCOME, park_id)
    kind = OutcomeKind(kind)
    if kind not in AID_OUTCOMES:
        raise ValueError(f"'{kind.value}' is not an aid outcome")
    _check_exist(session, (Enterprise, enterprise_id), (Village, village_id))
    return {
        "enterprise_id": enterprise_id,
        "village_id": village_id,
        "kind": kind,
        "occurred_on": occurred_on,
    }


def _audit_key(key: dict[str, Any]) -> str:
    return "/".join(str(getattr(v, "value", v)) for v in key.values())


def record_aid_outcome(
    session: Session,
    enterprise_id: int,
    village_id: int,
    kind: OutcomeKind,
    value: float,
    occurred_on: date,
    actor: Actor,
) -> AidOutcomeChange:
    """Record what an enterprise–village pair delivered on a date. Refused (InputError, one line) unless
    the pair stood in that year; the same pair, kind and date with another value is a correction."""
    key = _aid_outcome_key(session, enterprise_id, village_id, kind, occurred_on, actor)
    if value < 0:
        raise ValueError("an outcome cannot be negative")
    if _pairs_not_standing(session, [(enterprise_id, village_id, occurred_on.year)]):
        enterprise = session.get(Enterprise, enterprise_id)
        village = session.get(Village, village_id)
        assert enterprise is not None and village is not None  # checked above
        params = {"village": village.name, "enterprise": enterprise.name, "year": occurred_on.year}
        raise InputError(
            InputProblem(
                "(outcome)",
                Message("aid.outcome.not_paired", params).text(),
                code="aid.outcome.not_paired",
                params=params,
            )
        )
    stored = session.scalars(select(AidOutcome).filter_by(**key)).one_or_none()
    if stored is not None and stored.value == value:
        return AidOutcomeChange(stored, "unchanged", stored.value, value)
    if stored is None:
        stored = AidOutcome(**key, value=value, recorded_by_id=actor.user_id)
        session.add(stored)
        change, previous, action, details = "recorded", None, "outcome.aid", {"value": value}
    else:
        previous = stored.value
        stored.value, stored.recorded_by_id = value, actor.user_id
        change, action, details = "corrected", "outcome.aid.correct", {"old": previous, "new": value}
    session.flush()
    audit.record(session, actor.username, action, AidOutcome.__tablename__, _audit_key(key), details)
    return AidOutcomeChange(stored, change, previous, value)


def delete_aid_outcome(
    session: Session,
    enterprise_id: int,
    village_id: int,
    kind: OutcomeKind,
    occurred_on: date,
    actor: Actor,
) -> AidOutcomeChange:
    """Delete a recorded aid outcome (a mistaken entry); logged with the value it had."""
    key = _aid_outcome_key(session, enterprise_id, village_id, kind, occurred_on, actor)
    stored = session.scalars(select(AidOutcome).filter_by(**key)).one_or_none()
    if stored is None:
        raise NotFoundError(f"no {OutcomeKind(kind).value} outcome of this pair on {occurred_on.isoformat()}")
    previous = stored.value
    session.delete(stored)
    session.flush()
    audit.record(
        session,
        actor.username,
        "outcome.aid.delete",
        AidOutcome.__tablename__,
        _audit_key(key),
        {"old": previous, "new": None},
    )
    return AidOutcomeChange(None, "deleted", previous, None)


@dataclass(frozen=True)
class JobFairTotals:
    """The figures the city reports for a fair."""

    enterprises: int
    positions: int
    openings: int
    graduates: int
    intents: int  # graduates who reached an employment intent (or an offer, or signed)
    signed: int


def _count(session: Session, statement: Select[Any], column: Any, event_id: int | None) -> int:
    if event_id is not None:
        statement = statement.where(column == event_id)
    return int(session.scalar(statement) or 0)


def jobfair_totals(session: Session, actor: Actor, event_id: int | None = None) -> JobFairTotals:
    """For one event, or over all events when `event_id` is None: city-wide counts, no records."""
    require(actor, Action.VIEW_REPORTS)
    graduates_with = select(func.count(distinct(JobFairOutcome.graduate_id)))
    return JobFairTotals(
        enterprises=_count(
            session, select(func.count(distinct(Position.enterprise_id))), Position.event_id, event_id
        ),
        positions=_count(session, select(func.count(Position.id)), Position.event_id, event_id),
        openings=_count(
            session, select(func.coalesce(func.sum(Position.headcount), 0)), Position.event_id, event_id
        ),
        graduates=_count(
            session, select(func.count(distinct(Registration.graduate_id))), Registration.event_id, event_id
        ),
        intents=_count(
            session,
            graduates_with.where(JobFairOutcome.kind.in_(INTENT_KINDS)),
            JobFairOutcome.event_id,
            event_id,
        ),
        signed=_count(
            session,
            graduates_with.where(JobFairOutcome.kind == OutcomeKind.SIGNED),
            JobFairOutcome.event_id,
            event_id,
        ),
    )


def aid_totals_by_park(session: Session, actor: Actor) -> pd.DataFrame:
    """Per park and year: yuan, jobs, medical services and legal consultations delivered (a park
    official's own park only)."""
    require(actor, Action.VIEW_REPORTS)
    year = func.extract("year", AidOutcome.occurred_on)
    statement = (
        select(Park.name, year, AidOutcome.kind, func.sum(AidOutcome.value))
        .join(Enterprise, Enterprise.id == AidOutcome.enterprise_id)
        .join(Park, Park.id == Enterprise.park_id)
        .group_by(Park.name, year, AidOutcome.kind)
    )
    rows = session.execute(own_park_only(statement, actor)).all()
    frame = pd.DataFrame(rows, columns=["park", "year", "kind", "value"])
    if frame.empty:
        return pd.DataFrame(columns=["park", "year", *[k.value for k in AID_OUTCOMES]])
    frame["year"] = frame["year"].astype(int)
    frame["kind"] = frame["kind"].map(lambda k: OutcomeKind(k).value)
    table = frame.pivot_table(
        index=["park", "year"], columns="kind", values="value", aggfunc="sum", fill_value=0
    )
    for kind in AID_OUTCOMES:
        if kind.value not in table.columns:
            table[kind.value] = 0.0
    return table.reset_index()[["park", "year", *[k.value for k in AID_OUTCOMES]]]


def aid_totals_by_month(session: Session, actor: Actor) -> pd.DataFrame:
    """Per month: the same four figures, for the charts over time (a park official's own park only)."""
    require(actor, Action.VIEW_REPORTS)
    statement = select(AidOutcome.occurred_on, AidOutcome.kind, AidOutcome.value).join(
        Enterprise, Enterprise.id == AidOutcome.enterprise_id
    )
    rows = session.execute(own_park_only(statement, actor)).all()
    frame = pd.DataFrame(rows, columns=["occurred_on", "kind", "value"])
    if frame.empty:
        return pd.DataFrame(columns=["month", *[k.value for k in AID_OUTCOMES]])
    frame["month"] = pd.to_datetime(frame["occurred_on"]).dt.to_period("M").dt.to_timestamp()
    frame["kind"] = frame["kind"].map(lambda k: OutcomeKind(k).value)
    table = frame.pivot_table(index="month", columns="kind", values="value", aggfunc="sum", fill_value=0)
    for kind in AID_OUTCOMES:
        if kind.value not in table.columns:
            table[kind.value] = 0.0
    return table.reset_index()[["month", *[k.value for k in AID_OUTCOMES]]]


def villages_paired(session: Session, actor: Actor, year: int | None = None) -> int:
    """Villages with a lead enterprise standing in `year` (approved or pinned that year, or within its
    term), or in any year of the programme: the city's figure."""
    require(actor, Action.VIEW_REPORTS)
    years = [year] if year is not None else _aid_run_years(session)
    villages: set[int] = set()
    for each in years:
        villages |= _standing_leads(session, each).keys()
    return len(villages)


def _aid_run_years(session: Session) -> list[int]:
    """Every year from the first aid run's to the last's (a term may cover a year without a run)."""
    first, last = session.execute(
        select(func.min(MatchingRun.year), func.max(MatchingRun.year)).where(
            MatchingRun.program == Program.AID
        )
    ).one()
    return [] if first is None or last is None else list(range(first, last + 1))


AID_PAIR_COLUMNS = [
    "year",
    "village_id",
    "enterprise_id",
    "village",
    "enterprise",
    "park_id",
    "role",
    "term_start",
    "term_years",
    "term",
]


def aid_pairs(session: Session, actor: Actor) -> pd.DataFrame:
    """Per year, the pairs outcomes can be recorded against: lead pairs approved or pinned in that year's
    runs or within their term, and helper pairs approved that year; from the first aid run's year to the
    last year a term reaches. A park official sees their own park's pairs only."""
    require(actor, Action.RECORD_AID_OUTCOME, park_scope(actor))
    first, last = session.execute(
        select(func.min(MatchingRun.year), func.max(MatchingRun.year)).where(
            MatchingRun.program == Program.AID, MatchingRun.year.is_not(None)
        )
    ).one()
    if first is None or last is None:
        return pd.DataFrame(columns=AID_PAIR_COLUMNS)
    by_year = _lead_decisions(session, last)
    ends = [d.tenure.end for decided in by_year.values() for d in decided]
    years = range(first, max([last, *ends]) + 1)
    helpers = _helper_pairs(session, years)
    rows: list[tuple[Any, ...]] = []
    for year in years:
        for village, tenure in _tenures(by_year, year).items():
            if tenure.covers(year):
                rows.append((year, village, tenure.enterprise_id, LEAD, tenure.start, tenure.years))
        rows += [
            (year, village, enterprise, HELPER, year, 1) for village, enterprise in helpers.get(year, ())
        ]
    villages = dict(session.execute(select(Village.id, Village.name)).all())
    enterprises = {
        enterprise: (name, park)
        for enterprise, name, park in session.execute(
            select(Enterprise.id, Enterprise.name, Enterprise.park_id)
        )
    }
    frame = pd.DataFrame(
        [
            (
                year,
                village,
                enterprise,
                villages[village],
                *enterprises[enterprise],
                role,
                start,
                term_years,
                term_text(start, term_years),
            )
            for year, village, enterprise, role, start, term_years in rows
        ],
        columns=AID_PAIR_COLUMNS,
    )
    if actor.role is Role.PARK_OFFICIAL:
        frame = frame[frame["park_id"] == actor.park_id]
    return frame.sort_values(["year", "village", "role"]).reset_index(drop=True)


def _id_of(session: Session, model: type[Base], column: Any, code: str, what: str) -> int:
    found = session.scalar(select(model.id).where(column == code))
    if found is None:
        raise NotFoundError(f"no {what} with code '{code}'")
    return int(found)


def record_jobfair_outcome_of(
    session: Session,
    event_code: str,
    graduate_code: str,
    position_code: str,
    kind: str,
    occurred_on: date,
    actor: Actor,
) -> JobFairOutcomeChange:
    """`record_jobfair_outcome` by the codes on the fair's papers (the command line's `outcomes record`)."""
    require(actor, Action.RECORD_JOBFAIR_OUTCOME)
    return record_jobfair_outcome(
        session,
        _id_of(session, JobFairEvent, JobFairEvent.code, event_code, "job fair"),
        _id_of(session, Graduate, Graduate.code, graduate_code, "graduate"),
        _id_of(session, Position, Position.code, position_code, "position"),
        OutcomeKind(kind),
        occurred_on,
        actor,
    )


def record_aid_outcome_of(
    session: Session,
    enterprise_code: str,
    village_code: str,
    kind: str,
    value: float,
    occurred_on: date,
    actor: Actor,
) -> AidOutcomeChange:
    """`record_aid_outcome` by the enterprise's credit code and the village's division code."""
    require(actor, Action.RECORD_AID_OUTCOME, park_scope(actor))  # before looking anything up
    return record_aid_outcome(
        session,
        _id_of(session, Enterprise, Enterprise.credit_code, enterprise_code, "enterprise"),
        _id_of(session, Village, Village.division_code, village_code, "village"),
        OutcomeKind(kind),
        value,
        occurred_on,
        actor,
    )


AID_OUTCOME_COLUMNS = [
    "enterprise_id",
    "village_id",
    "year",
    "park_id",
    "park",
    "enterprise",
    "village",
    "kind",
    "value",
    "occurred_on",
    "recorded_by",
]


def aid_outcomes(
    session: Session,
    actor: Actor,
    *,
    years: list[int] | None = None,
    park_ids: list[int] | None = None,
    kinds: list[OutcomeKind | str] | None = None,
) -> pd.DataFrame:
    """What the aid pairs delivered as recorded, newest first, filtered by year, park and kind: one row
    per outcome (year, park, enterprise, village, kind, value, date, who recorded it). A park official sees
    their own park's only."""
    require(actor, Action.RECORD_AID_OUTCOME, park_scope(actor))
    statement = (
        select(AidOutcome, Park.id, Park.name, Enterprise.name, Village.name, User.display_name)
        .join(Enterprise, Enterprise.id == AidOutcome.enterprise_id)
        .join(Park, Park.id == Enterprise.park_id)
        .join(Village, Village.id == AidOutcome.village_id)
        .outerjoin(User, User.id == AidOutcome.recorded_by_id)
        .order_by(AidOutcome.occurred_on.desc(), AidOutcome.id.desc())
    )
    statement = own_park_only(statement, actor)
    if park_ids:
        statement = statement.where(Enterprise.park_id.in_(park_ids))
    if kinds:
        statement = statement.where(AidOutcome.kind.in_([OutcomeKind(k) for k in kinds]))
    if years:
        statement = statement.where(
            AidOutcome.occurred_on >= date(min(years), 1, 1),
            AidOutcome.occurred_on <= date(max(years), 12, 31),
        )
    rows = [
        (
            o.enterprise_id,
            o.village_id,
            o.occurred_on.year,
            park_id,
            park,
            enterprise,
            village,
            OutcomeKind(o.kind).value,
            float(o.value),
            o.occurred_on,
            recorder or "",
        )
        for o, park_id, park, enterprise, village, recorder in session.execute(statement)
        if not years or o.occurred_on.year in years
    ]
    return pd.DataFrame(rows, columns=AID_OUTCOME_COLUMNS)
