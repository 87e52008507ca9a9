"""Unified identity: one person on every channel.

A person is reached through bindings (openids, unionid, phone, app devices) found by blind
index; personal data is sealed by the vault before it is stored. Signing in on any channel
opens a session whose refresh tokens rotate on every use; a reused refresh token revokes the
whole session. No HTTP here: routes pass in what they parsed and get plain results back.
"""

from __future__ import annotations

import hashlib
import hmac
import json as jsonlib
import logging
import re
import secrets
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit

import redis.asyncio as redis
from tortoise import connections
from tortoise.exceptions import IntegrityError

from api.kit import clock
from api.kit.db import rows_of, transaction
from api.kit.ids import new_public_id
from api.kit.masking import mask_id_number, mask_name, mask_phone
from auth import errors, idnumber
from auth.gateways.idverify import IdVerifyClient, IdVerifyUnavailable
from auth.gateways.wechat import (
    FACE_SUCCESS,
    WeChatClient,
    WeChatError,
    WeChatUnavailable,
    cert_hash,
)
from auth.models import (
    Audience,
    AuditEvent,
    AuthSession,
    Binding,
    BindingKind,
    Consent,
    Person,
    PersonStatus,
    RefreshToken,
    StaffAccount,
)
from auth.tokens import (
    CITIZEN_AUDIENCE,
    STAFF_AUDIENCE,
    TokenSigner,
    hash_refresh_token,
    new_refresh_token,
)
from auth.vault import Vault

log = logging.getLogger("yiwang.auth")

PHONE = re.compile(r"^1[3-9][0-9]{9}$")  # ASCII digits: one number, one blind index
CODE_TTL_SECONDS = 300
CODE_MAX_TRIES = 5
# (window name, seconds, most sends allowed in it)
PHONE_SEND_LIMITS = (("minute", 60, 1), ("hour", 3600, 5), ("day", 86400, 10))
IP_SEND_LIMITS = (("hour", 3600, 30), ("day", 86400, 100))
# Sign-in tries, per target (a phone, a WeChat login code) and per client address. A code
# dies after five wrong tries anyway; these bound how fast one address can probe many.
TARGET_SIGN_IN_LIMITS = (("minute", 60, 10), ("hour", 3600, 30))
IP_SIGN_IN_LIMITS = (("minute", 60, 120), ("hour", 3600, 600))
Limits = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Origin:
    """Where a request came from, as far as the audit log needs to know."""

    request_id: str | None = None
    ip: str | None = None
    channel: str = "app"


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    session_id: str
    token_type: str = "Bearer"  # noqa: S105 - a token type, not a secret


class CodeSender(Protocol):
    """Delivers a sign-in code by SMS. Implemented by the notify package, wired in api.app."""

    async def send_login_code(self, phone: str, code: str) -> None: ...


# Registered by each package that owns data about persons (see api.app): a merge moves a
# person's rows to the survivor, a deletion erases or anonymises them. Both run inside the
# identity transaction, so everything moves, or nothing does. What a hook has to do outside
# the database (forget what Redis remembers of the rows, say) it returns, to be run once the
# transaction has committed: run inside, a rollback would leave that memory out of step.
AfterCommit = Callable[[], Awaitable[None]]
MergeHook = Callable[[int, int], Awaitable[AfterCommit | None]]
DeletionHook = Callable[[int], Awaitable[AfterCommit | None]]
DELETION_PHRASE = "注销账号"


