"""Signing a citizen in: by phone and SMS code, from the mini-program, from the official account.

Each channel proves a binding (a phone, an openid, a unionid); the person it reaches is signed
in, or a new person is made (with the current privacy policy accepted) and bound to them.
"""

from __future__ import annotations

import hashlib
import hmac
import json as jsonlib
import secrets
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import redis.asyncio as redis
from tortoise.exceptions import IntegrityError

from api.kit import clock
from api.kit.db import transaction
from api.kit.masking import mask_phone
from auth import errors
from auth.audit import Origin, audit
from auth.consent import Consents
from auth.gateways.wechat import WeChatClient
from auth.limits import RateLimits
from auth.login_codes import LoginCodes, normalise_phone
from auth.models import Binding, BindingKind, Person
from auth.persons import Persons
from auth.schemas import OfficialAccountStart, ProfileOut
from auth.sessions import Sessions, TokenPair
from auth.wechat_errors import wechat_errors

OAUTH_STATE_SECONDS = 600
# How long a WeChat identity, proven but waiting for the privacy policy to be accepted, is
# kept for the consent step (WeChat's code is spent by then; asking for a new one would mean
# starting the sign-in over).
CONSENT_TICKET_SECONDS = 300
# What a sign-in proved: (kind, value, verified).
Proven = list[tuple[BindingKind, str, bool]]


