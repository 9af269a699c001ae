"""Aid pairing on stored data: this year's offers and villages → the pure core → one run and its proposals.

Decisions hold in every later run of the same year: approved and pinned pairs are fixed, rejected pairs
forbidden; and a re-run keeps the previous run's unapproved pairs where it can (the core trades at most a
small share of value for stability), reporting how many villages moved.

Pairing terms (`PairingTerm`, an option of the stored run, not of the core): a lead pair approved or pinned
in year Y0 of a run with a term of T years stands for Y0 … Y0+T−1, so the runs of those later years keep it
fixed unless an official rejects it that year (or approves another enterprise for the village). When its
term has ended it is free: last year's pair feeds the core's continuity score, and a run that chooses it
again labels it renewed. Each lead proposal stores its term and whether it is kept, renewed or new.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from matching import reference
from matching.aid.helpers import HelperOptions as HelperOptions  # the core's options, for the pages
from matching.aid.pairing import SolveOptions as SolveOptions
from matching.aid.parameters import AidParameters as AidParameters
from matching.aid.parameters import ScoringWeights as ScoringWeights
from matching.aid.problem import Distance as Distance
from matching.aid.run import AidOptions, AidOutcome, pair_villages
from matching.errors import NotFoundError
from matching.messages import Message
from matching.options import as_parameters
from matching.results import say_json
from matching.services import audit
from matching.services.access import Action, Actor, require
from matching.services.aid_terms import TermBook, _term_book
from matching.services.decisions import HELPER, lock_action
from matching.services.jobs import Progress
from matching.services.pairing_term import PairingTerm as PairingTerm  # an option of stored runs
from matching.services.run_inputs import input_hash
from models import (
    AidOffer,
    Enterprise,
    MatchingRun,
    Park,
    Program,
    Proposal,
    ProposalStatus,
    RunStatus,
    Village,
)
from models.tables import TermKind

METHOD = "pairing"


@dataclass(frozen=True)
class AidFrames:
    enterprises: pd.DataFrame
    villages: pd.DataFrame
    locks: pd.DataFrame
    decided: dict[tuple[str, str], ProposalStatus]  # (village code, credit code) → standing decision
    previous: dict[str, str]  # village code → enterprise credit code in the latest run of the year
    terms: TermBook  # pairs kept within their term, last year's pairs, the run's term
    ended_early: int  # pairs within their term whose enterprise made no offer this year


@dataclass(frozen=True)
class AidRunSummary:
    run_id: int
    status: RunStatus
    summary: str
    covered: int
    villages: int
    moved: int | None
    kept_decisions: int
    diagnosis: list[str]  # in English (logs); `diagnosis_in(lang)` says it in the reader's language
    message: Message  # the summary as a code and its parameters, said in the reader's language
    term_years: int = PairingTerm().years
    kept_in_term: int = 0  # lead pairs kept fixed within a term begun in an earlier year
    renewed: int = 0  # last year's pairs whose term ended, chosen again
    new: int = 0
    ended_early: int = 0  # pairs within their term not kept: their enterprise made no offer this year
    diagnosis_json: tuple[dict[str, Any], ...] = ()  # the diagnosis as message JSON, one entry per line

    def diagnosis_in(self, lang: str) -> list[str]:
        """Why there is no full pairing, one line each, in `lang`."""
        return [say_json(line, lang) for line in self.diagnosis_json]

    @property
    def terms_message(self) -> Message:
        return Message(
            "aid.terms.summary",
            {
                "years": self.term_years,
                "kept": self.kept_in_term,
                "renewed": self.renewed,
                "new": self.new,
                "ended": ""
                if not self.ended_early
                else Message("aid.terms.ended_early", {"count": self.ended_early}),
            },
        )


def minimum_targets(session: Session, actor: Actor) -> tuple[dict[str, str], dict[str, str]]:
    """What park and county minimums can name: park code → name, and Dandong's county codes → names."""
    require(actor, Action.RUN_AID)
    parks = dict(session.execute(select(Park.code, Park.name).order_by(Park.id)).all())
    return parks, reference.dandong_counties()


