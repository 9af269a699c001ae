"""Job-fair matching core (pure: plain data in, typed results out; no database, no UI).

Pipeline: `build_problem` (validate the contract frames) → `solve` (pre-check, candidate set with fit
scores, the method's solver from the registry in `methods`, its independent check, unmatched reasons,
blocking pairs, fairness) → `JobFairResult`. The audits in `audit` check any assignment. `files` is the DIR
contract read by `python -m matching jobfair solve DIR` (the command line lives in `matching.cli`).
"""

# Submodules load on first use, so `python -m matching …` starts without every solver.
from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "BlockingPairs": "matching.jobfair.result",
    "CandidateSet": "matching.jobfair.candidates",
    "Component": "matching.jobfair.scoring",
    "FairnessReport": "matching.jobfair.audit",
    "FitWeights": "matching.jobfair.scoring",
    "GraduateMove": "matching.jobfair.result",
    "KeepReport": "matching.jobfair.result",
    "InvalidAssignmentError": "matching.jobfair.audit",
    "JobFairProblem": "matching.jobfair.problem",
    "JobFairResult": "matching.jobfair.result",
    "LockAction": "matching.jobfair.problem",
    "Method": "matching.jobfair.result",
    "MoveReason": "matching.jobfair.result",
    "PreviousRun": "matching.jobfair.moves",
    "Proposing": "matching.jobfair.stable",
    "SCORE_SCALE": "matching.jobfair.flow",
    "METHODS": "matching.jobfair.methods",
    "MethodSpec": "matching.jobfair.methods",
    "ShortlistOptions": "matching.jobfair.methods",
    "SolveOptions": "matching.jobfair.pipeline",
    "StableOptions": "matching.jobfair.methods",
    "WelfareOptions": "matching.jobfair.methods",
    "UnmatchedReason": "matching.jobfair.result",
    "ValidityReport": "matching.jobfair.audit",
    "build_candidates": "matching.jobfair.candidates",
    "build_problem": "matching.jobfair.problem",
    "check_feasibility": "matching.jobfair.feasibility",
    "check_shortlist_validity": "matching.jobfair.audit",
    "check_validity": "matching.jobfair.audit",
    "explain_unmatched": "matching.jobfair.audit",
    "fairness_report": "matching.jobfair.audit",
    "find_blocking_pairs": "matching.jobfair.audit",
    "score_to_cost": "matching.jobfair.flow",
    "solve": "matching.jobfair.pipeline",
    "solve_frames": "matching.jobfair.pipeline",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
