"""WeChat: the server API client identity needs, and a sandbox that plays the WeChat server.

Calls (all JSON over HTTPS, made from async code with timeouts; wechatpy is synchronous):
- mini-program: `GET /sns/jscode2session`, `POST /wxa/business/getuserphonenumber`
  (missing from wechatpy 1.8.18), face verification `POST /cityservice/face/identify/
  getverifyid` and `.../queryverifyinfo`;
- official account web OAuth: `GET /sns/oauth2/access_token`, `GET /sns/userinfo`, and the
  browser's `/connect/oauth2/authorize`;
- `POST /cgi-bin/stable_token` for the access token. The token is shared by every process
  through Redis: one refresher at a time (a lock, then a second look at the cache), and an
  answer of 40001/42001 (invalid or expired token) refreshes once and retries once.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import secrets
import time
from collections import Counter, defaultdict
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlencode

import httpx
import redis.asyncio as redis
from redis.exceptions import LockError
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect
from sanic.response import json as json_response

from api.kit.policy import PUBLIC, requires

App = Literal["mp", "oa"]
TOKEN_ERRORS = frozenset({40001, 42001})
TOKEN_MARGIN_SECONDS = 300
LOCK_SECONDS = 10
FACE_SUCCESS = 10000


class WeChatError(Exception):
    def __init__(self, errcode: int, errmsg: str) -> None:
        self.errcode = errcode
        self.errmsg = errmsg
        super().__init__(f"{errcode}: {errmsg}")


class WeChatUnavailable(Exception):
    """WeChat did not answer in time, or answered something that is not JSON."""


@dataclass(frozen=True)
class Credentials:
    appid: str
    secret: str


@dataclass(frozen=True)
class MiniProgramSession:
    openid: str
    session_key: str
    unionid: str | None


@dataclass(frozen=True)
class OAuthGrant:
    openid: str
    access_token: str
    scope: str
    unionid: str | None


def cert_hash(name: str, id_number: str) -> str:
    """The face-verification certificate hash: base64(SHA-256 of the certificate fields)."""
    text = f"cert_type=IDENTITY_CARD&cert_name={name}&cert_no={id_number}"
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


class WeChatClient:
    def __init__(
        self,
        base_url: str,
        open_base_url: str,
        *,
        mini_program: Credentials,
        official_account: Credentials,
        redis_client: redis.Redis,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)
        self._open_base_url = open_base_url.rstrip("/")
        self._apps: dict[App, Credentials] = {"mp": mini_program, "oa": official_account}
        self._redis = redis_client

    async def aclose(self) -> None:
        await self._http.aclose()

    # ------------------------------------------------------------------ plumbing

    async def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = await self._http.request(method, path, **kwargs)
            answer = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise WeChatUnavailable(type(exc).__name__) from exc
        if not isinstance(answer, dict):
            raise WeChatUnavailable("unexpected answer")
        errcode = _number(answer.get("errcode", 0))
        if errcode:
            raise WeChatError(errcode, str(answer.get("errmsg", "")))
        return answer

    async def _answer(
        self, method: str, path: str, fields: tuple[str, ...], **kwargs: Any
    ) -> dict[str, Any]:
        """A successful answer that carries every field we read, or WeChatUnavailable."""
        answer = await self._request(method, path, **kwargs)
        return _require(answer, fields)

    async def call_with_token(self, app: App, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """A POST to a WeChat API that takes the app's shared access token (for notify)."""
        return await self._with_token(app, path, body)

    async def _with_token(self, app: App, path: str, body: dict[str, Any]) -> dict[str, Any]:
        token = await self.access_token(app)
        try:
            return await self._request("POST", path, params={"access_token": token}, json=body)
        except WeChatError as exc:
            if exc.errcode not in TOKEN_ERRORS:
                raise
        token = await self.access_token(app, stale=token)
        return await self._request("POST", path, params={"access_token": token}, json=body)

    # ------------------------------------------------------------------ the shared access token

    def _token_key(self, app: App) -> str:
        return f"wechat:access_token:{self._apps[app].appid}"

    async def access_token(self, app: App, stale: str | None = None) -> str:
        """The app's access token, shared by every process; `stale` is one WeChat refused."""
        key = self._token_key(app)
        cached = await self._cached_token(key, stale)
        if cached is not None:
            return cached
        # redis-py's lock: its release deletes the key only while this holder's token is in
        # it, so a refresher outliving the lock's timeout cannot free the next one's lock.
        lock = self._redis.lock(f"{key}:lock", timeout=LOCK_SECONDS)
        deadline = time.monotonic() + LOCK_SECONDS
        while time.monotonic() < deadline:
            if await lock.acquire(blocking=False):
                try:
                    return await self._refresh_holding_lock(app, stale)
                finally:
                    with suppress(LockError):  # expired and taken over: not ours to free
                        await lock.release()
            await asyncio.sleep(0.05)
            cached = await self._cached_token(key, stale)
            if cached is not None:
                return cached
        raise WeChatUnavailable("access token refresh did not finish")

    async def _cached_token(self, key: str, stale: str | None) -> str | None:
        raw = await self._redis.get(key)
        if raw is None:
            return None
        token = raw.decode() if isinstance(raw, bytes) else str(raw)
        return None if token == stale else token

    async def _refresh_holding_lock(self, app: App, stale: str | None) -> str:
        key = self._token_key(app)
        cached = await self._cached_token(key, stale)  # refreshed while we waited for the lock?
        if cached is not None:
            return cached
        credentials = self._apps[app]
        answer = await self._answer(
            "POST",
            "/cgi-bin/stable_token",
            ("access_token",),
            json={
                "grant_type": "client_credential",
                "appid": credentials.appid,
                "secret": credentials.secret,
                "force_refresh": stale is not None,
            },
        )
        token = str(answer["access_token"])
        lifetime = max(int(answer.get("expires_in", 7200)) - TOKEN_MARGIN_SECONDS, 60)
        await self._redis.set(key, token.encode(), ex=lifetime)
        return token

    # ------------------------------------------------------------------ mini-program

    async def code_to_session(self, js_code: str) -> MiniProgramSession:
        credentials = self._apps["mp"]
        answer = await self._answer(
            "GET",
            "/sns/jscode2session",
            ("openid", "session_key"),
            params={
                "appid": credentials.appid,
                "secret": credentials.secret,
                "js_code": js_code,
                "grant_type": "authorization_code",
            },
        )
        return MiniProgramSession(
            openid=str(answer["openid"]),
            session_key=str(answer["session_key"]),
            unionid=answer.get("unionid"),
        )

    async def user_phone_number(self, code: str) -> str:
        answer = await self._with_token("mp", "/wxa/business/getuserphonenumber", {"code": code})
        info = _require(answer, ("phone_info",))["phone_info"]
        _require(info, ("purePhoneNumber",))
        if str(info.get("countryCode", "86")) != "86":
            raise WeChatError(-1, "only mainland numbers are supported")
        return str(info["purePhoneNumber"])

    async def get_verify_id(self, openid: str, out_seq_no: str, name: str, id_number: str) -> str:
        answer = await self._with_token(
            "mp",
            "/cityservice/face/identify/getverifyid",
            {
                "out_seq_no": out_seq_no,
                "cert_info": {
                    "cert_type": "IDENTITY_CARD",
                    "cert_name": name,
                    "cert_no": id_number,
                },
                "openid": openid,
            },
        )
        return str(_require(answer, ("verify_id",))["verify_id"])

    async def query_verify_info(
        self, verify_id: str, out_seq_no: str, certificate_hash: str, openid: str
    ) -> int:
        answer = await self._with_token(
            "mp",
            "/cityservice/face/identify/queryverifyinfo",
            {
                "verify_id": verify_id,
                "out_seq_no": out_seq_no,
                "cert_hash": certificate_hash,
                "openid": openid,
            },
        )
        return _number(answer.get("verify_ret", 0))

    # ------------------------------------------------------------------ official account OAuth

    def authorize_url(self, redirect_uri: str, scope: str, state: str) -> str:
        query = urlencode(
            {
                "appid": self._apps["oa"].appid,
                "redirect_uri": redirect_uri,
                "response_type": "code",
                "scope": scope,
                "state": state,
            }
        )
        return f"{self._open_base_url}/connect/oauth2/authorize?{query}#wechat_redirect"

    async def oauth_grant(self, code: str) -> OAuthGrant:
        credentials = self._apps["oa"]
        answer = await self._answer(
            "GET",
            "/sns/oauth2/access_token",
            ("openid", "access_token"),
            params={
                "appid": credentials.appid,
                "secret": credentials.secret,
                "code": code,
                "grant_type": "authorization_code",
            },
        )
        return OAuthGrant(
            openid=str(answer["openid"]),
            access_token=str(answer["access_token"]),
            scope=str(answer.get("scope", "")),
            unionid=answer.get("unionid"),
        )

    async def oauth_unionid(self, grant: OAuthGrant) -> str | None:
        """With `snsapi_userinfo`, the user info carries the unionid when base OAuth did not."""
        answer = await self._request(
            "GET",
            "/sns/userinfo",
            params={"access_token": grant.access_token, "openid": grant.openid, "lang": "zh_CN"},
        )
        unionid = answer.get("unionid")
        return str(unionid) if unionid else None


