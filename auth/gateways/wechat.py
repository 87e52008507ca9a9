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
import json
import secrets
import time
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlencode
from xml.parsers.expat import ExpatError

import httpx
import redis.asyncio as redis
import xmltodict
from redis.exceptions import LockError
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect
from sanic.response import json as json_response
from wechatpy.crypto import PrpCrypto
from wechatpy.utils import WeChatSigner

from api.kit.policy import PUBLIC, requires
from api.kit.sandbox_state import SandboxState, sandbox_redis

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

CODE_SECONDS = 300  # a wx.login code, an OAuth code, a phone-number code: five minutes
TOKEN_SECONDS = 7200  # an app's access token and an OAuth access token
VERIFICATION_SECONDS = 3600  # a face verification's verify_id (the expires_in it answers)
SENT_KEPT = 1000
# WeChat drops a template message whose client_msg_id it saw; it remembers them this long.
MESSAGE_ID_SECONDS = 24 * 3600


@dataclass(frozen=True)
class PushTarget:
    """An account's message push (消息推送) as configured with WeChat: our callback URL, and the
    Token and EncodingAESKey WeChat signs and encrypts each push with (safe mode)."""

    url: str
    token: str
    encoding_aes_key: str
    appid: str


@dataclass(frozen=True)
class WeChatSandbox:
    """The WeChat server's side. Its state (access tokens, codes, face verifications, subscribe
    grants, followers, what was sent) is in Redis, so every server process plays one WeChat.
    Test hooks under `/_test` stand in for the phone, and push WeChat's events to our callback
    URLs over HTTP, signed and encrypted as WeChat does."""

    apps: dict[str, str]  # appid -> secret
    push_targets: Mapping[str, PushTarget] = field(default_factory=dict)  # "mp" / "oa"

    @staticmethod
    def state(redis_client: redis.Redis) -> SandboxState:
        return SandboxState(redis_client, "wechat")

    def credentials_ok(self, appid: str | None, secret: str | None) -> bool:
        return appid in self.apps and self.apps[appid] == secret

    async def issue_token(self, redis_client: redis.Redis, appid: str, force: bool) -> str:
        """The app's live token, or with `force` a new one that replaces it (one per app)."""
        state = self.state(redis_client)
        await state.count("token-calls", appid)
        fresh = secrets.token_urlsafe(24)
        while not await state.put(
            "access-token", appid, {"token": fresh}, TOKEN_SECONDS, only_new=not force
        ):
            current = await state.get("access-token", appid)
            if current is not None:  # else it expired just now: try again to be the new one
                return str(current["token"])
        return fresh

    async def app_of_token(self, redis_client: redis.Redis, token: str) -> str | None:
        state = self.state(redis_client)
        for appid in self.apps:
            current = await state.get("access-token", appid)
            if current is not None and current["token"] == token:
                return appid
        return None

    async def expire_tokens(self, redis_client: redis.Redis) -> None:
        for appid in self.apps:
            await self.state(redis_client).forget("access-token", appid)

    async def token_calls(self, redis_client: redis.Redis) -> dict[str, int]:
        return await self.state(redis_client).counts("token-calls")


def _error(errcode: int, errmsg: str) -> HTTPResponse:
    return json_response({"errcode": errcode, "errmsg": errmsg})


def _token_refused() -> HTTPResponse:
    return _error(40001, "invalid credential, access_token is invalid or not latest")


def _grant_field(openid: str, template_id: str) -> str:
    return f"{openid}:{template_id}"


async def _record_sent(state: SandboxState, message: dict[str, Any]) -> int:
    """Keep a sent message for `/_test/sent`; its msgid, the number of messages sent so far."""
    msgid = await state.count("counts", "sent")
    await state.append_capped("sent", {**message, "msgid": msgid}, SENT_KEPT)
    return msgid


# ------------------------------------------------------------------ event pushes