@dataclass
class Identity:
    vault: Vault
    signer: TokenSigner
    redis: redis.Redis
    code_sender: CodeSender
    wechat: WeChatClient
    idverify: IdVerifyClient
    policy_version: str
    refresh_lifetime: timedelta
    redirect_allowlist: tuple[str, ...] = ()
    merge_hooks: list[MergeHook] = field(default_factory=list)
    deletion_hooks: list[DeletionHook] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._take_code = self.redis.register_script(_TAKE_CODE_TRY)
        self._hit_limits = self.redis.register_script(_HIT_LIMITS)

    # ------------------------------------------------------------------ personal data

    def seal(self, value: str, *, table: str, column: str, row: str) -> str:
        return self.vault.seal(value, table=table, column=column, row=row)

    def index(self, kind: BindingKind | str, value: str) -> str:
        return self.vault.blind_index(str(kind), value)

    # ------------------------------------------------------------------ persons and bindings

    async def person_by_binding(self, kind: BindingKind, value: str) -> Person | None:
        binding = await Binding.get_or_none(
            kind=kind, value_index=self.index(kind, value)
        ).prefetch_related("person")
        return binding.person if binding is not None else None

    async def create_person(self) -> Person:
        return await Person.create(public_id=new_public_id("per"), level=1)

    async def bind(
        self,
        person: Person,
        kind: BindingKind,
        value: str,
        *,
        verified: bool,
        session_key: str | None = None,
    ) -> Binding:
        public_id = new_public_id("bnd")
        return await Binding.create(
            public_id=public_id,
            person=person,
            kind=kind,
            value_index=self.index(kind, value),
            value_sealed=self.seal(value, table="binding", column="value", row=public_id),
            session_key_sealed=self.seal(
                session_key, table="binding", column="session_key", row=public_id
            )
            if session_key
            else None,
            verified=verified,
            last_used_at=clock.now(),
        )

    async def find_or_create_person(
        self, bindings: list[tuple[BindingKind, str, bool]], origin: Origin, consent: str | None
    ) -> Person:
        """The person any of these bindings reaches, or a new one; binds the rest to them.

        Safe under concurrency: a second sign-in racing to create the same binding loses on
        the unique index and then finds the winner's person.
        """
        for attempt in range(2):
            try:
                async with transaction():
                    return await self._find_or_create_in_transaction(bindings, origin, consent)
            except IntegrityError:
                if attempt == 1:
                    raise errors.SignInConflict() from None
        raise AssertionError("unreachable")

    async def _find_or_create_in_transaction(
        self, bindings: list[tuple[BindingKind, str, bool]], origin: Origin, consent: str | None
    ) -> Person:
        person = None
        for kind, value, _verified in bindings:
            person = await self.person_by_binding(kind, value)
            if person is not None:
                break
        created = person is None
        if person is None:
            self.require_consent_offered(consent)
            person = await self.create_person()
        for kind, value, verified in bindings:
            held = Binding.filter(kind=kind, value_index=self.index(kind, value))
            if not await held.exists():
                await self.bind(person, kind, value, verified=verified)  # the unique index decides
            elif created:
                # A racing sign-in bound it after we looked: roll back this new person, retry.
                raise IntegrityError("binding taken by a concurrent sign-in")
            else:  # what the person signed in with: where messages go (Binding.last_used)
                await held.filter(person_id=person.id).update(last_used_at=clock.now())
        await self.ensure_consent(person, consent, origin.channel)
        if created:
            await audit("person.created", person=person, origin=origin)
        return person

    def require_consent_offered(self, consent: str | None) -> None:
        if consent != self.policy_version:
            raise errors.ConsentRequired(policy_version=self.policy_version)

    async def ensure_consent(self, person: Person, consent: str | None, channel: str) -> None:
        """Signing in needs the current privacy-policy version accepted, now or before."""
        if await Consent.exists(person=person, policy_version=self.policy_version):
            return
        self.require_consent_offered(consent)
        await self._record_consent(person.id, channel)

    async def _record_consent(self, person_id: int, channel: str) -> None:
        """Once per person and version, whichever of two racing requests gets there first."""
        try:
            async with transaction():  # a savepoint: losing the race leaves the caller's intact
                await Consent.create(
                    person_id=person_id, policy_version=self.policy_version, channel=channel
                )
        except IntegrityError:
            pass  # accepted by the other request: the ledger has its row

    # ------------------------------------------------------------------ sessions and tokens

    async def start_session(self, person: Person, origin: Origin) -> TokenPair:
        if person.status != PersonStatus.ACTIVE:
            raise errors.PersonNotFound()
        now = clock.now()
        session = await AuthSession.create(
            public_id=new_public_id("ses"),
            audience=Audience.CITIZEN,
            person=person,
            channel=origin.channel,
            expires_at=now + self.refresh_lifetime,
            last_used_at=now,
        )
        await audit(
            "auth.sign_in", person=person, origin=origin, detail={"session": session.public_id}
        )
        return await self.token_pair(session, person.public_id, person.level, now)

    async def token_pair(
        self,
        session: AuthSession,
        subject: str,
        level: int,
        now: datetime,
        roles: tuple[str, ...] = (),
        audience: str = CITIZEN_AUDIENCE,
    ) -> TokenPair:
        refresh_token, token_hash = new_refresh_token()
        await RefreshToken.create(session=session, token_hash=token_hash)
        return self._pair(
            refresh_token,
            audience=audience,
            subject=subject,
            session_id=session.public_id,
            channel=session.channel,
            level=level,
            roles=roles,
            now=now,
        )

    def _pair(
        self,
        refresh_token: str,
        *,
        audience: str,
        subject: str,
        session_id: str,
        channel: str,
        level: int,
        roles: tuple[str, ...],
        now: datetime,
    ) -> TokenPair:
        access_token = self.signer.issue(
            audience=audience,
            subject=subject,
            session_id=session_id,
            channel=channel,
            level=level,
            roles=roles,
            now=now,
        )
        return TokenPair(
            access_token=access_token,
            refresh_token=refresh_token,
            expires_in=int(self.signer.lifetime.total_seconds()),
            session_id=session_id,
        )

    async def refresh(
        self, refresh_token: str, origin: Origin, consent: str | None = None
    ) -> TokenPair:
        """Rotate a refresh token. Its second use revokes the whole session (the family).

        A citizen who has not accepted the current privacy policy is refused (403, the token
        kept) until the refresh carries that version: a session cannot outlive a new policy.
        """
        now = clock.now()
        token_hash = hash_refresh_token(refresh_token)
        rotated = await self._rotate_in_one_statement(token_hash, now)
        if rotated is not None:
            return rotated
        return await self._rotate(token_hash, now, origin, consent)

    async def _rotate_in_one_statement(self, token_hash: str, now: datetime) -> TokenPair | None:
        """The usual refresh in one round trip, all or nothing. None when anything is amiss
        (unknown, used, revoked, expired, holder gone): `_rotate` then finds out what."""
        new_token, new_hash = new_refresh_token()
        rows = await rows_of(
            _ROTATE, (token_hash, now, now + self.refresh_lifetime, new_hash, self.policy_version)
        )
        if not rows:
            return None
        held = rows[0]
        audience = STAFF_AUDIENCE if held["audience"] == Audience.STAFF else CITIZEN_AUDIENCE
        return self._pair(
            new_token,
            audience=audience,
            subject=held["subject"],
            session_id=held["session_public_id"],
            channel=held["channel"],
            level=held["level"],
            roles=tuple(jsonlib.loads(held["roles"]) if held["roles"] else ()),
            now=now,
        )

    async def _rotate(
        self, token_hash: str, now: datetime, origin: Origin, consent: str | None
    ) -> TokenPair:
        token = await RefreshToken.get_or_none(token_hash=token_hash).prefetch_related("session")
        if token is None:
            raise errors.RefreshInvalid()
        session = token.session
        if session.revoked_at is not None or session.expires_at <= now:
            raise errors.RefreshInvalid()
        if token.used_at is None:
            # Whose it is first (a holder gone ends here), then their consent: a refusal
            # writes nothing.
            subject, level, roles, audience = await _session_subject(session)
            if session.person_id is not None:
                await self._require_current_consent(session.person_id, consent, session.channel)
        async with transaction():
            # The conditional UPDATE decides, in the database, which of two racing uses wins.
            claimed = await RefreshToken.filter(id=token.id, used_at=None).update(used_at=now)
            if claimed:
                await AuthSession.filter(id=session.id).update(
                    last_used_at=now, expires_at=self._slid_expiry(session, now)
                )
                return await self.token_pair(session, subject, level, now, roles, audience)
            # A second use: revoke the family and commit that before refusing.
            await self._revoke(session, "refresh_reused")
            await audit("auth.refresh_reused", session=session, origin=origin)
        raise errors.RefreshReused()

    async def _require_current_consent(
        self, person_id: int, consent: str | None, channel: str
    ) -> None:
        if await Consent.exists(person_id=person_id, policy_version=self.policy_version):
            return
        self.require_consent_offered(consent)
        await self._record_consent(person_id, channel)

    def _slid_expiry(self, session: AuthSession, now: datetime) -> datetime:
        """Citizens' sessions slide with use; staff sessions end with the working day they
        began (as `_ROTATE` does on PostgreSQL)."""
        if session.audience == Audience.CITIZEN:
            return now + self.refresh_lifetime
        return session.expires_at

    async def _revoke(self, session: AuthSession, reason: str) -> None:
        await AuthSession.filter(id=session.id, revoked_at=None).update(
            revoked_at=clock.now(), revoked_reason=reason
        )

    async def revoke_session(
        self, person: Person, session_public_id: str, origin: Origin, reason: str = "revoked"
    ) -> None:
        session = await AuthSession.get_or_none(public_id=session_public_id, person=person)
        if session is None:
            raise errors.SessionNotFound()
        await self._revoke(session, reason)
        await audit(
            "auth.session_revoked",
            person=person,
            origin=origin,
            detail={"session": session_public_id, "reason": reason},
        )

    async def list_sessions(self, person: Person) -> list[AuthSession]:
        return await AuthSession.filter(
            person=person, revoked_at=None, expires_at__gt=clock.now()
        ).order_by("-last_used_at")

    # ------------------------------------------------------------------ phone and SMS code

    async def send_login_code(self, phone: str, origin: Origin) -> None:
        phone = normalise_phone(phone)
        phone_key = self.index(BindingKind.PHONE, phone)
        await self._enforce_limits("send", phone_key, PHONE_SEND_LIMITS, origin.ip, IP_SEND_LIMITS)
        code = f"{secrets.randbelow(1_000_000):06d}"
        salt = secrets.token_hex(8)
        async with self.redis.pipeline(transaction=True) as stored:
            stored.delete(_code_key(phone_key))
            stored.hset(
                _code_key(phone_key),
                mapping={"digest": _code_digest(salt, code), "salt": salt, "tries": 0},
            )
            stored.expire(_code_key(phone_key), CODE_TTL_SECONDS)
            await stored.execute()
        await self.code_sender.send_login_code(phone, code)
        await audit("auth.code_sent", origin=origin, detail={"phone": mask_phone(phone)})

    async def _enforce_limits(
        self, action: str, target: str, target_limits: Limits, ip: str | None, ip_limits: Limits
    ) -> None:
        """Count one `action` (send, sign-in) on a target (a blind index or digest, never the
        value) and from an address, or refuse with the seconds until a full window ends."""
        keys, args = [], []
        for name, seconds, limit in target_limits:
            keys.append(f"auth:{action}:{name}:{target}")
            args += [limit, seconds]
        for name, seconds, limit in ip_limits if ip else ():
            keys.append(f"auth:{action}-ip:{name}:{ip}")
            args += [limit, seconds]
        retry_after = int(await self._hit_limits(keys=keys, args=args))
        if retry_after > 0:
            raise errors.RateLimited(
                headers={"Retry-After": str(retry_after)}, retry_after=retry_after
            )

    async def check_login_code(self, phone: str, code: str, *, spend: bool = True) -> None:
        """Single use, constant-time compare, dead after five wrong tries (even the right code).
        With `spend=False` the right code counts a try and stays for `spend_login_code`."""
        key = _code_key(self.index(BindingKind.PHONE, phone))
        tries, digest, salt = await self._take_code(keys=[key])
        if digest is None or int(tries) > CODE_MAX_TRIES:
            raise errors.CodeInvalid()
        expected = _code_digest(salt.decode(), code)
        if not hmac.compare_digest(expected.encode(), digest):
            raise errors.CodeInvalid()
        if spend:
            await self.spend_login_code(phone)

    async def spend_login_code(self, phone: str) -> None:
        key = _code_key(self.index(BindingKind.PHONE, phone))
        if await self.redis.delete(key) != 1:  # another request used it first
            raise errors.CodeInvalid()

    async def sign_in_with_phone(
        self, phone: str, code: str, consent: str | None, origin: Origin
    ) -> TokenPair:
        phone = normalise_phone(phone)
        phone_key = self.index(BindingKind.PHONE, phone)
        await self._enforce_limits(
            "sign-in", phone_key, TARGET_SIGN_IN_LIMITS, origin.ip, IP_SIGN_IN_LIMITS
        )
        # The code first: until it is proven, every answer is the same whether the phone has
        # an account or not (a consent refusal before it told which phones had one).
        try:
            await self.check_login_code(phone, code, spend=False)
        except errors.CodeInvalid:
            await audit(
                "auth.sign_in_failed",
                origin=origin,
                detail={"channel": "phone", "phone": mask_phone(phone)},
            )
            raise
        existing = await self.person_by_binding(BindingKind.PHONE, phone)
        if existing is None or not await Consent.exists(
            person=existing, policy_version=self.policy_version
        ):
            self.require_consent_offered(consent)  # the code stays for the retry with consent
        await self.spend_login_code(phone)
        person = await self.find_or_create_person(
            [(BindingKind.PHONE, phone, True)], origin, consent
        )
        return await self.start_session(person, origin)

    # ------------------------------------------------------------------ WeChat sign-in

    async def sign_in_with_mini_program(
        self, code: str, consent: str | None, origin: Origin
    ) -> TokenPair:
        code_digest = hashlib.sha256(code.encode()).hexdigest()
        await self._enforce_limits(
            "sign-in", code_digest, TARGET_SIGN_IN_LIMITS, origin.ip, IP_SIGN_IN_LIMITS
        )
        async with wechat_errors(origin, "miniprogram"):
            session = await self.wechat.code_to_session(code)
        bindings = [(BindingKind.MP_OPENID, session.openid, True)]
        if session.unionid:
            bindings.append((BindingKind.UNIONID, session.unionid, True))
        person = await self.find_or_create_person(bindings, origin, consent)
        await self._keep_session_key(session.openid, session.session_key)
        return await self.start_session(person, origin)

    async def _keep_session_key(self, openid: str, session_key: str) -> None:
        binding = await Binding.get(
            kind=BindingKind.MP_OPENID, value_index=self.index(BindingKind.MP_OPENID, openid)
        )
        binding.session_key_sealed = self.seal(
            session_key, table="binding", column="session_key", row=binding.public_id
        )
        binding.last_used_at = clock.now()
        await binding.save(update_fields=["session_key_sealed", "last_used_at"])

    async def begin_official_account_sign_in(self, redirect_uri: str, scope: str) -> dict[str, Any]:
        if not redirect_allowed(redirect_uri, self.redirect_allowlist):
            raise errors.RedirectNotAllowed()
        state, verifier = secrets.token_urlsafe(24), secrets.token_urlsafe(32)
        pending = {"scope": scope, "verifier": _verifier_digest(verifier)}
        await self.redis.set(_state_key(state), jsonlib.dumps(pending), ex=OAUTH_STATE_SECONDS)
        return {
            "authorize_url": self.wechat.authorize_url(redirect_uri, scope, state),
            "state": state,
            "verifier": verifier,
            "expires_in": OAUTH_STATE_SECONDS,
        }

    async def sign_in_with_official_account(
        self, code: str, state: str, verifier: str, consent: str | None, origin: Origin
    ) -> TokenPair:
        scope = await self._claim_oauth_state(state, verifier, origin)
        async with wechat_errors(origin, "official_account"):
            grant = await self.wechat.oauth_grant(code)
            unionid = grant.unionid
            if unionid is None and scope == "snsapi_userinfo":
                unionid = await self.wechat.oauth_unionid(grant)
        bindings = [(BindingKind.OA_OPENID, grant.openid, True)]
        if unionid:
            bindings.append((BindingKind.UNIONID, unionid, True))
        person = await self.find_or_create_person(bindings, origin, consent)
        return await self.start_session(person, origin)

    async def _claim_oauth_state(self, state: str, verifier: str, origin: Origin) -> str:
        """The scope the flow began with, once. The state travels in URLs; the verifier stayed
        in the page that began the flow, so a code and state replayed from another browser (a
        sign-in forged into the victim's page) are refused."""
        pending = await self.redis.getdel(_state_key(state))  # single use
        if pending is None:
            raise errors.OAuthStateInvalid()
        began = jsonlib.loads(pending)
        # .get: a flow begun before verifiers existed has none, and is refused, not a 500.
        if not hmac.compare_digest(began.get("verifier", ""), _verifier_digest(verifier)):
            await audit(
                "auth.sign_in_failed",
                origin=origin,
                detail={"channel": "official_account", "reason": "oauth_verifier_mismatch"},
            )
            raise errors.OAuthStateInvalid()
        return str(began["scope"])

    async def bind_phone_from_wechat(self, person: Person, code: str, origin: Origin) -> None:
        async with wechat_errors(origin, "phone"):
            phone = await self.wechat.user_phone_number(code)
        owner = await self.person_by_binding(BindingKind.PHONE, phone)
        if owner is not None and owner.id != person.id:
            raise errors.PhoneBoundElsewhere()
        if owner is None:
            try:
                await self.bind(person, BindingKind.PHONE, phone, verified=True)
            except IntegrityError:  # bound by a racing request a moment ago
                raise errors.PhoneBoundElsewhere() from None
        await audit(
            "auth.phone_bound", person=person, origin=origin, detail={"phone": mask_phone(phone)}
        )

    # ------------------------------------------------------------------ real name (L2)

    async def verify_real_name(
        self, person: Person, name: str, id_number: str, origin: Origin
    ) -> None:
        number = idnumber.normalise(id_number)
        problem = idnumber.problem_with(number, clock.local(clock.now()).date())
        if problem:
            raise errors.IdNumberInvalid(problem)
        name = normalise_name(name)
        index = self.index("id_number", number)
        if person.id_number_index == index:
            return  # verified already with this number
        if person.id_number_index is not None:
            raise errors.AlreadyVerified()
        await self._reserve_verification_attempt(person)
        try:
            result = await self.idverify.verify(name, number, origin.request_id or "")
        except IdVerifyUnavailable:
            await self._release_verification_attempt(person)
            raise errors.GatewayUnavailable() from None
        await audit(
            "auth.real_name_attempt",
            person=person,
            origin=origin,
            detail={"id_number": mask_id_number(number), "result": result},
        )
        if result != "match":
            raise errors.RealNameMismatch()
        try:
            await self._apply_real_name(person, name, number, index, origin, face=False)
            await self._release_verification_attempt(person)  # only failures count
        except errors.IdentityHeldElsewhere:
            # Counted: it is no proof, and unlimited tries would ask the paid gateway and
            # tell whether someone has an account here as often as one liked.
            await self._hold_claim(person, name, number)
            await audit(
                "auth.identity_held_elsewhere",
                person=person,
                origin=origin,
                detail={"id_number": mask_id_number(number)},
            )
            raise

    async def _hold_claim(self, person: Person, name: str, number: str) -> None:
        """A matching name and number another account holds, kept (sealed) for the face
        verification that alone may give them to this account."""
        sealed = self.seal(
            jsonlib.dumps({"name": name, "id_number": number}, ensure_ascii=False),
            table="claim",
            column="real_name",
            row=person.public_id,
        )
        await self.redis.set(_claim_key(person), sealed, ex=CLAIM_SECONDS)

    async def _claim_of(self, person: Person) -> tuple[str, str] | None:
        sealed = await self.redis.get(_claim_key(person))
        if sealed is None:
            return None
        text = sealed.decode() if isinstance(sealed, bytes) else sealed
        claim = jsonlib.loads(
            self.vault.open(text, table="claim", column="real_name", row=person.public_id)
        )
        return claim["name"], claim["id_number"]

    async def _name_and_number_to_prove(self, person: Person) -> tuple[str, str]:
        """What face verification checks the face against: the person's verified real name,
        or the claim waiting to join another account."""
        if person.id_number_sealed is not None and person.name_sealed is not None:
            return self.open_person(person, "name"), self.open_person(person, "id_number")
        claim = await self._claim_of(person)
        if claim is None:
            raise errors.LevelRequired(required_level=2, current_level=person.level)
        return claim

    async def _reserve_verification_attempt(self, person: Person) -> None:
        key = _attempts_key(person)
        count = await self.redis.incr(key)
        await self.redis.expire(key, 2 * 86400)
        if count > DAILY_VERIFICATION_FAILURES:
            await self.redis.decr(key)
            raise errors.VerificationLimit()

    async def _release_verification_attempt(self, person: Person) -> None:
        await self.redis.decr(_attempts_key(person))

    async def _apply_real_name(
        self, person: Person, name: str, number: str, index: str, origin: Origin, *, face: bool
    ) -> None:
        """Seal the verified name and number. Another person holding them is refused without a
        face (`face`); with one, it is merged here if it passed face verification too, and
        otherwise loses the real name it only knew."""
        try:
            async with transaction():
                await _one_claim_at_a_time(index)
                after_commit = await self._seal_real_name(
                    person, name, number, index, origin, face=face
                )
        except IntegrityError:
            if await self._held_by_another(person, index):  # taken a moment ago
                raise errors.IdentityHeldElsewhere() from None
            raise
        await _settle(after_commit)

    async def _held_by_another(self, person: Person, index: str) -> bool:
        return (
            await Person.filter(id_number_index=index, status=PersonStatus.ACTIVE)
            .exclude(id=person.id)
            .exists()
        )

    async def _seal_real_name(
        self, person: Person, name: str, number: str, index: str, origin: Origin, *, face: bool
    ) -> list[AfterCommit]:
        holder = await Person.filter(id_number_index=index).first()
        involved = sorted({person.id} | ({holder.id} if holder else set()))
        # Lock both rows, always in id order, so two merges of the same pair cannot deadlock.
        locked = {
            p.id: p for p in await Person.filter(id__in=involved).order_by("id").select_for_update()
        }
        me = locked[person.id]
        if me.status != PersonStatus.ACTIVE:
            raise errors.PersonNotFound()  # deleted or merged while the gateway answered
        if me.id_number_index is not None and me.id_number_index != index:
            raise errors.AlreadyVerified()  # verified with another number a moment ago
        other = locked.get(holder.id) if holder is not None and holder.id != me.id else None
        after_commit: list[AfterCommit] = []
        if other is not None and other.id_number_index == index:  # still its, under the lock
            if not face:
                raise errors.IdentityHeldElsewhere()
            if other.face_verified_at is not None:  # two faces: one person
                after_commit = await self.merge(into=me, other=other, origin=origin)
            else:
                await self._release_real_name(other, taken_by=me, origin=origin)
        now = clock.now()
        me.name_sealed = self.seal(name, table="person", column="name", row=me.public_id)
        me.id_number_sealed = self.seal(
            number, table="person", column="id_number", row=me.public_id
        )
        me.id_number_index = index
        me.level = max(me.level, 3 if face else 2)
        me.verified_at = me.verified_at or now
        if face:
            me.face_verified_at = now
        await me.save(
            update_fields=[
                "name_sealed",
                "id_number_sealed",
                "id_number_index",
                "level",
                "verified_at",
                "face_verified_at",
                "updated_at",
            ]
        )
        await audit(
            "auth.real_name_verified",
            person=me,
            origin=origin,
            detail={"id_number": mask_id_number(number), "face": face},
        )
        return after_commit

    async def _release_real_name(self, holder: Person, *, taken_by: Person, origin: Origin) -> None:
        """The holder proved the name and number only by knowing them; the face of the person
        they belong to outranks that. The holder keeps its account, bindings, sessions and
        what it made, at level 1: nothing of it reaches the person who proved their face."""
        holder.name_sealed = None
        holder.id_number_sealed = None
        holder.id_number_index = None
        holder.verified_at = None
        holder.level = 1
        await holder.save(
            update_fields=[
                "name_sealed",
                "id_number_sealed",
                "id_number_index",
                "verified_at",
                "level",
                "updated_at",
            ]
        )
        await audit(
            "auth.real_name_released",
            person=holder,
            origin=origin,
            detail={"taken_by": taken_by.public_id},
        )

    async def merge(self, *, into: Person, other: Person, origin: Origin) -> list[AfterCommit]:
        """Fold `other` into `into`: everything it owns, in every package, in this transaction.
        Returns what the packages left to do once it has committed."""
        await Binding.filter(person_id=other.id).update(person_id=into.id)
        await AuthSession.filter(person_id=other.id).update(person_id=into.id)
        kept = await Consent.filter(person_id=into.id).values_list("policy_version", flat=True)
        await Consent.filter(person_id=other.id, policy_version__in=list(kept)).delete()
        await Consent.filter(person_id=other.id).update(person_id=into.id)
        after_commit = [
            done for hook in self.merge_hooks if (done := await hook(other.id, into.id))
        ]
        if other.level > into.level:
            into.level = other.level
            into.face_verified_at = other.face_verified_at
        other.status = PersonStatus.MERGED
        other.merged_into = into.public_id
        other.id_number_index = None
        other.id_number_sealed = None
        other.name_sealed = None
        await other.save(
            update_fields=[
                "status",
                "merged_into",
                "id_number_index",
                "id_number_sealed",
                "name_sealed",
                "updated_at",
            ]
        )
        await audit(
            "auth.persons_merged", person=into, origin=origin, detail={"merged": other.public_id}
        )
        return after_commit

    # ------------------------------------------------------------------ face (L3)

    async def start_face_verification(self, person: Person, origin: Origin) -> dict[str, Any]:
        name, number = await self._name_and_number_to_prove(person)
        openid = await self._mini_program_openid(person)
        out_seq_no = new_public_id("fce")
        async with wechat_errors(origin, "face"):
            verify_id = await self.wechat.get_verify_id(openid, out_seq_no, name, number)
        await self.redis.set(
            _face_key(verify_id),
            jsonlib.dumps({"person": person.public_id, "out_seq_no": out_seq_no}),
            ex=3600,
        )
        await audit("auth.face_started", person=person, origin=origin)
        return {"verify_id": verify_id, "expires_in": 3600}

    async def finish_face_verification(
        self, person: Person, verify_id: str, origin: Origin
    ) -> None:
        raw = await self.redis.get(_face_key(verify_id))
        pending = jsonlib.loads(raw) if raw else None
        if pending is None or pending["person"] != person.public_id:
            raise errors.FaceVerificationFailed("核身会话不存在或已过期")
        name, number = await self._name_and_number_to_prove(person)
        openid = await self._mini_program_openid(person)
        certificate = cert_hash(name, number)
        try:
            verify_ret = await self.wechat.query_verify_info(
                verify_id, pending["out_seq_no"], certificate, openid
            )
        except WeChatError as exc:
            raise errors.FaceVerificationFailed(errcode=exc.errcode) from None
        except WeChatUnavailable:
            raise errors.GatewayUnavailable() from None
        await audit(
            "auth.face_result", person=person, origin=origin, detail={"verify_ret": verify_ret}
        )
        if verify_ret != FACE_SUCCESS:
            await self.redis.delete(_face_key(verify_id))
            raise errors.FaceVerificationFailed(verify_ret=verify_ret)
        index = self.index("id_number", number)
        await self._apply_real_name(person, name, number, index, origin, face=True)
        await self.redis.delete(_face_key(verify_id), _claim_key(person))

    async def _mini_program_openid(self, person: Person) -> str:
        binding = await Binding.last_used(person.id, BindingKind.MP_OPENID)
        if binding is None:
            raise errors.MiniProgramRequired()
        return self.vault.open(
            binding.value_sealed, table="binding", column="value", row=binding.public_id
        )

    # ------------------------------------------------------------------ consent and deletion

    async def accept_policy(self, person: Person, version: str, origin: Origin) -> None:
        await self.ensure_consent(person, version, origin.channel)
        await audit("auth.consent", person=person, origin=origin, detail={"version": version})

    async def delete_account(self, person: Person, confirm: str, origin: Origin) -> None:
        """注销: irreversible. Sessions end, personal data is erased, statistics stay anonymous."""
        if confirm != DELETION_PHRASE:
            raise errors.DeletionNotConfirmed(phrase=DELETION_PHRASE)
        now = clock.now()
        async with transaction():
            locked = await Person.filter(id=person.id).select_for_update().first()
            if locked is None or locked.status != PersonStatus.ACTIVE:
                raise errors.PersonNotFound()
            await AuthSession.filter(person_id=person.id, revoked_at=None).update(
                revoked_at=now, revoked_reason="account_deleted"
            )
            await Binding.filter(person_id=person.id).delete()
            after_commit = [done for hook in self.deletion_hooks if (done := await hook(person.id))]
            await Person.filter(id=person.id).update(
                status=PersonStatus.DELETED,
                name_sealed=None,
                id_number_sealed=None,
                id_number_index=None,
                deleted_at=now,
            )
            await audit("auth.account_deleted", person=person, origin=origin)
        await _settle([lambda: self._drop_claim(person), *after_commit])

    async def _drop_claim(self, person: Person) -> None:
        await self.redis.delete(_claim_key(person))

    # ------------------------------------------------------------------ reading a person

    async def profile(self, person: Person) -> dict[str, Any]:
        """What the person may see about themselves: masked, never the sealed values."""
        bindings, policy_version = await _bindings_and_consent(person)
        return {
            "person_id": person.public_id,
            "level": person.level,
            "name": mask_name(self.open_person(person, "name")) if person.name_sealed else None,
            "id_number": mask_id_number(self.open_person(person, "id_number"))
            if person.id_number_sealed
            else None,
            "bindings": [self.describe_binding(b) for b in bindings],
            "privacy_policy_version": policy_version,
        }

    def open_person(self, person: Person, column: str) -> str:
        sealed = getattr(person, f"{column}_sealed")
        return self.vault.open(sealed, table="person", column=column, row=person.public_id)

    def describe_binding(self, binding: Binding) -> dict[str, Any]:
        value = self.vault.open(
            binding.value_sealed, table="binding", column="value", row=binding.public_id
        )
        shown = mask_phone(value) if binding.kind == BindingKind.PHONE else value[:4] + "****"
        return {"kind": binding.kind.value, "value": shown, "verified": binding.verified}


