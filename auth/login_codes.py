"""Sign-in codes sent by SMS: six digits, five minutes, single use, dead after five wrong tries.

Only a salted digest of the code is kept (in Redis, under the phone's blind index); every try
counts, even concurrent ones. The sends are limited per phone and per client address.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from typing import Protocol

import redis.asyncio as redis

from api.kit.masking import mask_phone
from auth import errors
from auth.audit import Origin, audit
from auth.limits import RateLimits
from auth.models import BindingKind
from auth.persons import Persons

PHONE = re.compile(r"^1[3-9][0-9]{9}$")  # ASCII digits: one number, one blind index
CODE_TTL_SECONDS = 300
CODE_MAX_TRIES = 5


class CodeSender(Protocol):
    """Delivers a sign-in code by SMS. Implemented by the notify package, wired in api.app."""

    async def send_login_code(self, phone: str, code: str) -> None: ...


class LoginCodes:
    def __init__(
        self, persons: Persons, redis_client: redis.Redis, sender: CodeSender, limits: RateLimits
    ) -> None:
        self._persons = persons
        self._redis = redis_client
        self._sender = sender
        self._limits = limits
        self._take_code = redis_client.register_script(_TAKE_CODE_TRY)

    async def send_login_code(self, phone: str, origin: Origin) -> None:
        phone = normalise_phone(phone)
        phone_key = self._persons.index(BindingKind.PHONE, phone)
        await self._limits.sending_code(phone_key, origin.ip)
        code = f"{secrets.randbelow(1_000_000):06d}"
        salt = secrets.token_hex(8)
        async with self._redis.pipeline(transaction=True) as stored:
            stored.delete(_code_key(phone_key))
            stored.hset(
                _code_key(phone_key),
                mapping={"digest": _code_digest(salt, code), "salt": salt, "tries": 0},
            )
            stored.expire(_code_key(phone_key), CODE_TTL_SECONDS)
            await stored.execute()
        await self._sender.send_login_code(phone, code)
        await audit("auth.code_sent", origin=origin, detail={"phone": mask_phone(phone)})

    async def check_login_code(self, phone: str, code: str, *, spend: bool = True) -> None:
        """Single use, constant-time compare, dead after five wrong tries (even the right code).
        With `spend=False` the right code counts a try and stays for `spend_login_code`."""
        key = _code_key(self._persons.index(BindingKind.PHONE, phone))
        tries, digest, salt = await self._take_code(keys=[key])
        if digest is None or int(tries) > CODE_MAX_TRIES:
            raise errors.CodeInvalid()
        expected = _code_digest(salt.decode(), code)
        if not hmac.compare_digest(expected.encode(), digest):
            raise errors.CodeInvalid()
        if spend:
            await self.spend_login_code(phone)

    async def spend_login_code(self, phone: str) -> None:
        key = _code_key(self._persons.index(BindingKind.PHONE, phone))
        if await self._redis.delete(key) != 1:  # another request used it first
            raise errors.CodeInvalid()


def normalise_phone(value: str) -> str:
    # NFKC turns the fullwidth digits a Chinese keyboard may type into ASCII ones.
    phone = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", value))
    phone = phone.removeprefix("+86")
    if not PHONE.fullmatch(phone):
        raise errors.PhoneInvalid()
    return phone


def _code_key(phone_index: str) -> str:
    return f"auth:code:{phone_index}"


def _code_digest(salt: str, code: str) -> str:
    return hmac.new(salt.encode(), code.encode(), hashlib.sha256).hexdigest()


# Count one try and read the stored digest atomically: every try counts, even concurrent ones.
_TAKE_CODE_TRY = """
if redis.call('EXISTS', KEYS[1]) == 0 then return {0, false, false} end
local tries = redis.call('HINCRBY', KEYS[1], 'tries', 1)
return {tries, redis.call('HGET', KEYS[1], 'digest'), redis.call('HGET', KEYS[1], 'salt')}
"""