@dataclass
class SignIn:
    persons: Persons
    consents: Consents
    sessions: Sessions
    codes: LoginCodes
    limits: RateLimits
    redis: redis.Redis
    wechat: WeChatClient
    redirect_allowlist: tuple[str, ...] = ()

    # ------------------------------------------------------------------ phone and SMS code

    async def send_login_code(self, phone: str, origin: Origin) -> None:
        await self.codes.send_login_code(phone, origin)

    async def sign_in_with_phone(
        self, phone: str, code: str, consent: str | None, origin: Origin
    ) -> TokenPair:
        phone = normalise_phone(phone)
        await self.limits.signing_in(self.persons.index(BindingKind.PHONE, phone), origin.ip)
        # The code first: until it is proven, every answer is the same whether the phone has
        # an account or not (a consent refusal before it told which phones had one).
        try:
            await self.codes.check_login_code(phone, code, spend=False)
        except errors.CodeInvalid:
            await audit(
                "auth.sign_in_failed",
                origin=origin,
                detail={"channel": "phone", "phone": mask_phone(phone)},
            )
            raise
        existing = await self.persons.person_by_binding(BindingKind.PHONE, phone)
        if existing is None or not await self.consents.accepted_current(existing.id):
            self.consents.require_offered(consent)  # the code stays for the retry with consent
        await self.codes.spend_login_code(phone)
        person = await self.find_or_create_person(
            [(BindingKind.PHONE, phone, True)], origin, consent
        )
        return await self.sessions.start_session(person, origin)

    # ------------------------------------------------------------------ WeChat

    async def sign_in_with_mini_program(
        self, code: str, consent: str | None, origin: Origin
    ) -> TokenPair:
        await self.limits.signing_in(hashlib.sha256(code.encode()).hexdigest(), origin.ip)
        async with wechat_errors(origin, "miniprogram"):
            session = await self.wechat.code_to_session(code)
        bindings = [(BindingKind.MP_OPENID, session.openid, True)]
        if session.unionid:
            bindings.append((BindingKind.UNIONID, session.unionid, True))
        return await self._sign_in_proven(bindings, origin, consent, session.session_key)

    async def begin_official_account_sign_in(
        self, redirect_uri: str, scope: str
    ) -> OfficialAccountStart:
        if not redirect_allowed(redirect_uri, self.redirect_allowlist):
            raise errors.RedirectNotAllowed()
        state, verifier = secrets.token_urlsafe(24), secrets.token_urlsafe(32)
        pending = {"scope": scope, "verifier": _verifier_digest(verifier)}
        await self.redis.set(_state_key(state), jsonlib.dumps(pending), ex=OAUTH_STATE_SECONDS)
        return OfficialAccountStart(
            authorize_url=self.wechat.authorize_url(redirect_uri, scope, state),
            state=state,
            verifier=verifier,
            expires_in=OAUTH_STATE_SECONDS,
        )

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
        return await self._sign_in_proven(bindings, origin, consent)

    async def _sign_in_proven(
        self,
        bindings: Proven,
        origin: Origin,
        consent: str | None,
        session_key: str | None = None,
    ) -> TokenPair:
        """A WeChat identity proven by a code WeChat has now spent: when the privacy policy
        still has to be accepted, the identity is held for a single-use consent step
        (`consent_ticket`), so accepting does not need a new code."""
        try:
            person = await self.find_or_create_person(bindings, origin, consent)
        except errors.ConsentRequired:
            ticket = await self._hold_for_consent(bindings, origin.channel, session_key)
            raise errors.ConsentRequired(
                policy_version=self.consents.policy_version,
                consent_ticket=ticket,
                consent_ticket_expires_in=CONSENT_TICKET_SECONDS,
            ) from None
        if session_key is not None:  # the mini-program's, kept on its openid binding
            await self.persons.keep_session_key(bindings[0][1], session_key)
        return await self.sessions.start_session(person, origin)

    async def _hold_for_consent(
        self, bindings: Proven, channel: str, session_key: str | None
    ) -> str:
        ticket = secrets.token_urlsafe(24)
        held = jsonlib.dumps(
            {
                "channel": channel,
                "bindings": [[str(k), v, verified] for k, v, verified in bindings],
                "session_key": session_key,
            }
        )
        sealed = self.persons.vault.seal(held, table="redis", column="consent_ticket", row=ticket)
        await self.redis.set(_consent_key(ticket), sealed, ex=CONSENT_TICKET_SECONDS)
        return ticket

    async def sign_in_after_consent(
        self, ticket: str, consent: str | None, origin: Origin
    ) -> TokenPair:
        """The consent step of a WeChat sign-in: the identity held under `ticket` (once), now
        with the policy accepted."""
        sealed = await self.redis.getdel(_consent_key(ticket))
        if sealed is None:
            raise errors.ConsentTicketInvalid()
        text = sealed.decode() if isinstance(sealed, bytes) else sealed
        held = jsonlib.loads(
            self.persons.vault.open(text, table="redis", column="consent_ticket", row=ticket)
        )
        bindings: Proven = [(BindingKind(k), v, verified) for k, v, verified in held["bindings"]]
        return await self._sign_in_proven(
            bindings, replace(origin, channel=held["channel"]), consent, held["session_key"]
        )

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

    async def bind_phone_from_wechat(self, person: Person, code: str, origin: Origin) -> ProfileOut:
        """Bind the phone WeChat verified; the person's profile, read inside the transaction
        that bound it (once it has committed, nothing is left to fail before the answer)."""
        async with wechat_errors(origin, "phone"):
            phone = await self.wechat.user_phone_number(code)
        async with transaction():
            owner = await self.persons.person_by_binding(BindingKind.PHONE, phone)
            if owner is not None and owner.id != person.id:
                raise errors.PhoneBoundElsewhere()
            if owner is None:
                try:
                    await self.persons.bind(person, BindingKind.PHONE, phone, verified=True)
                except IntegrityError:  # bound by a racing request a moment ago
                    raise errors.PhoneBoundElsewhere() from None
            await audit(
                "auth.phone_bound",
                person=person,
                origin=origin,
                detail={"phone": mask_phone(phone)},
            )
            return await self.persons.profile(person)

    # ------------------------------------------------------------------ the person signing in

    async def find_or_create_person(
        self, bindings: Proven, origin: Origin, consent: str | None
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
        self, bindings: Proven, origin: Origin, consent: str | None
    ) -> Person:
        person = None
        for kind, value, _verified in bindings:
            person = await self.persons.person_by_binding(kind, value)
            if person is not None:
                break
        created = person is None
        if person is None:
            self.consents.require_offered(consent)
            person = await self.persons.create_person()
        for kind, value, verified in bindings:
            held = Binding.filter(kind=kind, value_index=self.persons.index(kind, value))
            if not await held.exists():
                await self.persons.bind(person, kind, value, verified=verified)  # unique index
            elif created:
                # A racing sign-in bound it after we looked: roll back this new person, retry.
                raise IntegrityError("binding taken by a concurrent sign-in")
            else:  # what the person signed in with: where messages go (Binding.last_used)
                await held.filter(person_id=person.id).update(last_used_at=clock.now())
        await self.consents.ensure(person.id, consent, origin.channel)
        if created:
            await audit("person.created", person=person, origin=origin)
        return person


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


def _verifier_digest(verifier: str) -> str:
    return hashlib.sha256(verifier.encode("utf-8")).hexdigest()


def _consent_key(ticket: str) -> str:
    return f"auth:consent_ticket:{hashlib.sha256(ticket.encode()).hexdigest()}"


def _state_key(state: str) -> str:
    return f"auth:oauth-state:{state}"
