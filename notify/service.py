"""Sending to citizens. For now: the sign-in code over SMS, which identity needs first.

The transactional outbox, the other channels and the dispatcher arrive with the notification
issue; the sign-in code will then travel through it as an urgent `auth.code` event.
"""

from __future__ import annotations

import logging

from api.kit.ids import new_public_id
from auth.errors import GatewayUnavailable
from notify.gateways.sms import SmsClient, SmsError

log = logging.getLogger("yiwang.notify")


class SmsLoginCodeSender:
    """Implements auth's CodeSender protocol over the SMS gateway."""

    def __init__(self, client: SmsClient, template_code: str) -> None:
        self._client = client
        self._template_code = template_code

    async def send_login_code(self, phone: str, code: str) -> None:
        try:
            await self._client.send(
                phone, self._template_code, {"code": code}, out_id=new_public_id("sms")
            )
        except SmsError as exc:
            log.warning("sign-in code not delivered", extra={"sms_error": exc.code})
            raise GatewayUnavailable("短信发送失败，请稍后再试") from exc
