"""Graduates' personal data: consent, its withdrawal, and retention.

Only graduates with consent take part: a graduate without a consent time, or who withdrew it, is in no
later run and no export. The retention command removes personal fields (name, phone, registration number,
preferences, expected salary) once their period has passed, keeping what the city's figures count
(university, major, degree, home county, registrations, outcomes), so aggregates do not change.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from matching.errors import NotFoundError
from matching.services import audit
from matching.services.access import Action, Actor, require
from models import Graduate, JobFairEvent, Registration

ANONYMOUS_NAME = "（已匿名）"
DEFAULT_RETENTION_DAYS = 730  # two years after the graduate's last fair


def retention_period() -> timedelta:
    return timedelta(days=int(os.environ.get("MATCHING_RETENTION_DAYS", str(DEFAULT_RETENTION_DAYS))))


def may_be_processed() -> ColumnElement[bool]:
    """The SQL condition for graduates whose data may be used: consent given and not withdrawn."""
    return and_(
        Graduate.consent_at.is_not(None),
        Graduate.consent_withdrawn_at.is_(None),
        Graduate.anonymised_at.is_(None),
    )


def withdraw_consent(
    session: Session, graduate_code: str, actor: Actor, when: datetime | None = None
) -> None:
    require(actor, Action.IMPORT_DATA)
    graduate = session.scalars(select(Graduate).where(Graduate.code == graduate_code)).one_or_none()
    if graduate is None:
        raise NotFoundError(f"no graduate with code '{graduate_code}'")
    graduate.consent_withdrawn_at = when or datetime.now(UTC)
    audit.record(session, actor.username, "consent.withdrawn", "graduate", graduate_code, {})


def apply_retention(session: Session, actor: Actor, now: datetime | None = None) -> int:
    """Anonymise graduates past their period, and those who withdrew consent; returns how many."""
    require(actor, Action.MAINTAIN)
    now = now or datetime.now(UTC)
    cutoff = (now - retention_period()).date()
    last_fair = (
        select(Registration.graduate_id, func.max(JobFairEvent.held_on).label("last_fair"))
        .join(JobFairEvent, JobFairEvent.id == Registration.event_id)
        .group_by(Registration.graduate_id)
        .subquery()
    )
    due = session.scalars(
        select(Graduate)
        .outerjoin(last_fair, last_fair.c.graduate_id == Graduate.id)
        .where(
            Graduate.anonymised_at.is_(None),
            (Graduate.consent_withdrawn_at.is_not(None))
            | (last_fair.c.last_fair < cutoff)
            | (last_fair.c.last_fair.is_(None) & (func.date(Graduate.created_at) < cutoff)),
        )
    ).all()
    for graduate in due:
        graduate.code = "anon-" + hashlib.sha256(graduate.code.encode("utf-8")).hexdigest()[:16]
        graduate.name = ANONYMOUS_NAME
        graduate.phone = None
        graduate.preferred_places = []
        graduate.preferred_industries = []
        graduate.expected_salary = None
        graduate.anonymised_at = now
    audit.record(
        session, actor.username, "retention", "graduate", None, {"anonymised": len(due), "cutoff": cutoff}
    )
    return len(due)