# Every GET /me reads both; one round trip on PostgreSQL (a person with no binding left still
# gets the one row that carries the policy version).
_BINDINGS_AND_CONSENT = """
SELECT b.*, c.policy_version AS accepted_policy_version
  FROM (SELECT 1) AS one
  LEFT JOIN binding b ON b.person_id = $1
  LEFT JOIN LATERAL (
      SELECT policy_version FROM consent WHERE person_id = $1 ORDER BY accepted_at DESC LIMIT 1
  ) c ON true
 ORDER BY b.created_at
"""


async def _bindings_and_consent(person: Person) -> tuple[list[Binding], str | None]:
    rows = await rows_of(_BINDINGS_AND_CONSENT, (person.id,))
    policy_version = rows[0].pop("accepted_policy_version")
    for row in rows[1:]:
        del row["accepted_policy_version"]
    return [Binding._init_from_db(**row) for row in rows if row["id"] is not None], policy_version


# The refresh every client makes every 15 minutes, as one statement: the token is claimed only
# if it is unused, its session live, its holder active and (a citizen) agreed to the current
# privacy policy; a citizen's session slides, and the next token is stored in the same
# statement (data-modifying CTEs run once, read or not).
_ROTATE = """
WITH claimed AS (
    UPDATE refresh_token t SET used_at = $2
      FROM auth_session s
      LEFT JOIN person p ON p.id = s.person_id
      LEFT JOIN staff_account st ON st.id = s.staff_id
     WHERE t.token_hash = $1 AND t.used_at IS NULL AND s.id = t.session_id
       AND s.revoked_at IS NULL AND s.expires_at > $2
       AND (p.status = 'active' OR st.disabled = false)
       AND (p.id IS NULL OR EXISTS (
            SELECT 1 FROM consent c WHERE c.person_id = p.id AND c.policy_version = $5))
    RETURNING t.session_id, s.public_id AS session_public_id, s.audience, s.channel,
              coalesce(p.public_id, st.public_id) AS subject, coalesce(p.level, 0) AS level,
              st.roles::text AS roles
), slid AS (
    UPDATE auth_session s SET last_used_at = $2,
           expires_at = CASE WHEN s.audience = 'citizen' THEN $3 ELSE s.expires_at END
      FROM claimed c WHERE s.id = c.session_id
), minted AS (
    INSERT INTO refresh_token (session_id, token_hash, created_at)
    SELECT c.session_id, $4, $2 FROM claimed c
)
SELECT * FROM claimed
"""