def _require(answer: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(answer, dict) or any(field not in answer for field in fields):
        raise WeChatUnavailable("answer without " + ", ".join(fields))
    return answer


# --------------------------------------------------------------------------- the sandbox


@dataclass
class WeChatSandbox:
    """The WeChat server's side, in memory. Test hooks under `/_test` stand in for the phone."""

    apps: dict[str, str]  # appid -> secret
    tokens: dict[str, str] = field(default_factory=dict)  # live access token -> appid
    token_calls: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))
    login_codes: dict[str, dict[str, str | None]] = field(default_factory=dict)
    oauth_codes: dict[str, dict[str, str | None]] = field(default_factory=dict)
    oauth_tokens: dict[str, dict[str, str | None]] = field(default_factory=dict)
    phone_codes: dict[str, str] = field(default_factory=dict)
    verifications: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Messages: the one-time subscribe grants WeChat keeps per (openid, template), the
    # official account's followers, and what was sent (by our message id, to count repeats).
    grants: defaultdict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    followers: set[str] = field(default_factory=set)
    sent: list[dict[str, Any]] = field(default_factory=list)
    sent_ids: Counter[str] = field(default_factory=Counter)

    def credentials_ok(self, appid: str | None, secret: str | None) -> bool:
        return appid in self.apps and self.apps[appid] == secret

    def issue_token(self, appid: str, force: bool) -> str:
        self.token_calls[appid] += 1
        current = next((t for t, a in self.tokens.items() if a == appid), None)
        if current and not force:
            return current
        for token in [t for t, a in self.tokens.items() if a == appid]:
            del self.tokens[token]
        token = secrets.token_urlsafe(24)
        self.tokens[token] = appid
        return token

    def expire_tokens(self) -> None:
        self.tokens.clear()

    def new_code(self, store: dict[str, Any], value: Any) -> str:
        code = secrets.token_urlsafe(12)
        store[code] = value
        return code