def latest_offer_year(session: Session, actor: Actor) -> int | None:
    require(actor, Action.VIEW_DATA)
    return session.scalar(select(func.max(AidOffer.year)))


def _aid_frames(session: Session, year: int, term: PairingTerm) -> AidFrames:
    offers = session.execute(
        select(AidOffer, Enterprise, Park.code)
        .join(Enterprise, Enterprise.id == AidOffer.enterprise_id)
        .join(Park, Park.id == Enterprise.park_id)
        .where(AidOffer.year == year)
        .order_by(Enterprise.credit_code)
    ).all()
    if not offers:
        raise NotFoundError(f"no aid offers for {year}; import aid_offers for that year first")
    enterprises = pd.DataFrame(
        {
            "enterprise_id": [e.credit_code for _, e, _ in offers],
            "name": [e.name for _, e, _ in offers],
            "capacity": [str(o.annual_budget) for o, _, _ in offers],
            "max_villages": [str(o.max_villages) for o, _, _ in offers],
            "capabilities": [";".join(o.capabilities) for o, _, _ in offers],
            "county_code": [e.county_code for _, e, _ in offers],
            "township_code": [e.township_code or "" for _, e, _ in offers],
            "park_id": [park for _, _, park in offers],
        }
    )
    village_codes, enterprise_codes = _codes(session)
    terms, ended_early = _term_book(session, year, term.years, {e.id for _, e, _ in offers})
    # last year's working pair, whether decided last year or standing within its term
    last_year = {village_codes[v]: enterprise_codes[t.enterprise_id] for v, t in terms.previous.items()}
    village_rows = list(session.scalars(select(Village).order_by(Village.division_code)))
    villages = pd.DataFrame(
        {
            "village_id": [v.division_code for v in village_rows],
            "name": [v.name for v in village_rows],
            "county_code": [v.county_code for v in village_rows],
            "township_code": [v.township_code for v in village_rows],
            "population": [str(v.population) for v in village_rows],
            "income": [str(v.income_per_capita) for v in village_rows],
            "needs": [";".join(v.needs) for v in village_rows],
            "previous_enterprise_id": [last_year.get(v.division_code, "") for v in village_rows],
        }
    )
    decided = {(village_codes[v], enterprise_codes[e]): d.status for (v, e), d in terms.decided.items()}
    locks = [(enterprise, village, lock_action(status)) for (village, enterprise), status in decided.items()]
    locks += [
        (enterprise_codes[t.enterprise_id], village_codes[v], lock_action(ProposalStatus.APPROVED))
        for v, t in terms.kept.items()
    ]
    lock_frame = pd.DataFrame(locks, columns=["enterprise_id", "village_id", "action"])
    return AidFrames(
        enterprises,
        villages,
        lock_frame,
        decided,
        _latest_assignment(session, year),
        terms,
        ended_early,
    )