PUSH_WINDOW_SECONDS = 5  # WeChat waits this long for an answer, then pushes again
MAX_PUSH_REPEATS = 10
PUSH_FORGERIES = frozenset({"signature", "msg_signature", "aes_key", "appid", "plaintext"})
_FOREIGN_AES_KEY = "F" * 43  # what a forger without our EncodingAESKey encrypts with


def push_signature(token: str, *parts: str) -> str:
    """WeChat's push signature: SHA-1 of the sorted parts with the token."""
    signer = WeChatSigner()
    signer.add_data(token, *parts)
    return str(signer.signature)


def encrypt_push(target: PushTarget, plaintext: str, forge: str | None = None) -> str:
    """The push's plaintext encrypted as safe mode does (AES-CBC, the account's key and appid
    in the ciphertext), or as a forger would (`forge`: another key or appid)."""
    key = _FOREIGN_AES_KEY if forge == "aes_key" else target.encoding_aes_key
    appid = "wxforger000000000" if forge == "appid" else target.appid
    crypto = PrpCrypto(base64.b64decode(key + "="))
    return str(crypto.encrypt(plaintext, appid).decode())


def push_plaintext(fields: dict[str, Any], as_json: bool) -> str:
    """An event as WeChat writes it: XML (lists as repeated elements) or JSON."""
    if as_json:
        return json.dumps(fields, ensure_ascii=False)
    return str(xmltodict.unparse({"xml": fields}, full_document=False))


def sealed_push(
    target: PushTarget,
    plaintext: str,
    openid: str,
    *,
    as_json: bool,
    forge: str | None = None,
    sent_at: float | None = None,
) -> tuple[dict[str, str], bytes, str]:
    """The query, body and content type of one push of `plaintext` to `target`, made now (or
    at `sent_at`)."""
    timestamp = str(int(time.time() if sent_at is None else sent_at))
    nonce = secrets.token_hex(8)
    if forge == "plaintext":  # safe mode's signature would not cover the body
        encrypted, body_fields = "", json.loads(plaintext) if as_json else None
    else:
        encrypted = encrypt_push(target, plaintext, forge)
        body_fields = {"ToUserName": "gh_sandbox00001", "Encrypt": encrypted}
    query = {
        "signature": push_signature(target.token, timestamp, nonce),
        "timestamp": timestamp,
        "nonce": nonce,
        "openid": openid,
        "encrypt_type": "aes",
        "msg_signature": push_signature(target.token, timestamp, nonce, encrypted),
    }
    if forge in ("signature", "msg_signature"):
        query[forge] = "0" * 40
    if as_json:
        return query, json.dumps(body_fields, ensure_ascii=False).encode(), "application/json"
    body = plaintext if forge == "plaintext" else push_plaintext(body_fields or {}, False)
    return query, body.encode(), "text/xml"


def _fields_of(plaintext: str, as_json: bool) -> dict[str, Any]:
    """The fields of a push given as text; none if it is not what it says it is."""
    try:
        fields = json.loads(plaintext) if as_json else xmltodict.parse(plaintext)["xml"]
    except (ValueError, TypeError, KeyError, ExpatError):
        return {}
    return fields if isinstance(fields, dict) else {}


def _entries(fields: dict[str, Any]) -> list[dict[str, Any]]:
    """A subscribe-message event's entries, from XML's nesting or JSON's top-level List."""
    nested = next((v for k, v in fields.items() if k.startswith("SubscribeMsg")), None)
    listed = nested.get("List") if isinstance(nested, dict) else fields.get("List")
    items = listed if isinstance(listed, list) else [listed]
    return [item for item in items if isinstance(item, dict)]


