"""Local accounts: argon2id hashes, lockout with a growing delay, one message for every failure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import ConflictError
from matching.services import users
from matching.services.access import Actor, PermissionDenied
from models import AuditEntry, Park, ParkLevel, Role, User

ADMIN = Actor.system("admin")
PASSWORD = "丹东 correct horse 2026"
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture
def account(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    with sessions() as session, session.begin():
        users.create_user(session, "li.na", "李娜", Role.ORGANISER, PASSWORD, ADMIN)
    return sessions


def test_passwords_are_stored_as_argon2id(account: sessionmaker[Session]) -> None:
    with account() as session:
        stored = session.scalars(select(User.password_hash).where(User.username == "li.na")).one()
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored


def test_the_right_password_signs_in(account: sessionmaker[Session]) -> None:
    actor = users.sign_in(account, "li.na", PASSWORD, now=T0)
    assert actor.role is Role.ORGANISER and actor.username == "li.na"


def test_a_wrong_user_and_a_wrong_password_get_the_same_message(account: sessionmaker[Session]) -> None:
    with pytest.raises(users.SignInFailed) as wrong_user:
        users.sign_in(account, "nobody", PASSWORD, now=T0)
    with pytest.raises(users.SignInFailed) as wrong_password:
        users.sign_in(account, "li.na", "not the password", now=T0)
    assert str(wrong_user.value) == str(wrong_password.value) == users.SIGN_IN_FAILED


def test_repeated_failures_lock_the_account_for_growing_delays(account: sessionmaker[Session]) -> None:
    for attempt in range(users.FREE_ATTEMPTS):
        with pytest.raises(users.SignInFailed):
            users.sign_in(account, "li.na", "wrong", now=T0 + timedelta(seconds=attempt))
    # locked now: even the right password is refused, with the same message
    with pytest.raises(users.SignInFailed):
        users.sign_in(account, "li.na", PASSWORD, now=T0 + timedelta(seconds=10))
    # after the delay it works again, and success resets the count
    assert users.sign_in(account, "li.na", PASSWORD, now=T0 + timedelta(seconds=40)).username == "li.na"
    with account() as session:
        user = session.scalars(select(User).where(User.username == "li.na")).one()
        assert user.failed_sign_ins == 0 and user.locked_until is None


def test_the_delay_doubles_up_to_an_hour() -> None:
    delays = [users.lockout_after(n) for n in range(1, 12)]
    assert delays[: users.FREE_ATTEMPTS - 1] == [None] * (users.FREE_ATTEMPTS - 1)
    assert delays[users.FREE_ATTEMPTS - 1] == timedelta(seconds=30)
    assert delays[users.FREE_ATTEMPTS] == timedelta(seconds=60)
    assert delays[-1] == timedelta(hours=1)


def test_a_disabled_account_cannot_sign_in(account: sessionmaker[Session]) -> None:
    with account() as session, session.begin():
        session.scalars(select(User).where(User.username == "li.na")).one().is_active = False
    with pytest.raises(users.SignInFailed):
        users.sign_in(account, "li.na", PASSWORD, now=T0)


@pytest.mark.parametrize("password", ["short", "aaaaaaaaaaaaaaaa", " leading space 123"])
def test_weak_passwords_are_refused(sessions: sessionmaker[Session], password: str) -> None:
    with pytest.raises(ValueError, match="password"), sessions() as session, session.begin():
        users.create_user(session, "x", "x", Role.VIEWER, password, ADMIN)


def test_only_an_admin_creates_users_and_names_are_unique(account: sessionmaker[Session]) -> None:
    with pytest.raises(PermissionDenied), account() as session, session.begin():
        users.create_user(session, "y", "y", Role.VIEWER, PASSWORD, Actor("o", Role.ORGANISER))
    with pytest.raises(ConflictError), account() as session, session.begin():
        users.create_user(session, "li.na", "again", Role.VIEWER, PASSWORD, ADMIN)


def test_a_park_official_needs_a_known_park(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        session.add(
            Park(code="HZQ", name="丹东边境经济合作区", level=ParkLevel.NATIONAL, county_code="210603")
        )
    with pytest.raises(ValueError, match="needs a park"), sessions() as session, session.begin():
        users.create_user(session, "p", "p", Role.PARK_OFFICIAL, PASSWORD, ADMIN)
    with sessions() as session, session.begin():
        official = users.create_user(session, "p", "p", Role.PARK_OFFICIAL, PASSWORD, ADMIN, park_code="HZQ")
        assert official.park_id is not None


FAILURES = 2_000  # far past the 45th, where the delay used to overflow


@given(failures=st.integers(min_value=0, max_value=10**12))
def test_the_lockout_delay_never_raises_and_saturates_at_an_hour(failures: int) -> None:
    delay = users.lockout_after(failures)
    if failures < users.FREE_ATTEMPTS:
        assert delay is None
    else:
        assert delay is not None and timedelta(seconds=30) <= delay <= timedelta(hours=1)
        assert users.lockout_after(failures + 1) >= delay  # type: ignore[operator]
    if failures >= 20:
        assert delay == timedelta(hours=1)


def test_thousands_of_failures_are_all_counted_audited_and_locked(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sign-in cannot be worn down: from the 45th failure the delay used to overflow, the attempt was rolled
    back (not counted, not audited, no lock) and guessing was unlimited. Argon2 with its smallest cost keeps
    the real verifications fast; the lockout logic is the same. (Run once with 10,000: all 10,000 counted.)"""
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(users, "HASHER", cheap)
    monkeypatch.setattr(users, "_DUMMY_HASH", cheap.hash("filler"))
    with sessions() as session, session.begin():
        users.create_user(session, "guessed", "", Role.VIEWER, PASSWORD, ADMIN)
    moment = T0
    for attempt in range(FAILURES):
        moment += timedelta(seconds=7)  # sometimes during a lock, sometimes after it
        with pytest.raises(users.SignInFailed):
            users.sign_in(sessions, "guessed", f"guess {attempt}", now=moment)
    with sessions() as session:
        user = session.scalars(select(User).where(User.username == "guessed")).one()
        logged = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.entity_key == "guessed",
                AuditEntry.action.in_(["sign_in.failed", "sign_in.locked"]),
            )
        )
    assert user.failed_sign_ins == FAILURES and logged == FAILURES
    assert user.locked_until is not None and users._aware(user.locked_until) > moment  # still locked
    with pytest.raises(users.SignInFailed):  # the right password does not open a locked account
        users.sign_in(sessions, "guessed", PASSWORD, now=moment + timedelta(seconds=1))
