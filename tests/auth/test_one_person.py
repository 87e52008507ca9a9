"""One person on every channel; real-name verification; merging two persons who are one."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any, cast

import httpx
import pytest

from auth.audit import Origin
from auth.errors import AlreadyVerified
from auth.models import AuditEvent, Binding, BindingKind, Person, PersonStatus
from tests.auth.conftest import (
    bearer,
    face_verified_citizen,
    join_by_face,
    me,
    mini_program_sign_in,
    new_phone,
    official_account_sign_in,
    register_citizen,
    sign_in_by_phone,
)

VALID_IDS = ["11010519491231002X", "440524188001010014", "360426199101010071", "53010219200508011X"]
_openids = itertools.count(1)


def openid() -> str:
    return f"o-test-{next(_openids):06d}"


async def phone_code(client: httpx.AsyncClient, phone: str) -> str:
    return (await client.post("/sandbox/wechat/_test/phone-code", json={"phone": phone})).json()[
        "code"
    ]


async def test_one_person_through_mini_program_official_account_and_phone(client) -> None:
    unionid = f"u-{openid()}"
    via_mp = await mini_program_sign_in(client, openid(), unionid)
    phone = new_phone()
    bound = await client.post(
        "/api/v1/me/phone/wechat",
        json={"code": await phone_code(client, phone)},
        headers=bearer(via_mp),
    )
    assert bound.status_code == 200, bound.text
    via_oa = await official_account_sign_in(client, openid(), unionid)
    via_app = await sign_in_by_phone(client, phone)
    people = {(await me(client, t))["person_id"] for t in (via_mp, via_oa, via_app)}
    assert len(people) == 1

    # Made on the mini-program: a verified real name. Seen on the other two channels.
    await register_citizen(client, "张小三", VALID_IDS[2])
    verified = await client.post(
        "/api/v1/me/real-name",
        json={"name": "张小三", "id_number": VALID_IDS[2]},
        headers=bearer(via_mp),
    )
    assert verified.status_code == 200, verified.text
    for tokens in (via_oa, via_app):
        profile = await me(client, tokens)
        assert profile["level"] == 2
        assert profile["name"] == "张*三"
        assert profile["id_number"] == "3604**********0071"
    sessions = (await client.get("/api/v1/me/sessions", headers=bearer(via_app))).json()
    assert sorted(s["channel"] for s in sessions["sessions"]) == [
        "app",
        "miniprogram",
        "official_account",
    ]


async def test_mini_program_sign_in_keeps_the_session_key_sealed(client) -> None:
    tokens = await mini_program_sign_in(client, openid())
    assert "session_key" not in str(tokens)
    binding = await Binding.get(kind="mp_openid")
    assert binding.session_key_sealed and binding.session_key_sealed.count(":") >= 2


async def test_two_persons_found_to_be_one_are_merged_and_audited(client) -> None:
    number = VALID_IDS[0]
    await register_citizen(client, "王五", number)
    phone = new_phone()
    first_tokens = await face_verified_citizen(client, "王五", number, openid())
    bound = await client.post(
        "/api/v1/me/phone/wechat",
        json={"code": await phone_code(client, phone)},
        headers=bearer(first_tokens),
    )
    assert bound.status_code == 200, bound.text
    first = await me(client, first_tokens)
    on_mp = await mini_program_sign_in(client, openid())  # the same person's other WeChat
    second = await me(client, on_mp)
    assert second["person_id"] != first["person_id"]

    held = await client.post(
        "/api/v1/me/real-name", json={"name": "王五", "id_number": number}, headers=bearer(on_mp)
    )
    assert held.status_code == 409 and held.json()["code"] == "auth.identity_held_elsewhere"
    assert (await Person.get(public_id=first["person_id"])).status == PersonStatus.ACTIVE
    merged = await join_by_face(client, on_mp)  # two faces, one person
    assert merged.status_code == 200, merged.text
    survivor = merged.json()
    assert survivor["person_id"] == second["person_id"] and survivor["level"] == 3
    assert sorted(b["kind"] for b in survivor["bindings"]) == ["mp_openid", "mp_openid", "phone"]

    gone = await Person.get(public_id=first["person_id"])
    assert gone.status == PersonStatus.MERGED and gone.merged_into == second["person_id"]
    assert gone.id_number_sealed is None and gone.id_number_index is None
    # The phone now reaches the survivor, and the old session carries on as the survivor.
    assert (await me(client, await sign_in_by_phone(client, phone)))["person_id"] == second[
        "person_id"
    ]
    refreshed = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first_tokens["refresh_token"]}
    )
    assert refreshed.status_code == 200
    assert (await me(client, refreshed.json()))["person_id"] == second["person_id"]
    event = await AuditEvent.get(kind="auth.persons_merged")
    assert event.person_public_id == second["person_id"]
    assert event.detail["merged"] == first["person_id"]


async def test_a_face_outranks_a_real_name_someone_only_knew(client) -> None:
    number = VALID_IDS[2]
    await register_citizen(client, "张小三", number)
    squatter = await sign_in_by_phone(client, new_phone())
    real_name = {"name": "张小三", "id_number": number}
    assert (
        await client.post("/api/v1/me/real-name", json=real_name, headers=bearer(squatter))
    ).status_code == 200
    owner = await mini_program_sign_in(client, openid())
    held = await client.post("/api/v1/me/real-name", json=real_name, headers=bearer(owner))
    assert held.status_code == 409
    assert (await join_by_face(client, owner)).json()["level"] == 3
    # The squatter keeps its own account at level 1; nothing of it reaches the owner.
    squatter_now, owner_now = await me(client, squatter), await me(client, owner)
    assert squatter_now["level"] == 1 and squatter_now["id_number"] is None
    assert [b["kind"] for b in squatter_now["bindings"]] == ["phone"]
    assert [b["kind"] for b in owner_now["bindings"]] == ["mp_openid"]
    assert owner_now["id_number"] == "3604**********0071"
    released = await AuditEvent.get(kind="auth.real_name_released")
    assert released.person_public_id == squatter_now["person_id"]
    assert await AuditEvent.filter(kind="auth.persons_merged").count() == 0
    # The account that lost its real name is told, in its inbox (and by SMS to its phone).
    inbox = await client.get("/api/v1/me/inbox", headers=bearer(squatter))
    titles = [m["title"] for m in inbox.json()["messages"]]
    assert "实名信息已被本人取回" in titles
    owner_inbox = await client.get("/api/v1/me/inbox", headers=bearer(owner))
    assert "实名信息已被本人取回" not in [m["title"] for m in owner_inbox.json()["messages"]]


async def test_a_name_and_number_alone_do_not_take_over_the_account_holding_them(
    client,
) -> None:
    number = VALID_IDS[1]
    await register_citizen(client, "钱七", number)
    owner_phone = new_phone()
    owner = await sign_in_by_phone(client, owner_phone)
    real_name = {"name": "钱七", "id_number": number}
    assert (
        await client.post("/api/v1/me/real-name", json=real_name, headers=bearer(owner))
    ).status_code == 200
    for attacker in (
        await sign_in_by_phone(client, new_phone()),
        await mini_program_sign_in(client, openid()),
    ):
        held = await client.post("/api/v1/me/real-name", json=real_name, headers=bearer(attacker))
        assert held.status_code == 409 and held.json()["code"] == "auth.identity_held_elsewhere"
        assert "钱七" not in held.text and number not in held.text
        assert (await me(client, attacker))["level"] == 1
    # The mini-program attacker may try a face verification; the face is not the owner's.
    failed_face = await join_by_face(client, attacker, verify_ret=90002)
    assert failed_face.status_code == 422 and failed_face.json()["verify_ret"] == 90002
    held_by_owner = await me(client, owner)
    assert held_by_owner["level"] == 2 and [b["kind"] for b in held_by_owner["bindings"]] == [
        "phone"
    ]
    assert (await Person.get(public_id=held_by_owner["person_id"])).status == PersonStatus.ACTIVE
    assert await AuditEvent.filter(kind="auth.persons_merged").count() == 0
    assert await AuditEvent.filter(kind="auth.identity_held_elsewhere").count() == 2


async def test_two_accounts_verifying_one_number_at_once_get_one_holder(client) -> None:
    await register_citizen(client, "张小三", VALID_IDS[2])
    accounts = [
        await sign_in_by_phone(client, new_phone()),
        await mini_program_sign_in(client, openid()),
    ]
    body = {"name": "张小三", "id_number": VALID_IDS[2]}
    responses = await asyncio.gather(
        *(client.post("/api/v1/me/real-name", json=body, headers=bearer(t)) for t in accounts)
    )
    assert sorted(r.status_code for r in responses) == [200, 409]
    assert await Person.filter(id_number_index__not_isnull=True).count() == 1


async def test_face_start_without_a_real_name_to_prove_asks_for_level_two(client) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    response = await client.post("/api/v1/me/face/start", headers=bearer(tokens))
    assert response.status_code == 403 and response.json()["required_level"] == 2


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("340524198001010013", "校验位"),
        ("110105194902300021", "出生日期"),
        ("990105194912310021", "地区码"),
        ("1101051949123100", "18 位"),
    ],
)
async def test_bad_id_numbers_fail_before_any_gateway_call(client, server, number, why) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    sandbox, redis = server.app.ctx.sandboxes.idverify, server.app.ctx.redis
    calls = await sandbox.calls(redis)
    response = await client.post(
        "/api/v1/me/real-name", json={"name": "李四", "id_number": number}, headers=bearer(tokens)
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "auth.id_number_invalid" and why in body["detail"]
    assert number not in response.text
    assert await sandbox.calls(redis) == calls


async def test_shared_valid_vectors_verify(client) -> None:
    for index, number in enumerate(VALID_IDS):
        await register_citizen(client, f"测试{'甲乙丙丁'[index]}", number)
        tokens = await sign_in_by_phone(client, new_phone())
        response = await client.post(
            "/api/v1/me/real-name",
            json={"name": f"测试{'甲乙丙丁'[index]}", "id_number": number},
            headers=bearer(tokens),
        )
        assert response.status_code == 200, (number, response.text)


async def test_five_failed_verifications_a_day_then_refused(client) -> None:
    await register_citizen(client, "赵六", VALID_IDS[3])
    tokens = await sign_in_by_phone(client, new_phone())
    wrong = {"name": "赵七", "id_number": VALID_IDS[3]}
    for _ in range(5):
        response = await client.post("/api/v1/me/real-name", json=wrong, headers=bearer(tokens))
        assert response.status_code == 422 and response.json()["code"] == "auth.real_name_mismatch"
    refused = await client.post(
        "/api/v1/me/real-name",
        json={"name": "赵六", "id_number": VALID_IDS[3]},
        headers=bearer(tokens),
    )
    assert refused.status_code == 429 and refused.json()["code"] == "auth.verification_limit"


async def test_face_verification_raises_the_level_to_three(client) -> None:
    await register_citizen(client, "孙八", VALID_IDS[1])
    tokens = await mini_program_sign_in(client, openid())
    await client.post(
        "/api/v1/me/real-name",
        json={"name": "孙八", "id_number": VALID_IDS[1]},
        headers=bearer(tokens),
    )
    cancelled = await join_by_face(client, tokens, verify_ret=90002)
    assert cancelled.status_code == 422 and cancelled.json()["verify_ret"] == 90002

    done = await join_by_face(client, tokens)
    assert done.status_code == 200 and done.json()["level"] == 3


async def test_face_verification_needs_level_two(client) -> None:
    tokens = await mini_program_sign_in(client, openid())
    response = await client.post("/api/v1/me/face/start", headers=bearer(tokens))
    assert response.status_code == 403 and response.json()["required_level"] == 2


async def test_oauth_state_is_single_use_and_redirects_are_allow_listed(client) -> None:
    for uri in ("http://127.0.0.1.evil.example/x", "https://evil.example/", "javascript:alert(1)"):
        refused = await client.post(
            "/api/v1/auth/official-account/authorize",
            json={"redirect_uri": uri, "scope": "snsapi_base"},
        )
        assert refused.status_code == 400, uri
        assert refused.json()["code"] == "auth.redirect_not_allowed"
    started = (
        await client.post(
            "/api/v1/auth/official-account/authorize",
            json={"redirect_uri": "http://localhost/cb", "scope": "snsapi_base"},
        )
    ).json()
    assert "appid=wxsandboxofficial" in started["authorize_url"]
    assert "#wechat_redirect" in started["authorize_url"]
    code = (
        await client.post(
            "/sandbox/wechat/_test/oauth-code", json={"openid": openid(), "scope": "snsapi_base"}
        )
    ).json()["code"]
    body = {
        "code": code,
        "state": started["state"],
        "verifier": started["verifier"],
        "privacy_policy_version": "2026-11",
    }
    assert (await client.post("/api/v1/auth/official-account", json=body)).status_code == 200
    replay = await client.post("/api/v1/auth/official-account", json=body)
    assert replay.status_code == 400 and replay.json()["code"] == "auth.oauth_state_invalid"


async def test_a_code_and_state_carried_to_another_browser_sign_nobody_in(client) -> None:
    """Login CSRF: someone begins a sign-in, then slips their code and state into a victim's
    page. The victim's page holds another verifier (or none), so nobody is signed in, and the
    state is spent."""
    attacker = (
        await client.post(
            "/api/v1/auth/official-account/authorize",
            json={"redirect_uri": "http://localhost/cb", "scope": "snsapi_base"},
        )
    ).json()
    victim = (
        await client.post(
            "/api/v1/auth/official-account/authorize",
            json={"redirect_uri": "http://localhost/cb", "scope": "snsapi_base"},
        )
    ).json()
    assert attacker["verifier"] != victim["verifier"]
    code = (
        await client.post(
            "/sandbox/wechat/_test/oauth-code", json={"openid": openid(), "scope": "snsapi_base"}
        )
    ).json()["code"]
    forged = {"code": code, "state": attacker["state"], "privacy_policy_version": "2026-11"}
    missing = await client.post("/api/v1/auth/official-account", json=forged)
    assert missing.status_code == 422
    crossed = await client.post(
        "/api/v1/auth/official-account", json={**forged, "verifier": victim["verifier"]}
    )
    assert crossed.status_code == 400 and crossed.json()["code"] == "auth.oauth_state_invalid"
    assert "access_token" not in crossed.text
    rightful = await client.post(
        "/api/v1/auth/official-account", json={**forged, "verifier": attacker["verifier"]}
    )
    assert rightful.status_code == 400, "a refused state stays spent"
    # Tortoise types values_list as rows of tuples even with flat=True; here each is a detail.
    refused = cast(
        list[dict[str, Any]],
        await AuditEvent.filter(kind="auth.sign_in_failed").values_list("detail", flat=True),
    )
    assert {"channel": "official_account", "reason": "oauth_verifier_mismatch"} in [
        {k: d[k] for k in ("channel", "reason") if k in d} for d in refused
    ]


async def test_a_forged_wechat_code_is_refused(client) -> None:
    response = await client.post(
        "/api/v1/auth/miniprogram", json={"code": "forged", "privacy_policy_version": "2026-11"}
    )
    assert response.status_code == 401 and response.json()["code"] == "auth.wechat_code_invalid"


async def test_a_phone_bound_elsewhere_is_not_taken_over(client) -> None:
    phone = new_phone()
    await sign_in_by_phone(client, phone)
    other = await mini_program_sign_in(client, openid())
    response = await client.post(
        "/api/v1/me/phone/wechat",
        json={"code": await phone_code(client, phone)},
        headers=bearer(other),
    )
    assert response.status_code == 409 and response.json()["code"] == "auth.phone_bound_elsewhere"


async def test_racing_first_sign_ins_of_one_openid_make_one_person(client) -> None:
    # Ten rounds: the race (a person created just as another request binds the openid) was
    # seen in about one round in four before it was fixed.
    for _ in range(10):
        same = openid()
        results = await asyncio.gather(*(mini_program_sign_in(client, same) for _ in range(10)))
        people = {(await me(client, tokens))["person_id"] for tokens in results}
        assert len(people) == 1
        owner = await Binding.get(
            kind="mp_openid", value_index__isnull=False, person__public_id=people.pop()
        )
        assert owner is not None
    assert await Person.all().count() == 10


async def test_a_verified_real_name_is_never_replaced_by_a_late_face_check(server, client) -> None:
    """A face check finishing for a claim while the same account verified another number: the
    face check loaded the account before that, and must not overwrite it."""
    await register_citizen(client, "王五", VALID_IDS[0])
    await register_citizen(client, "孙八", VALID_IDS[1])
    holder = await sign_in_by_phone(client, new_phone())
    x = {"name": "王五", "id_number": VALID_IDS[0]}
    assert (await client.post("/api/v1/me/real-name", json=x, headers=bearer(holder))).is_success
    claimant = await mini_program_sign_in(client, openid())
    stale = await Person.get(public_id=(await me(client, claimant))["person_id"])
    y = {"name": "孙八", "id_number": VALID_IDS[1]}
    assert (await client.post("/api/v1/me/real-name", json=y, headers=bearer(claimant))).is_success
    identity = server.app.ctx.services.identity
    with pytest.raises(AlreadyVerified):
        await identity.real_name.apply_real_name(
            stale,
            "王五",
            VALID_IDS[0],
            identity.persons.index("id_number", VALID_IDS[0]),
            Origin(channel="miniprogram"),
            face=True,
        )
    assert (await me(client, holder))["level"] == 2
    assert (await me(client, claimant))["id_number"] == "4405**********0014"


async def test_two_wechat_accounts_merged_into_one_person_get_messages_where_last_used(
    server, client
) -> None:
    name, number = "冯十四", "440524188001010057"
    await register_citizen(client, name, number)
    first_openid, second_openid = openid(), openid()
    await face_verified_citizen(client, name, number, first_openid)
    second = await mini_program_sign_in(client, second_openid)
    await client.post(
        "/api/v1/me/real-name", json={"name": name, "id_number": number}, headers=bearer(second)
    )
    assert (await join_by_face(client, second)).status_code == 200
    survivor = await Person.get(public_id=(await me(client, second))["person_id"])
    vault = server.app.ctx.services.identity.persons.vault

    async def messages_go_to() -> str:
        binding = await Binding.last_used(survivor.id, BindingKind.MP_OPENID)
        assert binding is not None
        return vault.open(
            binding.value_sealed, table="binding", column="value", row=binding.public_id
        )

    assert await Binding.filter(person_id=survivor.id, kind=BindingKind.MP_OPENID).count() == 2
    for signed_in_with in (first_openid, second_openid, first_openid):
        tokens = await mini_program_sign_in(client, signed_in_with)
        assert (await me(client, tokens))["person_id"] == survivor.public_id
        assert await messages_go_to() == signed_in_with


async def test_face_checks_finishing_at_once_for_one_identity_all_join_it(server, client) -> None:
    """Six accounts of one person pass the face check for the number a seventh holds, and
    finish at the same moment: each joins (a winner's merge made the others meet the new
    holder at the unique index, and they answered 409 though their face had passed)."""
    name, number = "褚十五", "440524188001010065"
    await register_citizen(client, name, number)
    await face_verified_citizen(client, name, number, openid())
    accounts = [await mini_program_sign_in(client, openid()) for _ in range(6)]
    verify_ids = []
    for tokens in accounts:
        claimed = await client.post(
            "/api/v1/me/real-name", json={"name": name, "id_number": number}, headers=bearer(tokens)
        )
        assert claimed.status_code == 409
        started = await client.post("/api/v1/me/face/start", headers=bearer(tokens))
        verify_ids.append(started.json()["verify_id"])
        await client.post(
            "/sandbox/wechat/_test/face-result",
            json={"verify_id": verify_ids[-1], "verify_ret": 10000},
        )
    finished = await asyncio.gather(
        *[
            client.post(
                "/api/v1/me/face/finish", json={"verify_id": verify_id}, headers=bearer(tokens)
            )
            for tokens, verify_id in zip(accounts, verify_ids, strict=True)
        ]
    )
    assert [f.status_code for f in finished] == [200] * 6, [f.text for f in finished]
    survivors = await Person.filter(status=PersonStatus.ACTIVE, level=3)
    assert len(survivors) == 1
    assert await Binding.filter(person_id=survivors[0].id, kind=BindingKind.MP_OPENID).count() == 7
    assert await Person.filter(status=PersonStatus.MERGED).count() == 6


async def test_a_sign_in_begun_before_verifiers_existed_is_refused_not_a_500(
    server, client
) -> None:
    state = "s" * 32  # stored by the previous release, in the middle of a deployment
    await server.app.ctx.redis.set(f"auth:oauth-state:{state}", '{"scope": "snsapi_base"}')
    answer = await client.post(
        "/api/v1/auth/official-account",
        json={
            "code": "c",
            "state": state,
            "verifier": "v" * 32,
            "privacy_policy_version": "2026-11",
        },
    )
    assert answer.status_code == 400 and answer.json()["code"] == "auth.oauth_state_invalid"
