"""The job fair's fairness report on every run: stored with the run, printed by `runs fairness RUN`."""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select

from matching.services import db
from models import Graduate, Proposal
from tests.cli.conftest import event_code, latest_run
from tests.conftest import Run


def test_every_jobfair_run_reports_fairness_by_university_degree_and_home_county(
    run: Run, on_stored: str
) -> None:
    assert (
        run("jobfair", "solve", "--event", event_code(on_stored), "--method", "welfare", "--seed", "2")[0]
        == 0
    )
    stored = latest_run(on_stored)
    code, out, err = run("runs", "fairness", str(stored.id))
    assert code == 0 and "match rate and wish rank achieved" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["attribute"] for row in rows} == {"university", "degree", "home_county"}
    with db.sessions(on_stored)() as session:
        graduates = session.scalar(
            select(func.count()).select_from(Proposal).where(Proposal.run_id == stored.id)
        )
        matched = session.scalar(
            select(func.count(func.distinct(Proposal.graduate_id))).where(
                Proposal.run_id == stored.id, Proposal.position_id.is_not(None)
            )
        )
        universities = session.scalar(
            select(func.count(func.distinct(Graduate.university_id)))
            .join(Proposal, Proposal.graduate_id == Graduate.id)
            .where(Proposal.run_id == stored.id)
        )
    for attribute in ("university", "degree", "home_county"):
        part = [row for row in rows if row["attribute"] == attribute]
        assert sum(int(row["graduates"]) for row in part) == graduates  # every graduate in one group
        assert sum(int(row["matched"]) for row in part) == matched
        for row in part:
            assert abs(float(row["match_rate"]) - int(row["matched"]) / int(row["graduates"])) < 1e-4
    assert len([row for row in rows if row["attribute"] == "university"]) == universities


def test_fairness_of_an_aid_run_is_refused_in_one_line(run: Run, on_stored: str) -> None:
    assert run("aid", "solve", "--year", "2026", "--time-limit", "2", "--seed", "1")[0] in (0, 3)
    code, _, err = run("runs", "fairness", str(latest_run(on_stored).id))
    assert code == 2 and err.strip().endswith("the fairness report is the job fair's")
