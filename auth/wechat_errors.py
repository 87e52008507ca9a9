"""WeChat's refusals and outages, as identity's errors (used by sign-in and face verification)."""

from __future__ import annotations

from auth import errors
from auth.audit import Origin, audit
from auth.gateways.wechat import WeChatError, WeChatUnavailable


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
