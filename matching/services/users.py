"""Local accounts: argon2id password hashes, lockout with a growing delay, and the same answer for a wrong
user name as for a wrong password (so the sign-in form does not reveal which accounts exist)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import ConflictError
from matching.services import audit
from matching.services.access import Action, Actor, require
from models import Park, Role, User

HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
MIN_PASSWORD_LENGTH = 12
FREE_ATTEMPTS = 3  # failures before the first lockout
FIRST_LOCKOUT = timedelta(seconds=30)
LONGEST_LOCKOUT = timedelta(hours=1)
_DOUBLINGS_TO_LONGEST = math.ceil(math.log2(LONGEST_LOCKOUT / FIRST_LOCKOUT))
SIGN_IN_FAILED = "user name or password is wrong, or the account is locked for a while"
# Verifying against this when the user does not exist costs the same time as a real check.
_DUMMY_HASH = HASHER.hash("no such user: constant-time filler")


DEMO_PREFIX = "demo-"  # the demo users' names start with it (matching.services.demo seeds them)


@dataclass(frozen=True)
class Account:
    """What the interfaces see of a user: who acts, and the name to show. Never the stored record."""

    actor: Actor
    display_name: str


class SignInFailed(Exception):
    def __init__(self) -> None:
        super().__init__(SIGN_IN_FAILED)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if password.strip() != password or len(set(password)) < 5:
        raise ValueError("a password needs at least 5 different characters and no leading or trailing spaces")


def create_user(
    session: Session,
    username: str,
    display_name: str,
    role: Role,
    password: str | None,
    actor: Actor,
    park_code: str | None = None,
) -> User:
    require(actor, Action.MANAGE_USERS)
    username = username.strip()
    if not username or len(username) > 64:
        raise ValueError("a user name is 1 to 64 characters")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ConflictError(f"user '{username}' exists already")
    park_id = None
    if role is Role.PARK_OFFICIAL:
        if not park_code:
            raise ValueError("a park official needs a park (--park CODE)")
        park_id = session.scalar(select(Park.id).where(Park.code == park_code))
        if park_id is None:
            raise ValueError(f"no park with code '{park_code}'")
    if password is not None:
        check_password_rules(password)
    user = User(
        username=username,
        display_name=display_name or username,
        role=role,
        park_id=park_id,
        password_hash=HASHER.hash(password) if password is not None else None,
    )
    session.add(user)
    session.flush()
    audit.record(
        session, actor.username, "user.create", "user", username, {"role": role.value, "park": park_code}
    )
    return user


def lockout_after(failures: int) -> timedelta | None:
    """No lockout for the first few failures, then 30 s, 60 s, 120 s … up to an hour, however many.

    The doubling stops once it passes the hour: 30 s × 2**n for a large n overflows timedelta (it did
    from the 45th failure, and the attempt was then neither counted nor audited)."""
    if failures < FREE_ATTEMPTS:
        return None
    doublings = min(failures - FREE_ATTEMPTS, _DOUBLINGS_TO_LONGEST)
    return min(FIRST_LOCKOUT * 2**doublings, LONGEST_LOCKOUT)


def sign_in(
    sessions: sessionmaker[Session], username: str, password: str, now: datetime | None = None
) -> Actor:
    """The actor for correct credentials; SignInFailed (one message for every cause) otherwise.

    The failure is committed before it is raised, so the lockout counts every attempt.
    """
    with sessions() as session, session.begin():
        actor = authenticate(session, username, password, now)
    if actor is None:
        raise SignInFailed()
    return actor


def authenticate(session: Session, username: str, password: str, now: datetime | None = None) -> Actor | None:
    """In the caller's transaction: the actor, or None after recording the failure."""
    now = now or datetime.now(UTC)
    user = session.scalars(select(User).where(User.username == username.strip())).one_or_none()
    if user is None or user.password_hash is None or not user.is_active:
        _verify(_DUMMY_HASH, password)
        audit.record(
            session, username[:64] or "?", "sign_in.failed", "user", username[:200], {"known": False}
        )
        return None
    locked_until = _aware(user.locked_until)
    if locked_until is not None and locked_until > now:
        _verify(_DUMMY_HASH, password)
        user.failed_sign_ins += 1  # counted too: every failure, locked or not, is in the count and the log
        audit.record(
            session,
            user.username,
            "sign_in.locked",
            "user",
            user.username,
            {"failures": user.failed_sign_ins},
        )
        return None
    if not _verify(user.password_hash, password):
        user.failed_sign_ins += 1
        delay = lockout_after(user.failed_sign_ins)
        user.locked_until = now + delay if delay else None
        audit.record(
            session,
            user.username,
            "sign_in.failed",
            "user",
            user.username,
            {"failures": user.failed_sign_ins},
        )
        return None
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_sign_in_at = now
    audit.record(session, user.username, "sign_in", "user", user.username, {})
    return actor_of(user)


def actor_of(user: User) -> Actor:
    return Actor(user.username, user.role, user.id, user.park_id)


def _account(user: User) -> Account:
    return Account(actor_of(user), user.display_name)


def demo_accounts(sessions: sessionmaker[Session]) -> list[Account]:
    """The active demo users, the administrator first (the order they were seeded in)."""
    with sessions() as session:
        found = session.scalars(
            select(User).where(User.username.startswith(DEMO_PREFIX), User.is_active).order_by(User.id)
        )
        return [_account(user) for user in found]


def active_account(sessions: sessionmaker[Session], username: str) -> Account | None:
    """The active user of exactly that name (an OIDC identity's e-mail address), or None."""
    with sessions() as session:
        user = session.scalars(select(User).where(User.username == username, User.is_active)).one_or_none()
        return _account(user) if user is not None else None


def active_account_of(sessions: sessionmaker[Session], user_id: int | None) -> Account | None:
    """The account behind a signed-in actor while it is still active; None once disabled or deleted."""
    if user_id is None:
        return None
    with sessions() as session:
        user = session.get(User, user_id)
        return _account(user) if user is not None and user.is_active else None


def set_password(session: Session, username: str, password: str, actor: Actor) -> None:
    require(actor, Action.MANAGE_USERS)
    check_password_rules(password)
    user = session.scalars(select(User).where(User.username == username)).one_or_none()
    if user is None:
        raise ValueError(f"no user '{username}'")
    user.password_hash = HASHER.hash(password)
    user.failed_sign_ins = 0
    user.locked_until = None
    audit.record(session, actor.username, "user.password", "user", username, {})


def _verify(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
