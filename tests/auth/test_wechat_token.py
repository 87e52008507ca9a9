"""The WeChat access token is shared: one refresher at a time, one retry after 40001."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from auth.gateways.wechat import Credentials, WeChatClient, WeChatUnavailable


def client_for(server, redis) -> WeChatClient:
    settings = server.app.ctx.settings
    return WeChatClient(
        f"{server.url}/sandbox/wechat",
        f"{server.url}/sandbox/wechat",
        mini_program=Credentials(settings.wechat_mp_appid, settings.wechat_mp_secret),
        official_account=Credentials(settings.wechat_oa_appid, settings.wechat_oa_secret),
        redis_client=redis,
        timeout=5,
    )


async def token_calls(client: httpx.AsyncClient, appid: str) -> int:
    calls = (await client.get("/sandbox/wechat/_test/token-calls")).json()
    return int(calls.get(appid, 0))


async def test_fifty_concurrent_callers_cause_one_stable_token_call(server, client, clean) -> None:
    appid = server.app.ctx.settings.wechat_mp_appid
    before = await token_calls(client, appid)
    wechat = client_for(server, clean.redis)
    try:
        tokens = await asyncio.gather(*(wechat.access_token("mp") for _ in range(50)))
    finally:
        await wechat.aclose()
    assert len(set(tokens)) == 1
    assert await token_calls(client, appid) - before == 1


async def test_an_expired_token_is_refreshed_once_and_the_call_retried(
    server, client, clean
) -> None:
    appid = server.app.ctx.settings.wechat_mp_appid
    wechat = client_for(server, clean.redis)
    try:
        await wechat.access_token("mp")
        await client.post("/sandbox/wechat/_test/expire-tokens")  # WeChat now says 40001
        before = await token_calls(client, appid)
        codes = [
            (
                await client.post(
                    "/sandbox/wechat/_test/phone-code", json={"phone": f"1390000000{i}"}
                )
            ).json()["code"]
            for i in range(20)
        ]
        phones = await asyncio.gather(*(wechat.user_phone_number(code) for code in codes))
    finally:
        await wechat.aclose()
    assert sorted(phones) == sorted(f"1390000000{i}" for i in range(20))
    # Twenty calls met the refused token; only one refresh followed.
    assert await token_calls(client, appid) - before == 1


async def test_an_answer_with_a_garbled_errcode_is_wechat_unavailable(server, clean) -> None:
    settings = server.app.ctx.settings

    def garbled(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"errcode": "oops", "openid": "o-1", "session_key": "k"})

    wechat = WeChatClient(
        "https://api.weixin.qq.com",
        "https://open.weixin.qq.com",
        mini_program=Credentials(settings.wechat_mp_appid, settings.wechat_mp_secret),
        official_account=Credentials(settings.wechat_oa_appid, settings.wechat_oa_secret),
        redis_client=clean.redis,
        timeout=5,
        transport=httpx.MockTransport(garbled),
    )
    try:
        with pytest.raises(WeChatUnavailable):
            await wechat.code_to_session("a-code")
    finally:
        await wechat.aclose()
