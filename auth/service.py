"""Unified identity: one person on every channel. The package's one service object.

`Identity` composes identity's concerns, each in its own module, around the process's
dependencies (vault, token signer, Redis, gateway clients) and the hooks other packages
register; routes and other packages reach a concern through it:

- `persons` (auth.persons): bindings found by blind index, sealing, the person's profile;
- `consents` (auth.consent): the privacy policy's current version, accepted;
- `sessions` (auth.sessions): sessions, token pairs, refresh rotation, revocation;
- `sign_in` (auth.sign_in): SMS codes, phone, mini-program and official-account sign-in;
- `real_name` (auth.real_name): real-name verification, claims, merges of persons;
- `face` (auth.face): face verification (level 3);
- `deletion` (auth.deletion): account deletion.

and itself accepts the privacy policy (`accept_policy`: the consent and the profile answered,
in one transaction).

No HTTP here: routes pass in what they parsed and get plain results back.
"""

from __future__ import annotations

from datetime import timedelta

import redis.asyncio as redis

from api.kit.db import transaction
from auth.audit import Origin
from auth.claims import Claims
from auth.consent import Consents
from auth.deletion import AccountDeletion
from auth.face import FaceVerification
from auth.gateways.idverify import IdVerifyClient
from auth.gateways.wechat import WeChatClient
from auth.limits import RateLimits
from auth.login_codes import CodeSender, LoginCodes
from auth.merge import AfterCommit, DeletionHook, MergeHook, ReleaseNotice
from auth.models import Person
from auth.persons import Persons
from auth.real_name import RealName
from auth.schemas import ProfileOut
from auth.sessions import Sessions, TokenPair
from auth.sign_in import SignIn
from auth.tokens import TokenSigner
from auth.vault import Vault

__all__ = [
    "AfterCommit",
    "CodeSender",
    "DeletionHook",
    "Identity",
    "MergeHook",
    "Origin",
    "TokenPair",
]


class Identity:
    """Identity's concerns, built once per process (see api.app) around shared dependencies."""

    def __init__(
        self,
        *,
        vault: Vault,
        signer: TokenSigner,
        redis: redis.Redis,
        code_sender: CodeSender,
        wechat: WeChatClient,
        idverify: IdVerifyClient,
        policy_version: str,
        refresh_lifetime: timedelta,
        redirect_allowlist: tuple[str, ...] = (),
        merge_hooks: list[MergeHook] | None = None,
        deletion_hooks: list[DeletionHook] | None = None,
        release_notices: list[ReleaseNotice] | None = None,
    ) -> None:
        self.redis = redis
        # Shared, not copied: a package (or a test) that adds a hook later is heard.
        self.merge_hooks = merge_hooks if merge_hooks is not None else []
        self.deletion_hooks = deletion_hooks if deletion_hooks is not None else []
        self.persons = Persons(vault)
        self.consents = Consents(policy_version)
        self.sessions = Sessions(signer, self.consents, refresh_lifetime)
        limits = RateLimits(redis)
        self.sign_in = SignIn(
            self.persons,
            self.consents,
            self.sessions,
            LoginCodes(self.persons, redis, code_sender, limits),
            limits,
            redis,
            wechat,
            redirect_allowlist,
        )
        claims = Claims(self.persons, redis)
        self.real_name = RealName(
            self.persons, claims, redis, idverify, self.merge_hooks, release_notices or []
        )
        self.face = FaceVerification(self.persons, claims, self.real_name, redis, wechat)
        self.deletion = AccountDeletion(claims, self.deletion_hooks)

    async def accept_policy(self, person: Person, version: str, origin: Origin) -> ProfileOut:
        """The citizen accepts the current privacy policy; their profile, read inside the
        transaction that records it (once it has committed, nothing is left to fail before
        the answer)."""
        async with transaction():
            await self.consents.accept_policy(person, version, origin)
            return await self.persons.profile(person)
