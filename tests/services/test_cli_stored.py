"""The headless path: every stored-data action of the app also works from `python -m matching`."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from matching.cli import main
from matching.services import db
from models import AuditEntry, Decision, JobFairEvent, MatchingRun, Proposal, ProposalStatus, User


@pytest.fixture
def stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["demo", "seed", "--scale", "0.1", "--seed", "3"]) == 0
    capsys.readouterr()
    return url


def event_code(url: str) -> str:
    with db.sessions(url)() as session:
        # the coming fair (the demo may also hold a past one)
        latest = select(JobFairEvent.code).order_by(JobFairEvent.held_on.desc()).limit(1)
        return str(session.scalars(latest).one())


def test_match_decide_and_rerun_from_the_command_line(
    stored: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = event_code(stored)
    assert (
        main(
            [
                "jobfair",
                "solve",
                "--event",
                code,
                "--method",
                "welfare",
                "--seed",
                "1",
                "--out",
                str(tmp_path / "a.csv"),
            ]
        )
        == 0
    )
    assert "saved as run" in capsys.readouterr().err
    with db.sessions(stored)() as session:
        run_id = session.scalar(select(func.max(MatchingRun.id)))
        proposal = session.scalars(
            select(Proposal).where(Proposal.run_id == run_id, Proposal.position_id.is_not(None))
        ).first()
    assert proposal is not None
    assert main(["runs", "show", str(run_id), "--out", str(tmp_path / "run.csv")]) == 2
    assert "state the purpose" in capsys.readouterr().err  # a job fair's proposals are about graduates
    shown = ["runs", "show", str(run_id), "--out", str(tmp_path / "run.csv"), "--purpose", "审核"]
    assert main(shown) == 0
    assert main(["decide", str(proposal.id), "reject"]) == 2
    assert "needs a reason" in capsys.readouterr().err
    assert main(["decide", str(proposal.id), "approve", "--version", str(proposal.version)]) == 0
    assert (
        main(["decide", str(proposal.id), "reject", "--reason", "x", "--version", str(proposal.version)]) == 2
    )
    assert "changed by someone else" in capsys.readouterr().err
    assert (
        main(
            [
                "jobfair",
                "solve",
                "--event",
                code,
                "--method",
                "stable",
                "--seed",
                "2",
                "--out",
                str(tmp_path / "b.csv"),
            ]
        )
        == 0
    )
    assert "kept 1 decisions" in capsys.readouterr().err
    with db.sessions(stored)() as session:
        assert (session.scalar(select(func.count()).select_from(Decision)) or 0) >= 1
        latest = session.scalar(select(func.max(MatchingRun.id)))
        kept = session.scalar(
            select(Proposal.status).where(
                Proposal.run_id == latest,
                Proposal.graduate_id == proposal.graduate_id,
                Proposal.position_id == proposal.position_id,
            )
        )
    assert kept is ProposalStatus.APPROVED


def test_aid_and_timetable_on_stored_data(
    stored: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["aid", "solve", "--year", "2026", "--time-limit", "3", "--out", str(tmp_path / "aid.csv")]) == 0
    )
    assert "status=OPTIMAL" in capsys.readouterr().err
    code = event_code(stored)
    assert main(["jobfair", "schedule", "--event", code]) == 2
    assert "run the shortlist method first" in capsys.readouterr().err
    assert (
        main(["jobfair", "solve", "--event", code, "--method", "shortlist", "--out", str(tmp_path / "s.csv")])
        == 0
    )
    args = ["jobfair", "schedule", "--event", code, "--time-limit", "3", "--out", str(tmp_path / "t.xlsx")]
    assert main([*args, "--html", str(tmp_path / "t.html")]) == 2  # the files name graduates
    assert "state the purpose" in capsys.readouterr().err and not (tmp_path / "t.xlsx").exists()
    assert main([*args, "--html", str(tmp_path / "t.html"), "--purpose", "现场签到"]) == 0
    with db.sessions(stored)() as session:
        logged = session.scalars(select(AuditEntry).where(AuditEntry.action == "download")).all()
    assert {(entry.entity_key, entry.details["purpose"]) for entry in logged} >= {
        ("t.xlsx", "现场签到"),
        ("t.html", "现场签到"),
    }
    html = (tmp_path / "t.html").read_text("utf-8")  # in the command line's language: English here
    assert (tmp_path / "t.xlsx").read_bytes()[:2] == b"PK" and "Interview itinerary" in html
    assert main(["jobfair", "reschedule", "--event", code, "--now", "12:00", "--time-limit", "3"]) == 0


def test_accounts_privacy_audit_and_backups(
    stored: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["users", "create-admin", "city", "--password-stdin"]) == 2
    assert "at least 12 characters" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("丹东 city coordinator 2026\n"))
    assert main(["users", "create-admin", "city", "--name", "市协调员", "--password-stdin"]) == 0
    with db.sessions(stored)() as session:
        stored_hash = session.scalars(select(User.password_hash).where(User.username == "city")).one()
    assert stored_hash is not None and stored_hash.startswith("$argon2id$")
    assert main(["privacy", "retention"]) == 0
    assert main(["audit", "verify"]) == 0
    assert main(["backup", str(tmp_path / "copy.db")]) == 0
    assert main(["demo", "reset"]) == 2
    assert main(["demo", "reset", "--yes"]) == 0
    assert main(["restore", str(tmp_path / "copy.db")]) == 0
    with db.sessions(stored)() as session:
        assert session.scalar(select(func.count()).where(User.username == "city")) == 1
    assert main(["audit", "verify"]) == 0