async def _on_wechat_side(state: SandboxState, fields: dict[str, Any]) -> None:
    """What the event means for WeChat's own state: the grants it counts, the followers."""
    openid, event = str(fields.get("FromUserName", "")), str(fields.get("Event", "")).lower()
    if event == "subscribe":
        await state.add("followers", openid)
    elif event == "unsubscribe":
        await state.remove("followers", openid)
    elif event in ("subscribe_msg_popup_event", "subscribe_msg_change_event"):
        for entry in _entries(fields):
            grant = _grant_field(openid, str(entry.get("TemplateId")))
            status = str(entry.get("SubscribeStatusString", "")).lower()
            if status == "accept" and event == "subscribe_msg_popup_event":
                await state.give_one("grants", grant)
            elif status in ("reject", "ban"):
                await state.reset("grants", grant)


def sandbox_blueprint(sandbox: WeChatSandbox) -> Blueprint:
    bp = Blueprint("sandbox_wechat", url_prefix="/sandbox/wechat")

    def state_of(request: Request) -> SandboxState:
        return sandbox.state(sandbox_redis(request))

    async def token_app(request: Request) -> str | None:
        token = request.args.get("access_token", "")
        return await sandbox.app_of_token(sandbox_redis(request), token)

    @bp.post("/cgi-bin/stable_token")
    @requires(PUBLIC)
    async def stable_token(request: Request) -> HTTPResponse:
        body = request.json or {}
        if not sandbox.credentials_ok(body.get("appid"), body.get("secret")):
            return _error(40125, "invalid appsecret")
        token = await sandbox.issue_token(
            sandbox_redis(request), body["appid"], bool(body.get("force_refresh"))
        )
        return json_response({"access_token": token, "expires_in": TOKEN_SECONDS})

    @bp.get("/sns/jscode2session")
    @requires(PUBLIC)
    async def jscode2session(request: Request) -> HTTPResponse:
        if not sandbox.credentials_ok(request.args.get("appid"), request.args.get("secret")):
            return _error(40125, "invalid appsecret")
        login = await state_of(request).take("login-code", request.args.get("js_code", ""))
        if login is None:
            return _error(40029, "invalid code")
        answer = {"openid": login["openid"], "session_key": secrets.token_urlsafe(16)}
        if login.get("unionid"):
            answer["unionid"] = login["unionid"]
        return json_response(answer)

    @bp.post("/wxa/business/getuserphonenumber")
    @requires(PUBLIC)
    async def getuserphonenumber(request: Request) -> HTTPResponse:
        appid = await token_app(request)
        if appid is None:
            return _token_refused()
        code = (request.json or {}).get("code", "")
        minted = await state_of(request).take("phone-code", str(code))
        if minted is None:
            return _error(40029, "invalid code")
        phone = minted["phone"]
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
        if await token_app(request) is None:
            return _token_refused()
        body = request.json or {}
        cert = body.get("cert_info") or {}
        if cert.get("cert_type") != "IDENTITY_CARD" or not cert.get("cert_no"):
            return _error(40097, "invalid args")
        verify_id = secrets.token_urlsafe(24)
        verification = {
            "openid": body.get("openid"),
            "out_seq_no": body.get("out_seq_no"),
            "cert_hash": cert_hash(str(cert.get("cert_name")), str(cert.get("cert_no"))),
            "verify_ret": None,
        }
        await state_of(request).put("verification", verify_id, verification, VERIFICATION_SECONDS)
        return json_response(
            {
                "errcode": 0,
                "errmsg": "ok",
                "verify_id": verify_id,
                "expires_in": VERIFICATION_SECONDS,
            }
        )

    @bp.post("/cityservice/face/identify/queryverifyinfo")
    @requires(PUBLIC)
    async def queryverifyinfo(request: Request) -> HTTPResponse:
        if await token_app(request) is None:
            return _token_refused()
        body = request.json or {}
        record = await state_of(request).get("verification", str(body.get("verify_id", "")))
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
        code = await state_of(request).new_code(
            "oauth-code",
            {
                "openid": openid,
                "unionid": request.args.get("sandbox_unionid"),
                "scope": request.args.get("scope"),
            },
            CODE_SECONDS,
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
        state = state_of(request)
        grant = await state.take("oauth-code", request.args.get("code", ""))
        if grant is None:
            return _error(40029, "invalid code")
        token = await state.new_code("oauth-token", grant, TOKEN_SECONDS)
        answer = {
            "access_token": token,
            "expires_in": TOKEN_SECONDS,
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
        grant = await state_of(request).get("oauth-token", request.args.get("access_token", ""))
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
        login = {"openid": body.get("openid"), "unionid": body.get("unionid")}
        code = await state_of(request).new_code("login-code", login, CODE_SECONDS)
        return json_response({"code": code})

    @bp.post("/_test/oauth-code")
    @requires(PUBLIC)
    async def mint_oauth_code(request: Request) -> HTTPResponse:
        body = request.json or {}
        grant = {
            "openid": body.get("openid"),
            "unionid": body.get("unionid"),
            "scope": body.get("scope", "snsapi_base"),
        }
        code = await state_of(request).new_code("oauth-code", grant, CODE_SECONDS)
        return json_response({"code": code})

    @bp.post("/_test/phone-code")
    @requires(PUBLIC)
    async def mint_phone_code(request: Request) -> HTTPResponse:
        phone = (request.json or {})["phone"]
        code = await state_of(request).new_code("phone-code", {"phone": phone}, CODE_SECONDS)
        return json_response({"code": code})

    @bp.post("/_test/face-result")
    @requires(PUBLIC)
    async def set_face_result(request: Request) -> HTTPResponse:
        body = request.json or {}
        state, verify_id = state_of(request), str(body.get("verify_id", ""))
        record = await state.get("verification", verify_id)
        if record is None:
            return json_response({"ok": False}, status=404)
        record["verify_ret"] = int(body.get("verify_ret", FACE_SUCCESS))
        if not await state.replace("verification", verify_id, record):
            return json_response({"ok": False}, status=404)  # it expired meanwhile
        return json_response({"ok": True})

    @bp.post("/cgi-bin/message/subscribe/send")
    @requires(PUBLIC)
    async def subscribe_send(request: Request) -> HTTPResponse:
        if await token_app(request) is None:
            return _token_refused()
        body = request.json or {}
        state = state_of(request)
        grant = _grant_field(str(body.get("touser")), str(body.get("template_id")))
        if not await state.spend_one("grants", grant):
            return _error(43101, "user refuse to accept the msg")
        msgid = await _record_sent(state, {"kind": "subscribe", **body})
        return json_response({"errcode": 0, "errmsg": "ok", "msgid": msgid})

    @bp.post("/cgi-bin/message/template/send")
    @requires(PUBLIC)
    async def template_send(request: Request) -> HTTPResponse:
        if await token_app(request) is None:
            return _token_refused()
        body = request.json or {}
        state = state_of(request)
        if not await state.has("followers", str(body.get("touser"))):
            return _error(43004, "require subscribe")
        message_id = str(body.get("client_msg_id", ""))
        if await state.first_time("client-msg-id", message_id, MESSAGE_ID_SECONDS):
            msgid = await _record_sent(state, {"kind": "template", **body})
        else:  # WeChat drops a repeated client_msg_id
            msgid = (await state.counts("counts")).get("sent", 0)
        return json_response({"errcode": 0, "errmsg": "ok", "msgid": msgid})

    @bp.post("/_test/grant")
    @requires(PUBLIC)
    async def grant(request: Request) -> HTTPResponse:
        """The citizen ticked "allow" in wx.requestSubscribeMessage."""
        body = request.json or {}
        field = _grant_field(str(body["openid"]), str(body["template_id"]))
        await state_of(request).give_one("grants", field)
        return json_response({"ok": True})

    @bp.post("/_test/follow")
    @requires(PUBLIC)
    async def follow(request: Request) -> HTTPResponse:
        openid = str((request.json or {})["openid"])
        await state_of(request).add("followers", openid)
        return json_response({"ok": True})

    @bp.post("/_test/push-event")
    @requires(PUBLIC)
    async def push_event(request: Request) -> HTTPResponse:
        """Play WeChat pushing an event to the account's callback URL: the event's meaning
        for WeChat's own state first (a grant, a follower), then the push, signed and
        encrypted, over HTTP, `times` times. `{"app": "mp"|"oa", "event": {...} or
        "plaintext": "...", "format": "xml"|"json", "forge": ...}`."""
        body = request.json or {}
        target = sandbox.push_targets[str(body["app"])]
        as_json = body.get("format", "xml") == "json"
        forge = body.get("forge")
        if forge is not None and forge not in PUSH_FORGERIES:
            raise ValueError("unknown forgery")
        if "plaintext" in body:  # as it is, even what WeChat would never send
            plaintext = str(body["plaintext"])
            fields = _fields_of(plaintext, as_json)
        else:
            fields = {
                "ToUserName": "gh_sandbox00001",
                "CreateTime": int(time.time()),
                "MsgType": "event",
                **body["event"],
            }
            plaintext = push_plaintext(fields, as_json)
        if forge is None:
            await _on_wechat_side(state_of(request), fields)
        answers = []
        async with httpx.AsyncClient(timeout=PUSH_WINDOW_SECONDS) as http:
            for _ in range(min(int(body.get("times", 1)), MAX_PUSH_REPEATS)):
                query, payload, content_type = sealed_push(
                    target,
                    plaintext,
                    str(fields.get("FromUserName", "")),
                    as_json=as_json,
                    forge=forge,
                )
                response = await http.post(
                    target.url,
                    params=query,
                    content=payload,
                    headers={"Content-Type": content_type},
                )
                answers.append({"status": response.status_code, "body": response.text})
        return json_response({"answers": answers}, ensure_ascii=False)

    @bp.post("/_test/verify-url")
    @requires(PUBLIC)
    async def verify_url(request: Request) -> HTTPResponse:
        """Play WeChat checking a callback URL as it is configured: a signed GET whose answer
        must be the echostr."""
        body = request.json or {}
        target = sandbox.push_targets[str(body["app"])]
        timestamp, nonce, echostr = (
            str(int(time.time())),
            secrets.token_hex(8),
            secrets.token_hex(8),
        )
        signature = push_signature(target.token, timestamp, nonce)
        if body.get("forge"):
            signature = "0" * 40
        query = {"signature": signature, "timestamp": timestamp, "nonce": nonce, "echostr": echostr}
        async with httpx.AsyncClient(timeout=PUSH_WINDOW_SECONDS) as http:
            response = await http.get(target.url, params=query)
        return json_response({"status": response.status_code, "verified": response.text == echostr})

    @bp.get("/_test/sent")
    @requires(PUBLIC)
    async def sent(request: Request) -> HTTPResponse:
        state = state_of(request)
        messages = await state.items("sent", last=100)
        total = (await state.counts("counts")).get("sent", 0)
        return json_response({"messages": messages, "total": total}, ensure_ascii=False)

    @bp.post("/_test/expire-tokens")
    @requires(PUBLIC)
    async def expire_tokens(request: Request) -> HTTPResponse:
        await sandbox.expire_tokens(sandbox_redis(request))
        return json_response({"ok": True})

    @bp.get("/_test/token-calls")
    @requires(PUBLIC)
    async def token_calls(request: Request) -> HTTPResponse:
        return json_response(await sandbox.token_calls(sandbox_redis(request)))

    return bp


def _number(value: Any) -> int:
    """An integer field of WeChat's answer; anything else means WeChat is not answering right."""
    if value is None or value == "":
        return 0
    try:
        return int(value)
    except (TypeError, ValueError):
        raise WeChatUnavailable("a number field is not a number") from None