async def _one_claim_at_a_time(index: str) -> None:
    """Claims to one ID number settle one after the other (a transaction-scoped advisory
    lock on the number's blind index). Without it, a
    face check could find the holder merged away a moment ago and meet the new holder only
    at the unique index, answering 409 to a face that had passed."""
    key = int(index[:15], 16)  # 60 bits of an HMAC: fits PostgreSQL's bigint
    await connections.get("default").execute_query("SELECT pg_advisory_xact_lock($1)", [key])


async def _settle(after_commit: list[AfterCommit]) -> None:
    """Run what hooks left for after a commit. The commit stands whatever happens here, and
    memory left stale lapses by itself (seconds), so a failure is logged, not answered."""
    for done in after_commit:
        try:
            await done()
        except Exception:
            log.exception("a step after the commit failed; the database is right, memory lapses")


async def _session_subject(session: AuthSession) -> tuple[str, int, tuple[str, ...], str]:
    if session.audience == Audience.STAFF:
        staff = await StaffAccount.get(id=session.staff_id)
        if staff.disabled:
            raise errors.RefreshInvalid()
        return staff.public_id, 0, tuple(staff.roles), STAFF_AUDIENCE
    person = await Person.get(id=session.person_id)
    if person.status != PersonStatus.ACTIVE:
        raise errors.RefreshInvalid()
    return person.public_id, person.level, (), CITIZEN_AUDIENCE


