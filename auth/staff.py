"""Staff accounts (clerks, hall admins, operators) and hall devices (kiosks, displays, the
windows' evaluation pads).

Passwords are hashed with Argon2id (argon2-cffi), off the event loop. Five wrong passwords in
a row lock an account for 15 minutes; while locked, no password is even checked. Staff tokens
carry their own audience, so a staff token never opens a citizen route, nor the reverse.
Device keys are random, shown once, and stored only as a SHA-256 hash.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
from datetime import datetime, timedelta

import redis.asyncio as redis
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise.expressions import F, Q

from api.kit import clock
from api.kit.ids import new_public_id
from auth import errors
from auth.audit import Origin, audit
from auth.authenticators import hash_device_key
from auth.models import Audience, AuthSession, Device, Person, StaffAccount
from auth.sessions import Sessions, TokenPair
from auth.tokens import STAFF_AUDIENCE

ROLES = frozenset({"clerk", "approver", "hall_admin", "operator"})
DEVICE_KINDS = frozenset({"kiosk", "display", "pad"})  # pad: a window's evaluation pad
MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)
SETTLE_DURATION = timedelta(seconds=30)  # far longer than a password check takes
MIN_PASSWORD_LENGTH = 12

_hasher = PasswordHasher()
# Verified against when the username is unknown, so both answers take the same time.
_DECOY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def password_problem(password: str, username: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"密码至少 {MIN_PASSWORD_LENGTH} 位"
    if not (re.search(r"[A-Za-z]", password) and re.search(r"\d", password)):
        return "密码须同时包含字母和数字"
    if not re.search(r"[^A-Za-z0-9]", password):
        return "密码须包含至少一个符号"
    if username.lower() in password.lower():
        return "密码不能包含用户名"
    return None


async def create_staff(
    username: str, password: str, roles: set[str], hall_code: str | None
) -> StaffAccount:
    unknown = roles - ROLES
    if unknown or not roles:
        raise ValueError(f"roles must be some of {sorted(ROLES)}")
    problem = password_problem(password, username)
    if problem:
        raise errors.PasswordTooWeak(problem)
    password_hash = await asyncio.to_thread(_hasher.hash, password)
    account = await StaffAccount.create(
        public_id=new_public_id("stf"),
        username=username,
        password_hash=password_hash,
        roles=sorted(roles),
        hall_code=hall_code,
    )
    await audit("staff.created", actor=account.public_id, detail={"roles": sorted(roles)})
    return account


async def sign_in_staff(
    sessions: Sessions, redis_client: redis.Redis, username: str, password: str, origin: Origin
) -> TokenPair:
    account = await StaffAccount.get_or_none(username=username)
    if account is None:
        await _reserve_unknown_name_attempt(redis_client, username)
    elif not await _reserve_attempt(account):
        await audit("staff.sign_in_refused_locked", actor=account.public_id, origin=origin)
        raise _locked(await StaffAccount.get(id=account.id))
    if not await _password_matches(account, password):
        await _count_failure(account, origin)
        if account is None:
            await _count_unknown_name_failure(redis_client, username)
        raise errors.StaffCredentialsInvalid()
    assert account is not None
    # A lock set meanwhile stays; the attempts are settled either way.
    await StaffAccount.filter(id=account.id, failed_attempts__lte=MAX_FAILURES).update(
        failed_attempts=0
    )
    return await _start_staff_session(sessions, account, origin)


def _not_locked(now: datetime) -> Q:
    return Q(locked_until__isnull=True) | Q(locked_until__lte=now)


async def _reserve_attempt(account: StaffAccount) -> bool:
    """Count the attempt before the password is checked, in one conditional UPDATE: guesses
    sent in parallel cannot all pass a lock check made before any of them failed."""
    now = clock.now()
    reserved = await StaffAccount.filter(
        _not_locked(now), id=account.id, failed_attempts__lt=MAX_FAILURES
    ).update(failed_attempts=F("failed_attempts") + 1)
    if reserved:
        return True
    # Five attempts counted and no lock: five in flight, or attempts whose requests died
    # before their outcome. Wait a moment for them (a failure among them locks for 15
    # minutes); if the moment passed and nothing came of them, they died: count afresh.
    stale = await StaffAccount.filter(
        id=account.id, failed_attempts__gte=MAX_FAILURES, locked_until__lte=now
    ).update(failed_attempts=1, locked_until=None)
    if stale:
        return True
    await StaffAccount.filter(
        _not_locked(now), id=account.id, failed_attempts__gte=MAX_FAILURES
    ).update(locked_until=now + SETTLE_DURATION)
    return False


def _locked(account: StaffAccount) -> errors.StaffLocked:
    now = clock.now()
    until = account.locked_until if account.locked_until and account.locked_until > now else now
    retry_after = int((until - now).total_seconds()) + 1
    return errors.StaffLocked(headers={"Retry-After": str(retry_after)}, retry_after=retry_after)


# A name no account has is counted like one that has, in Redis and atomically (Lua), so the
# answers never tell which usernames exist: five attempts reserved, then a 15-minute lock.
_RESERVE_UNKNOWN = """
local locked = redis.call('TTL', KEYS[2])
if locked > 0 then return locked end
local tried = tonumber(redis.call('GET', KEYS[1]) or '0')
if tried >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[2])
  redis.call('DEL', KEYS[1])
  return tonumber(ARGV[2])
