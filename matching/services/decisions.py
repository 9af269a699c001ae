"""Officials' decisions on proposals: approve, reject (with a reason), pin, reset.

Each decision checks the version the official saw (optimistic locking), so a decision made on a stale
screen is refused instead of silently overwriting someone else's. Decisions carry over to every later
run of the same event or programme year: approved and pinned pairs become fixed, rejected pairs forbidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import ConflictError, NotFoundError
from matching.services import audit
from matching.services.access import Action, Actor, require
from models import Decision, DecisionAction, Enterprise, MatchingRun, Program, Proposal, ProposalStatus

STATUS_AFTER = {
    DecisionAction.APPROVE: ProposalStatus.APPROVED,
    DecisionAction.REJECT: ProposalStatus.REJECTED,
    DecisionAction.PIN: ProposalStatus.PINNED,
    DecisionAction.RESET: ProposalStatus.PROPOSED,
}


LEAD, HELPER = "lead", "helper"  # Proposal.role: every proposal leads, but an aid helper pair

# Decisions that later runs keep as fixed pairs; a rejected pair is forbidden instead.
FIXED_STATUSES = (ProposalStatus.APPROVED, ProposalStatus.PINNED)


def lock_action(status: ProposalStatus) -> str:
    """The lock a standing decision becomes in the cores' `locks` frames."""
    return "fix" if status in FIXED_STATUSES else "forbid"


@dataclass(frozen=True)
class DecisionResult:
    proposal_id: int
    status: ProposalStatus
    version: int


def decide(
    session: Session,
    proposal_id: int,
    action: DecisionAction,
    actor: Actor,
    reason: str | None = None,
    expected_version: int | None = None,
) -> DecisionResult:
    """Record one decision in the caller's transaction. ConflictError when the proposal changed meanwhile."""
    action = DecisionAction(action)
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise NotFoundError(f"proposal {proposal_id} does not exist")
    _check_may_decide(session, actor, proposal)
    if action is DecisionAction.REJECT and not (reason and reason.strip()):
        raise ValueError("a rejection needs a reason")
    if proposal.graduate_id is not None and proposal.position_id is None:
        raise ValueError(f"proposal {proposal_id} is an unmatched graduate; there is no pair to decide")
    if proposal.village_id is not None and proposal.enterprise_id is None:
        raise ValueError(f"proposal {proposal_id} is an uncovered village; there is no pair to decide")
    seen = proposal.version if expected_version is None else expected_version
    new_status = STATUS_AFTER[action]
    # A guarded UPDATE: exactly one of two officials deciding on the same version succeeds.
    outcome = cast(
        CursorResult[Any],
        session.execute(
            update(Proposal)
            .where(Proposal.id == proposal_id, Proposal.version == seen)
            .values(status=new_status, version=seen + 1)
            .execution_options(synchronize_session=False)
        ),
    )
    if outcome.rowcount != 1:
        session.refresh(proposal)
        raise ConflictError(
            f"proposal {proposal_id} was changed by someone else (now {proposal.status.value}, "
            f"version {proposal.version}); reload and decide again"
        )
    session.add(Decision(proposal_id=proposal_id, action=action, reason=reason, user_id=actor.user_id))
    audit.record(
        session,
        actor.username,
        f"decision.{action.value}",
        "proposal",
        str(proposal_id),
        {"reason": reason, "version": seen + 1},
    )
    session.flush()
    session.expire(proposal)
    return DecisionResult(proposal_id, new_status, seen + 1)


def decide_many(
    sessions: sessionmaker[Session],
    decisions: list[tuple[int, DecisionAction, str | None, int | None]],
    actor: Actor,
) -> list[DecisionResult]:
    """(proposal id, action, reason, version seen) in one transaction: all are saved, or none."""
    with sessions() as session, session.begin():
        return [
            decide(session, proposal_id, action, actor, reason, version)
            for proposal_id, action, reason, version in decisions
        ]


def _check_may_decide(session: Session, actor: Actor, proposal: Proposal) -> None:
    program = session.scalar(select(MatchingRun.program).where(MatchingRun.id == proposal.run_id))
    if program is Program.JOBFAIR:
        require(actor, Action.DECIDE_JOBFAIR)
    else:
        park_id = session.scalar(select(Enterprise.park_id).where(Enterprise.id == proposal.enterprise_id))
        require(actor, Action.DECIDE_AID, park_id)


def _standing_decisions(session: Session, runs: list[int]) -> dict[tuple[int, int], ProposalStatus]:
    """The latest decision per pair over the given runs: (subject id, partner id) → status.

    For the job fair the pair is (graduate, position); for aid it is (village, lead enterprise): decisions
    on helper pairs are kept with their proposals but do not lock the lead pairing of later runs.
    """
    statement = (
        select(
            Proposal.graduate_id,
            Proposal.position_id,
            Proposal.village_id,
            Proposal.enterprise_id,
            Decision.action,
        )
        .join(Decision, Decision.proposal_id == Proposal.id)
        .where(Proposal.run_id.in_(runs), Proposal.role == LEAD)
        .order_by(Decision.id)
    )
    standing: dict[tuple[int, int], ProposalStatus] = {}
    for graduate, position, village, enterprise, action in session.execute(statement):
        subject, partner = (graduate, position) if graduate is not None else (village, enterprise)
        assert subject is not None and partner is not None  # decide() refuses unmatched proposals
        standing[(subject, partner)] = STATUS_AFTER[DecisionAction(action)]
    return {pair: status for pair, status in standing.items() if status is not ProposalStatus.PROPOSED}


def _run_of(session: Session, run_id: int) -> MatchingRun:
    run = session.get(MatchingRun, run_id)
    if run is None:
        raise NotFoundError(f"run {run_id} does not exist")
    return run