def _error(errcode: int, errmsg: str) -> HTTPResponse:
    return json_response({"errcode": errcode, "errmsg": errmsg})


def _token_refused() -> HTTPResponse:
    return _error(40001, "invalid credential, access_token is invalid or not latest")


def sandbox_blueprint(sandbox: WeChatSandbox) -> Blueprint:
    bp = Blueprint("sandbox_wechat", url_prefix="/sandbox/wechat")

    def token_app(request: Request) -> str | None:
        return sandbox.tokens.get(request.args.get("access_token", ""))

    @bp.post("/cgi-bin/stable_token")
    @requires(PUBLIC)
    async def stable_token(request: Request) -> HTTPResponse:
        body = request.json or {}
        if not sandbox.credentials_ok(body.get("appid"), body.get("secret")):
            return _error(40125, "invalid appsecret")
        token = sandbox.issue_token(body["appid"], bool(body.get("force_refresh")))
        return json_response({"access_token": token, "expires_in": 7200})

    @bp.get("/sns/jscode2session")
    @requires(PUBLIC)
    async def jscode2session(request: Request) -> HTTPResponse:
        if not sandbox.credentials_ok(request.args.get("appid"), request.args.get("secret")):
            return _error(40125, "invalid appsecret")
        login = sandbox.login_codes.pop(request.args.get("js_code", ""), None)
        if login is None:
            return _error(40029, "invalid code")
        answer = {"openid": login["openid"], "session_key": secrets.token_urlsafe(16)}
        if login.get("unionid"):
            answer["unionid"] = login["unionid"]
        return json_response(answer)

    @bp.post("/wxa/business/getuserphonenumber")
    @requires(PUBLIC)
    async def getuserphonenumber(request: Request) -> HTTPResponse:
        appid = token_app(request)
        if appid is None:
            return _token_refused()
        phone = sandbox.phone_codes.pop((request.json or {}).get("code", ""), None)
        if phone is None:
            return _error(40029, "invalid code")
        return json_response(
            {
                "errcode": 0,
                "errmsg": "ok",
                "phone_info": {
                    "phoneNumber": phone,
                    "purePhoneNumber": phone,
                    "countryCode": "86",
                    "watermark": {"timestamp": int(time.time()), "appid": appid},
                },
            }
        )

    @bp.post("/cityservice/face/identify/getverifyid")
    @requires(PUBLIC)
    async def getverifyid(request: Request) -> HTTPResponse:
        if token_app(request) is None:
            return _token_refused()
        body = request.json or {}
        cert = body.get("cert_info") or {}
        if cert.get("cert_type") != "IDENTITY_CARD" or not cert.get("cert_no"):
            return _error(40097, "invalid args")
        verify_id = secrets.token_urlsafe(24)
        sandbox.verifications[verify_id] = {
            "openid": body.get("openid"),
            "out_seq_no": body.get("out_seq_no"),
            "cert_hash": cert_hash(str(cert.get("cert_name")), str(cert.get("cert_no"))),
            "verify_ret": None,
        }
        return json_response(
            {"errcode": 0, "errmsg": "ok", "verify_id": verify_id, "expires_in": 3600}
        )

    @bp.post("/cityservice/face/identify/queryverifyinfo")
    @requires(PUBLIC)
    async def queryverifyinfo(request: Request) -> HTTPResponse:
        if token_app(request) is None:
            return _token_refused()
        body = request.json or {}
        record = sandbox.verifications.get(body.get("verify_id", ""))
        if record is None or record["verify_ret"] is None:
            return _error(61501, "verify_id not found or not finished")
        if (record["openid"], record["out_seq_no"], record["cert_hash"]) != (
            body.get("openid"),
            body.get("out_seq_no"),
            body.get("cert_hash"),
        ):
            return _error(40097, "invalid args")
        return json_response({"errcode": 0, "errmsg": "ok", "verify_ret": record["verify_ret"]})

    @bp.get("/connect/oauth2/authorize")
    @requires(PUBLIC)
    async def authorize(request: Request) -> HTTPResponse:
        """The browser page where the citizen agrees; `sandbox_openid` says who they are."""
        openid = request.args.get("sandbox_openid") or f"oa-{secrets.token_hex(6)}"
        code = sandbox.new_code(
            sandbox.oauth_codes,
            {
                "openid": openid,
                "unionid": request.args.get("sandbox_unionid"),
                "scope": request.args.get("scope"),
            },
        )
        target = request.args.get("redirect_uri", "")
        separator = "&" if "?" in target else "?"
        query = urlencode({"code": code, "state": request.args.get("state", "")})
        return redirect(f"{target}{separator}{query}")

    @bp.get("/sns/oauth2/access_token")
    @requires(PUBLIC)
    async def oauth_access_token(request: Request) -> HTTPResponse:
        if not sandbox.credentials_ok(request.args.get("appid"), request.args.get("secret")):
            return _error(40125, "invalid appsecret")
        grant = sandbox.oauth_codes.pop(request.args.get("code", ""), None)
        if grant is None:
            return _error(40029, "invalid code")
        token = sandbox.new_code(sandbox.oauth_tokens, grant)
        answer = {
            "access_token": token,
            "expires_in": 7200,
            "refresh_token": secrets.token_urlsafe(16),
            "openid": grant["openid"],
            "scope": grant["scope"],
        }
        if grant.get("unionid") and grant["scope"] == "snsapi_userinfo":
            answer["unionid"] = grant["unionid"]
        return json_response(answer)

    @bp.get("/sns/userinfo")
    @requires(PUBLIC)
    async def userinfo(request: Request) -> HTTPResponse:
        grant = sandbox.oauth_tokens.get(request.args.get("access_token", ""))
        if grant is None or grant["openid"] != request.args.get("openid"):
            return _error(40001, "invalid credential")
        if grant["scope"] != "snsapi_userinfo":
            return _error(48001, "api unauthorized")
        answer = {"openid": grant["openid"], "nickname": "沙箱用户"}
        if grant.get("unionid"):
            answer["unionid"] = grant["unionid"]
        return json_response(answer)

    # Test hooks: what a phone and a citizen would do on WeChat's side.

    @bp.post("/_test/login-code")
    @requires(PUBLIC)
    async def mint_login_code(request: Request) -> HTTPResponse:
        body = request.json or {}
        code = sandbox.new_code(
            sandbox.login_codes, {"openid": body.get("openid"), "unionid": body.get("unionid")}
        )
        return json_response({"code": code})

    @bp.post("/_test/oauth-code")
    @requires(PUBLIC)
    async def mint_oauth_code(request: Request) -> HTTPResponse:
        body = request.json or {}
        code = sandbox.new_code(
            sandbox.oauth_codes,
            {
                "openid": body.get("openid"),
                "unionid": body.get("unionid"),
                "scope": body.get("scope", "snsapi_base"),
            },
        )
        return json_response({"code": code})

    @bp.post("/_test/phone-code")
    @requires(PUBLIC)
    async def mint_phone_code(request: Request) -> HTTPResponse:
        return json_response(
            {"code": sandbox.new_code(sandbox.phone_codes, (request.json or {})["phone"])}
        )

    @bp.post("/_test/face-result")
    @requires(PUBLIC)
    async def set_face_result(request: Request) -> HTTPResponse:
        body = request.json or {}
        record = sandbox.verifications.get(body.get("verify_id", ""))
        if record is None:
            return json_response({"ok": False}, status=404)
        record["verify_ret"] = int(body.get("verify_ret", FACE_SUCCESS))
        return json_response({"ok": True})

    @bp.post("/cgi-bin/message/subscribe/send")
    @requires(PUBLIC)
    async def subscribe_send(request: Request) -> HTTPResponse:
        if token_app(request) is None:
            return _token_refused()
        body = request.json or {}
        grant = (str(body.get("touser")), str(body.get("template_id")))
        if sandbox.grants[grant] < 1:
            return _error(43101, "user refuse to accept the msg")
        sandbox.grants[grant] -= 1
        sandbox.sent.append({"kind": "subscribe", **body})
        return json_response({"errcode": 0, "errmsg": "ok"})

    @bp.post("/cgi-bin/message/template/send")
    @requires(PUBLIC)
    async def template_send(request: Request) -> HTTPResponse:
        if token_app(request) is None:
            return _token_refused()
        body = request.json or {}
        if body.get("touser") not in sandbox.followers:
            return _error(43004, "require subscribe")
        message_id = str(body.get("client_msg_id", ""))
        sandbox.sent_ids[message_id] += 1
        if sandbox.sent_ids[message_id] == 1:  # WeChat drops a repeated client_msg_id
            sandbox.sent.append({"kind": "template", **body})
        return json_response({"errcode": 0, "errmsg": "ok", "msgid": len(sandbox.sent)})

    @bp.post("/_test/grant")
    @requires(PUBLIC)
    async def grant(request: Request) -> HTTPResponse:
        """The citizen ticked "allow" in wx.requestSubscribeMessage."""
        body = request.json or {}
        sandbox.grants[(str(body["openid"]), str(body["template_id"]))] += 1
        return json_response({"ok": True})

    @bp.post("/_test/follow")
    @requires(PUBLIC)
    async def follow(request: Request) -> HTTPResponse:
        sandbox.followers.add(str((request.json or {})["openid"]))
        return json_response({"ok": True})

    @bp.get("/_test/sent")
    @requires(PUBLIC)
    async def sent(request: Request) -> HTTPResponse:
        return json_response(
            {"messages": sandbox.sent[-100:], "total": len(sandbox.sent)}, ensure_ascii=False
        )

    @bp.post("/_test/expire-tokens")
    @requires(PUBLIC)
    async def expire_tokens(request: Request) -> HTTPResponse:
        sandbox.expire_tokens()
        return json_response({"ok": True})

    @bp.get("/_test/token-calls")
    @requires(PUBLIC)
    async def token_calls(request: Request) -> HTTPResponse:
        return json_response(dict(sandbox.token_calls))

    return bp


def _number(value: Any) -> int:
    """An integer field of WeChat's answer; anything else means WeChat is not answering right."""
    if value is None or value == "":
        return 0
    try:
        return int(value)
    except (TypeError, ValueError):
        raise WeChatUnavailable("a number field is not a number") from None