end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], 86400)
return 0
"""
_FAIL_UNKNOWN = """
if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[2])
  redis.call('DEL', KEYS[1])
end
return 0
"""


def _unknown_name_keys(username: str) -> list[str]:
    digest = hashlib.sha256(username.encode("utf-8", "surrogatepass")).hexdigest()
    return [f"auth:staff-unknown:{digest}", f"auth:staff-unknown-lock:{digest}"]


async def _reserve_unknown_name_attempt(redis_client: redis.Redis, username: str) -> None:
    locked_for = int(
        await redis_client.eval(
            _RESERVE_UNKNOWN,
            2,
            *_unknown_name_keys(username),
            MAX_FAILURES,
            int(LOCK_DURATION.total_seconds()),
        )
    )
    if locked_for > 0:
        retry_after = locked_for + 1
        raise errors.StaffLocked(headers={"Retry-After": str(retry_after)}, retry_after=retry_after)


async def _count_unknown_name_failure(redis_client: redis.Redis, username: str) -> None:
    await redis_client.eval(
        _FAIL_UNKNOWN,
        2,
        *_unknown_name_keys(username),
        MAX_FAILURES,
        int(LOCK_DURATION.total_seconds()),
    )


async def _password_matches(account: StaffAccount | None, password: str) -> bool:
    stored = account.password_hash if account is not None and not account.disabled else _DECOY_HASH
    try:
        await asyncio.to_thread(_hasher.verify, stored, password)
    except (VerificationError, InvalidHashError):
        return False
    return account is not None and not account.disabled


async def _count_failure(account: StaffAccount | None, origin: Origin) -> None:
    """The attempt was counted already; the fifth failure in a row locks the account."""
    await audit("staff.sign_in_failed", actor=account.public_id if account else None, origin=origin)
    if account is None:
        return
    locked = await StaffAccount.filter(id=account.id, failed_attempts__gte=MAX_FAILURES).update(
        failed_attempts=0, locked_until=clock.now() + LOCK_DURATION
    )
    if locked:
        await audit("staff.locked", actor=account.public_id, origin=origin)


async def _start_staff_session(
    sessions: Sessions, account: StaffAccount, origin: Origin
) -> TokenPair:
    now = clock.now()
    session = await AuthSession.create(
        public_id=new_public_id("ses"),
        audience=Audience.STAFF,
        staff=account,
        channel="staff",
        expires_at=now + timedelta(hours=12),  # a working day, not the citizens' 30 days
        last_used_at=now,
    )
    await audit(
        "staff.sign_in",
        actor=account.public_id,
        origin=origin,
        detail={"session": session.public_id},
    )
    return await sessions.token_pair(
        session, account.public_id, 0, now, tuple(account.roles), STAFF_AUDIENCE
    )


async def unlock_staff(username: str) -> bool:
    unlocked = await StaffAccount.filter(username=username).update(
        failed_attempts=0, locked_until=None
    )
    return bool(unlocked)


async def create_device(name: str, kind: str, hall_code: str) -> tuple[Device, str]:
    """A new device and its key; the key is shown once and only its hash is kept."""
    if kind not in DEVICE_KINDS:
        raise ValueError(f"kind must be one of {sorted(DEVICE_KINDS)}")
    key = f"dev_{secrets.token_urlsafe(32)}"
    device = await Device.create(
        public_id=new_public_id("dvc"),
        name=name,
        kind=kind,
        hall_code=hall_code,
        key_hash=hash_device_key(key),
    )
    await audit("device.created", actor=device.public_id, detail={"kind": kind, "hall": hall_code})
    return device, key


async def revoke_device(public_id: str) -> bool:
    revoked = await Device.filter(public_id=public_id, revoked_at=None).update(
        revoked_at=clock.now()
    )
    if revoked:
        await audit("device.revoked", actor=public_id)
    return bool(revoked)


async def end_staff_session(session_public_id: str | None) -> None:
    await AuthSession.filter(
        public_id=session_public_id, audience=Audience.STAFF, revoked_at=None
    ).update(revoked_at=clock.now(), revoked_reason="logout")


async def record_staff_view(staff_public_id: str, person: Person, origin: Origin) -> None:
    await audit("staff.viewed_person", person=person, actor=staff_public_id, origin=origin)


async def staff_account(public_id: str) -> StaffAccount:
    return await StaffAccount.get(public_id=public_id)


async def device(public_id: str) -> Device:
    return await Device.get(public_id=public_id)
