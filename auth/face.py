"""Face verification (assurance level 3) through the mini-program's wx.requestFacialVerify.

It proves the person's verified real name, or the claim waiting to join an account whose real
name another account holds (see auth.real_name).
"""

from __future__ import annotations

import hashlib
import json as jsonlib
from dataclasses import dataclass

import redis.asyncio as redis

from api.kit.ids import new_public_id
from auth import errors
from auth.audit import Origin, audit
from auth.claims import Claims, claim_key
from auth.gateways.wechat import (
    FACE_SUCCESS,
    WeChatClient,
    WeChatError,
    WeChatUnavailable,
    cert_hash,
)
from auth.models import Binding, BindingKind, Person
from auth.persons import Persons
from auth.real_name import RealName
from auth.schemas import FaceStarted, ProfileOut
from auth.wechat_errors import wechat_errors

FACE_SECONDS = 3600


@dataclass
class FaceVerification:
    persons: Persons
    claims: Claims
    real_name: RealName
    redis: redis.Redis
    wechat: WeChatClient

    async def start_face_verification(self, person: Person, origin: Origin) -> FaceStarted:
        name, number = await self._name_and_number_to_prove(person)
        openid = await self._mini_program_openid(person)
        out_seq_no = new_public_id("fce")
        async with wechat_errors(origin, "face"):
            verify_id = await self.wechat.get_verify_id(openid, out_seq_no, name, number)
        await self.redis.set(
            _face_key(verify_id),
            jsonlib.dumps({"person": person.public_id, "out_seq_no": out_seq_no}),
            ex=FACE_SECONDS,
        )
        await audit("auth.face_started", person=person, origin=origin)
        return FaceStarted(verify_id=verify_id, expires_in=FACE_SECONDS)

    async def finish_face_verification(
        self, person: Person, verify_id: str, origin: Origin
    ) -> ProfileOut:
        """Level 3 once WeChat says the face passed; the person's profile as it then is."""
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
        index = self.persons.index("id_number", number)
        profile = await self.real_name.apply_real_name(
            person, name, number, index, origin, face=True
        )
        await self.redis.delete(_face_key(verify_id), claim_key(person))
        return profile

    async def _name_and_number_to_prove(self, person: Person) -> tuple[str, str]:
        """What face verification checks the face against: the person's verified real name,
        or the claim waiting to join another account."""
        if person.id_number_sealed is not None and person.name_sealed is not None:
            return (
                self.persons.open_person(person, "name"),
                self.persons.open_person(person, "id_number"),
            )
        claim = await self.claims.of(person)
        if claim is None:
            raise errors.LevelRequired(required_level=2, current_level=person.level)
        return claim

    async def _mini_program_openid(self, person: Person) -> str:
        binding = await Binding.last_used(person.id, BindingKind.MP_OPENID)
        if binding is None:
            raise errors.MiniProgramRequired()
        return self.persons.open_binding(binding)


def _face_key(verify_id: str) -> str:
    return f"auth:face:{hashlib.sha256(verify_id.encode()).hexdigest()}"