def _codes(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    villages = dict(session.execute(select(Village.id, Village.division_code)).all())
    enterprises = dict(session.execute(select(Enterprise.id, Enterprise.credit_code)).all())
    return villages, enterprises


def _latest_assignment(session: Session, year: int) -> dict[str, str]:
    run_id = session.scalar(
        select(MatchingRun.id)
        .where(MatchingRun.program == Program.AID, MatchingRun.year == year, MatchingRun.method == METHOD)
        .order_by(MatchingRun.id.desc())
        .limit(1)
    )
    if run_id is None:
        return {}
    villages, enterprises = _codes(session)
    rows = session.execute(
        select(Proposal.village_id, Proposal.enterprise_id).where(
            Proposal.run_id == run_id, Proposal.enterprise_id.is_not(None), Proposal.role != HELPER
        )
    ).all()
    return {villages[v]: enterprises[e] for v, e in rows if v is not None and e is not None}


def run_aid(
    sessions: sessionmaker[Session],
    year: int | None = None,
    options: AidOptions | None = None,
    *,
    actor: Actor,
    progress: Progress | None = None,
    term: PairingTerm | None = None,
) -> tuple[AidRunSummary, AidOutcome]:
    """Pair every village with a lead enterprise (and helpers, when `options.helpers` asks) for `year`
    (default: the latest year with offers), with `options` unchanged; pairs standing within an earlier
    year's term are kept fixed, and the pairs this run begins get `term` (default 3 years). Every option
    and the term are stored with the run."""
    require(actor, Action.RUN_AID)
    progress = progress or Progress()
    options = options or AidOptions()
    term = term or PairingTerm()
    with sessions() as session, session.begin():
        progress.update(0.05, "load")
        year = year if year is not None else latest_offer_year(session, actor)
        if year is None:
            raise NotFoundError("no aid offers at all; import aid_offers first")
        frames = _aid_frames(session, year, term)
        progress.update(0.2, "solve")
        outcome = pair_villages(
            frames.enterprises,
            frames.villages,
            None,
            frames.locks if len(frames.locks) else None,
            options,
            previous=frames.previous or None,
        )
        progress.update(0.8, "store")
        result = outcome.pairing
        solved = replace(options, solve=replace(options.solve, seed=outcome.seed))
        settings = {
            "year": year,
            **as_parameters(solved),
            "term": as_parameters(term),
            "locks": len(frames.locks),
            "kept_in_term": len(frames.terms.kept),
        }
        diagnosis_json = outcome.diagnosis.lines_json() if outcome.diagnosis is not None else []
        diagnosis = [say_json(line) for line in diagnosis_json]
        summary_json = outcome.summary_message().to_json()
        if diagnosis_json:
            summary_json["lines"] = (
                diagnosis_json  # said with the summary (`matching.results.stored_summary`)
            )
        message = outcome.summary()
        if diagnosis:
            message += "\n" + "\n".join(diagnosis)
        run = MatchingRun(
            program=Program.AID,
            year=year,
            method=METHOD,
            parameters=settings,
            seed=outcome.seed,
            solver_version=f"{outcome.solver} {outcome.solver_version}",
            input_hash=input_hash((frames.enterprises, frames.villages, frames.locks), settings),
            status=RunStatus(outcome.status.value),
            objective=outcome.objective,
            bound=outcome.bound,
            message=message,
            summary=summary_json,
            timings={phase: round(seconds, 4) for phase, seconds in outcome.timings.seconds.items()},
            created_by_id=actor.user_id,
        )
        session.add(run)
        session.flush()
        kinds = _store_proposals(session, run.id, outcome, frames.decided, frames.terms)
        moved = result.moved_count
        audit.record(
            session,
            actor.username,
            "run.aid",
            "matching_run",
            str(run.id),
            {"year": year, "status": run.status.value, "moved": moved, "term_years": term.years},
        )
        covered = outcome.covered
        summary = AidRunSummary(
            run_id=run.id,
            status=run.status,
            summary=outcome.summary(),
            covered=covered,
            villages=len(frames.villages),
            moved=moved,
            kept_decisions=len(frames.decided),
            diagnosis=diagnosis,
            message=outcome.summary_message(),
            diagnosis_json=tuple(diagnosis_json),
            term_years=term.years,
            kept_in_term=kinds.get(TermKind.KEPT, 0),
            renewed=kinds.get(TermKind.RENEWED, 0),
            new=kinds.get(TermKind.NEW, 0),
            ended_early=frames.ended_early,
        )
        progress.update(1.0, "commit")
    return summary, outcome


REASONS_KEPT = 5  # an uncovered village's reasons stored with its proposal; the rest are counted


def _reason_json(reasons: tuple[Message, ...]) -> str | None:
    """An uncovered village's first reasons (and how many more) as stored message JSON, or None."""
    if not reasons:
        return None
    parts = [reason.to_json() for reason in reasons[:REASONS_KEPT]]
    if len(reasons) > REASONS_KEPT:
        parts.append(Message("aid.reason.more", {"count": len(reasons) - REASONS_KEPT}).to_json())
    return json.dumps({"join": parts}, ensure_ascii=False)


def _store_proposals(
    session: Session,
    run_id: int,
    outcome: AidOutcome,
    decided: dict[tuple[str, str], ProposalStatus],
    terms: TermBook,
) -> dict[TermKind, int]:
    """Store the run's proposals, each lead pair with its term; returns how many are kept, renewed, new."""
    kinds: dict[TermKind, int] = {}
    village_ids = dict(session.execute(select(Village.division_code, Village.id)).all())
    enterprise_ids = dict(session.execute(select(Enterprise.credit_code, Enterprise.id)).all())
    problem = outcome.problem
    result = outcome.pairing
    # Why a village has no enterprise, as message JSON (the pages say it in the reader's language).
    reasons: dict[str, str | None] = {}
    if outcome.diagnosis is not None:
        reasons = {u.village_id: _reason_json(u.reasons) for u in outcome.diagnosis.uncovered}
    ranks = _village_ranks(problem)
    rows: list[dict[str, Any]] = []
    for village_code, enterprise_code in result.assignment.items():
        row: dict[str, Any] = {
            "run_id": run_id,
            "village_id": village_ids[village_code],
            "components": {},
            "status": ProposalStatus.PROPOSED,
            "version": 1,
        }
        if enterprise_code is None:
            row["reason"] = reasons.get(village_code) or json.dumps({"code": "aid.reason.no_room"})
        else:
            pair = problem.pair(enterprise_code, village_code)
            assert pair is not None  # the validator checked every chosen pair
            start, years, kind = terms.term_of(village_ids[village_code], enterprise_ids[enterprise_code])
            kinds[kind] = kinds.get(kind, 0) + 1
            row.update(
                enterprise_id=enterprise_ids[enterprise_code],
                score=round(pair.value, 4),
                load=round(pair.load, 2),
                graduate_rank=ranks.get((village_code, enterprise_code)),
                status=decided.get((village_code, enterprise_code), ProposalStatus.PROPOSED),
                term_start=start,
                term_years=years,
                term_kind=kind.value,
            )
            if pair.components is not None:
                parts = pair.components
                row["components"] = {
                    "fit": round(parts.fit, 3),
                    "nearness": round(parts.nearness, 3),
                    "continuity": round(parts.continuity, 3),
                    "poverty": round(parts.poverty, 3),
                }
        rows.append(row)
    if outcome.helpers is not None:
        for village_code, helper_codes in outcome.helpers.helpers.items():
            for enterprise_code in helper_codes:
                pair = problem.pair(enterprise_code, village_code)
                assert pair is not None  # the validator checked every helper pair
                rows.append(
                    {
                        "run_id": run_id,
                        "village_id": village_ids[village_code],
                        "enterprise_id": enterprise_ids[enterprise_code],
                        "role": HELPER,
                        "score": round(pair.value, 4),
                        "load": round(pair.load * outcome.helpers.load_share, 2),
                        "components": {},
                        "status": ProposalStatus.PROPOSED,
                        "version": 1,
                    }
                )
    for first in range(0, len(rows), 5000):
        session.execute(insert(Proposal), rows[first : first + 5000])
    return kinds


def _village_ranks(problem: Any) -> dict[tuple[str, str], int]:
    """Where the chosen enterprise stands among the village's acceptable pairs, by value (1 = best)."""
    by_village: dict[str, list[tuple[float, str]]] = {}
    for pair in problem.pairs:
        by_village.setdefault(pair.village_id, []).append((pair.value, pair.enterprise_id))
    ranks = {}
    for village, options in by_village.items():
        for rank, (_, enterprise) in enumerate(sorted(options, reverse=True), start=1):
            ranks[(village, enterprise)] = rank
    return ranks
