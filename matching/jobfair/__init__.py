"""Job-fair matching core (pure: plain data in, typed results out; no database, no UI).

Pipeline: `build_problem` (validate the contract frames) → `solve` (feasibility check, candidate set with fit
scores, one of the stable / welfare / shortlist solvers, unmatched reasons) → `JobFairResult`. The audits in
`audit` check any assignment. `files` and `cli` are the DIR contract: `python -m matching jobfair solve DIR`.
"""

from matching.jobfair.audit import (
    FairnessReport,
    InvalidAssignmentError,
    ValidityReport,
    check_shortlist_validity,
    check_validity,
    explain_unmatched,
    fairness_report,
    find_blocking_pairs,
)
from matching.jobfair.candidates import CandidateSet, build_candidates
from matching.jobfair.feasibility import FeasibilityReport, Finding, check_feasibility
from matching.jobfair.flow import SCORE_SCALE, score_to_cost
from matching.jobfair.pipeline import SolveOptions, solve, solve_frames
from matching.jobfair.problem import JobFairProblem, LockAction, build_problem
from matching.jobfair.result import BlockingPairs, JobFairResult, Method, UnmatchedReason
from matching.jobfair.scoring import Component, FitWeights
from matching.jobfair.stable import Proposing

__all__ = [
    "SCORE_SCALE",
    "BlockingPairs",
    "CandidateSet",
    "Component",
    "FairnessReport",
    "FeasibilityReport",
    "Finding",
    "FitWeights",
    "InvalidAssignmentError",
    "JobFairProblem",
    "JobFairResult",
    "LockAction",
    "Method",
    "Proposing",
    "SolveOptions",
    "UnmatchedReason",
    "ValidityReport",
    "build_candidates",
    "build_problem",
    "check_feasibility",
    "check_shortlist_validity",
    "check_validity",
    "explain_unmatched",
    "fairness_report",
    "find_blocking_pairs",
    "score_to_cost",
    "solve",
    "solve_frames",
]