async def audit(
    kind: str,
    *,
    person: Person | None = None,
    session: AuthSession | None = None,
    origin: Origin | None = None,
    actor: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append a security event. Callers pass only opaque ids and masked values."""
    person_public_id = person.public_id if person is not None else None
    if person_public_id is None and session is not None and session.person_id is not None:
        owner = await Person.get_or_none(id=session.person_id).only("public_id")
        person_public_id = owner.public_id if owner else None
    await AuditEvent.create(
        kind=kind,
        actor=actor,
        person_public_id=person_public_id,
        request_id=origin.request_id if origin else None,
        detail={**(detail or {}), **({"ip": _mask_ip(origin.ip)} if origin and origin.ip else {})},
    )


def _mask_ip(ip: str) -> str:
    if ":" in ip:
        return ":".join(ip.split(":")[:3]) + ":*"
    parts = ip.split(".")
    return ".".join(parts[:3]) + ".*" if len(parts) == 4 else "*"


def normalise_phone(value: str) -> str:
    # NFKC turns the fullwidth digits a Chinese keyboard may type into ASCII ones.
    phone = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", value))
    phone = phone.removeprefix("+86")
    if not PHONE.fullmatch(phone):
        raise errors.PhoneInvalid()
    return phone


NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z·• ]{0,28}[\u4e00-\u9fffA-Za-z]$")
OAUTH_STATE_SECONDS = 600
DAILY_VERIFICATION_FAILURES = 5
CLAIM_SECONDS = 1800  # to do the face verification that joins an account held elsewhere


def normalise_name(value: str) -> str:
    name = value.strip()
    if not NAME.fullmatch(name):
        raise errors.NameInvalid()
    return name


def redirect_allowed(uri: str, allowlist: tuple[str, ...]) -> bool:
    """Same scheme and host as an allowed entry, and under its path; never a prefix trick.
    A URI that does not even split (`http://[evil.test/`, a host holding `#@/?:` once NFKC
    normalised) is not allowed either."""
    try:
        target = urlsplit(uri)
    except ValueError:
        return False
    if target.scheme not in ("http", "https") or not target.netloc:
        return False
    for entry in allowlist:
        allowed = urlsplit(entry)
        if (target.scheme, target.netloc) == (allowed.scheme, allowed.netloc) and (
            target.path or "/"
        ).startswith(allowed.path or "/"):
            return True
    return False


class wechat_errors:
    """Turn WeChat's answers into our errors, and audit a refused sign-in."""

    def __init__(self, origin: Origin, channel: str) -> None:
        self.origin = origin
        self.channel = channel

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: object
    ) -> bool:
        if isinstance(exc, WeChatUnavailable):
            raise errors.GatewayUnavailable() from None
        if isinstance(exc, WeChatError):
            await audit(
                "auth.sign_in_failed",
                origin=self.origin,
                detail={"channel": self.channel, "errcode": exc.errcode},
            )
            raise errors.WeChatCodeInvalid(errcode=exc.errcode) from None
        return False


def _verifier_digest(verifier: str) -> str:
    return hashlib.sha256(verifier.encode("utf-8")).hexdigest()


def _state_key(state: str) -> str:
    return f"auth:oauth-state:{state}"


def _face_key(verify_id: str) -> str:
    return f"auth:face:{hashlib.sha256(verify_id.encode()).hexdigest()}"


def _claim_key(person: Person) -> str:
    return f"auth:claim:{person.public_id}"


def _attempts_key(person: Person) -> str:
    return f"auth:verify-fail:{person.public_id}:{clock.local(clock.now()):%Y%m%d}"


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

# Fixed windows: refuse (returning the seconds to wait) if any window is full, else count the
# send in every window. Checked and counted atomically, so concurrent sends cannot slip past.
_HIT_LIMITS = """
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i - 1])
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= limit then
    local ttl = redis.call('TTL', key)
    if ttl < 1 then ttl = tonumber(ARGV[2 * i]) end
    return ttl
  end
end
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('EXPIRE', key, tonumber(ARGV[2 * i])) end
end
return 0
"""
