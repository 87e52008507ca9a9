"""Publishing notifications, and reading them back (the inbox, an event's deliveries).

Other packages call `Notifier.publish` inside their own database transaction: the event, its
inbox message and its first delivery are rows of that transaction (a transactional outbox), so
a rolled-back business change never sends anything, and the same dedupe key twice gives one
event. The dispatcher (notify.jobs) sends the deliveries later, from any worker.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from api.kit import clock
from api.kit.callbacks import record_once
from api.kit.db import rows_of, transaction
from api.kit.ids import new_public_id
from auth.errors import GatewayUnavailable
from auth.vault import Vault
from notify import devices, policy
from notify.errors import InboxMessageNotFound
from notify.gateways.sms import SmsClient, SmsError
from notify.models import (
    Delivery,
    DeliveryStatus,
    Event,
    InboxMessage,
    Preference,
    SubscribeGrant,
)
from notify.templates import TEMPLATES, render_text, spec_of

log = logging.getLogger("yiwang.notify")
WAKE_CHANNEL = "yiwang_notify"


@dataclass
class Notifier:
    vault: Vault

    async def publish(
        self,
        event_type: str,
        *,
        dedupe_key: str,
        data: dict[str, Any],
        person_id: int | None = None,
        phone: str | None = None,
    ) -> Event:
        """Record an event to send; call it inside the caller's transaction.

        `phone` is for messages to someone who has no person yet (a first sign-in code).
        """
        spec = spec_of(event_type)
        title, body = render_text(event_type, data)  # refuses data the templates cannot render
        subject = str(data[spec.subject_field]) if spec.subject_field in data else None
        public_id = new_public_id("evt")
        payload = json.dumps({"data": data, "phone": phone}, ensure_ascii=False)
        event = Event(
            public_id=public_id,
            event_type=event_type,
            person_id=person_id,
            dedupe_key=dedupe_key,
            data_sealed=self.vault.seal(
                payload, table="notify_event", column="data", row=public_id
            ),
            urgent=spec.urgent,
            subject=subject,
            template_version=TEMPLATES[event_type].version,
        )
        outbox = Outbox(
            inbox=(title, body) if person_id is not None else None,
            channel=spec.channels[0] if spec.channels else None,
            skip_opt_outs=spec.mandatory or person_id is None,
            category=spec.category,
            due_at=policy.send_time(spec, clock.now()),
        )
        deliveries = await _published(event, outbox)
        if deliveries is None:
            # Published before (or at this moment, by a transaction that has now committed).
            return await Event.get(dedupe_key=dedupe_key)
        if deliveries:
            await wake_workers()
        return event

    async def tell_real_name_released(self, person_id: int) -> None:
        """Identity's release notice: the account's real name went back to the person whose
        face proved it (inside identity's transaction, so it is sent only if that commits)."""
        await self.publish(
            "auth.real_name_released",
            dedupe_key=f"real_name_released:{person_id}:{clock.now().isoformat()}",
            data={},
            person_id=person_id,
        )

    def open_payload(self, event: Event) -> dict[str, Any]:
        payload: dict[str, Any] = json.loads(
            self.vault.open(
                event.data_sealed, table="notify_event", column="data", row=event.public_id
            )
        )
        return payload


@dataclass(frozen=True)
class Outbox:
    """What publishing an event writes besides it: the person's inbox message, and the first
    delivery by the first outside channel unless the person opted out of the category."""

    inbox: tuple[str, str] | None  # title and body, for an event about a person
    channel: str | None  # the first outside channel, if the event type has any
    skip_opt_outs: bool  # mandatory, or to someone who is no person yet: always sent
    category: str
    due_at: datetime


# One statement for the event, its inbox message and its first delivery (the house's outbox
# rows, in the caller's transaction): no savepoint around an insert that may fail, no round
# trip per row, the opt-out read inside it. A duplicate (the same dedupe key) inserts nothing
# at all and leaves the caller's transaction intact; a concurrent one waits for the first.
_PUBLISH = """
WITH event AS (
    INSERT INTO notify_event (public_id, event_type, person_id, dedupe_key, data_sealed,
                              urgent, subject, template_version, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id, created_at
), inbox AS (
    INSERT INTO inbox_message (public_id, person_id, event_id, event_type, title, body,
                               created_at)
    SELECT $9, $3, id, $2, $10, $11, now() FROM event WHERE $12
), delivery AS (
    INSERT INTO notify_delivery (public_id, event_id, channel, position, round, status,
                                 attempts, due_at, created_at)
    SELECT $13, id, $14::varchar, 0, 0, 'created', 0, $15, now() FROM event
     WHERE $14::varchar IS NOT NULL
       AND ($16 OR NOT EXISTS (SELECT 1 FROM notify_preference
                                WHERE person_id = $3 AND category = $17 AND opted_out))
    RETURNING id
)
SELECT id, created_at, (SELECT count(*) FROM delivery) AS deliveries FROM event
"""


async def _published(event: Event, outbox: Outbox) -> int | None:
    """Store the event with its outbox rows unless its dedupe key is taken: how many
    deliveries it made (0 or 1), or None for a duplicate."""
    title, body = outbox.inbox or ("", "")
    rows = await rows_of(
        _PUBLISH,
        [
            event.public_id,
            event.event_type,
            event.person_id,
            event.dedupe_key,
            event.data_sealed,
            event.urgent,
            event.subject,
            event.template_version,
            new_public_id("msg"),
            title,
            body,
            outbox.inbox is not None,
            new_public_id("dlv"),
            outbox.channel,
            outbox.due_at,
            outbox.skip_opt_outs,
            outbox.category,
        ],
    )
    if not rows:
        return None
    event.id, event.created_at = int(rows[0]["id"]), rows[0]["created_at"]
    event._saved_in_db = True
    return int(rows[0]["deliveries"])


async def wake_workers() -> None:
    """NOTIFY the workers; the notification is delivered only on commit."""
    await connections.get("default").execute_script(f"NOTIFY {WAKE_CHANNEL}")


# ---------------------------------------------------------------------------- the inbox


async def inbox(
    person_id: int, *, unread_only: bool, limit: int, before: int | None
) -> list[InboxMessage]:
    query = InboxMessage.filter(person_id=person_id)
    if unread_only:
        query = query.filter(read_at=None)
    if before is not None:
        query = query.filter(id__lt=before)
    return await query.order_by("-id").limit(limit)


async def unread_count(person_id: int) -> int:
    return await InboxMessage.filter(person_id=person_id, read_at=None).count()


async def mark_read(person_id: int, message_public_id: str) -> None:
    message = await InboxMessage.get_or_none(public_id=message_public_id, person_id=person_id)
    if message is None:
        raise InboxMessageNotFound()
    await InboxMessage.filter(id=message.id, read_at=None).update(read_at=clock.now())


# ---------------------------------------------------------------------------- operators


async def redrive_dead(limit: int = 1000) -> int:
    """Give dead deliveries another round (`yiwang notify redrive`).

    A dead delivery is re-sent as a new delivery row, its next round, so the dead one keeps its
    history (statuses never move backwards) and redriving it twice makes one new round.
    """
    dead = await Delivery.filter(status=DeliveryStatus.DEAD).order_by("id").limit(limit)
    redriven = 0
    for delivery in dead:
        try:
            async with transaction():
                await Delivery.create(
                    public_id=new_public_id("dlv"),
                    event_id=delivery.event_id,
                    channel=delivery.channel,
                    position=delivery.position,
                    round=delivery.round + 1,
                    due_at=clock.now(),
                )
            redriven += 1
        except IntegrityError:
            continue  # this round was re-driven already
    if redriven:
        await wake_workers()
    return redriven


@dataclass(frozen=True)
class DeadDelivery:
    """A delivery that will not be tried again, for `yiwang notify dead`."""

    public_id: str
    event_public_id: str
    event_type: str
    channel: str
    round: int
    attempts: int
    last_error: str | None


async def dead_deliveries(limit: int) -> list[DeadDelivery]:
    """The newest dead deliveries first."""
    rows = (
        await Delivery.filter(status=DeliveryStatus.DEAD)
        .order_by("-id")
        .limit(limit)
        .values_list(
            "public_id",
            "event__public_id",
            "event__event_type",
            "channel",
            "round",
            "attempts",
            "last_error",
        )
    )
    return [DeadDelivery(*row) for row in rows]


async def deliveries_of(event_public_id: str) -> list[Delivery]:
    return await Delivery.filter(event__public_id=event_public_id).order_by("position", "id")


class SmsLoginCodeSender:
    """Implements auth's CodeSender protocol over the SMS gateway, synchronously.

    Sign-in codes go straight to the gateway: a citizen is waiting at the screen. (The outbox's
    `auth.code` event type is the way for codes once the dispatcher's latency is measured.)
    """

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


# ---------------------------------------------------------------------------- SMS receipts


async def apply_sms_receipt(out_id: str, biz_id: str, success: bool) -> str:
    """Apply one delivery receipt, once. Repeats change nothing; a late one for a delivery that
    has finished another way (no receipt in time) is ignored."""
    async with transaction():
        if not await record_once("sms", f"{biz_id}:{out_id}:{'ok' if success else 'fail'}"):
            return "duplicate"
        delivery = await Delivery.get_or_none(public_id=out_id, channel="sms")
        if delivery is None:
            return "unknown"
        return await _settle(delivery, success, "receipt:failed")


async def settle_delivery(channel: str, provider_ref: str, success: bool, reason: str) -> str:
    """A provider's word on a message it accepted (WeChat's send results): delivered, or
    failed for good, and the next channel takes over. Call inside the transaction that
    records the callback. Returns delivered, failed, dead, late (it had finished another
    way) or unknown."""
    if not provider_ref:
        return "unknown"
    delivery = (
        await Delivery.filter(channel=channel, provider_ref=provider_ref).order_by("-id").first()
    )
    if delivery is None:
        return "unknown"
    return await _settle(delivery, success, reason)


async def _settle(delivery: Delivery, success: bool, reason: str) -> str:
    now = clock.now()
    if success:
        changed = await Delivery.filter(
            id=delivery.id, status__in=[DeliveryStatus.SENDING, DeliveryStatus.SENT]
        ).update(status=DeliveryStatus.DELIVERED, finished_at=now)
        return "delivered" if changed else "late"
    event = await Event.get(id=delivery.event_id)
    ended = await fail_for_good(delivery.id, event, delivery.position, reason, now)
    return "late" if ended == "finished" else ended


async def fail_for_good(
    delivery_id: int,
    event: Event,
    position: int,
    reason: str,
    now: datetime,
    *,
    leased_by: str | None = None,
) -> str:
    """A delivery failed for good on its channel: the event type's next channel takes over
    (this one `failed`), or with none left it is `dead`. Returns the state it left, or
    "finished" if it had already ended another way. `leased_by` fences a dispatcher's write.
    """
    channels = spec_of(event.event_type).channels
    following = position + 1
    final = following >= len(channels)
    waiting = Delivery.filter(
        id=delivery_id, status__in=[DeliveryStatus.SENDING, DeliveryStatus.SENT]
    )
    if leased_by is not None:
        waiting = waiting.filter(leased_by=leased_by, status=DeliveryStatus.SENDING)
    changed = await waiting.update(
        status=DeliveryStatus.DEAD if final else DeliveryStatus.FAILED,
        finished_at=now,
        lease_until=None,
        last_error=reason[:200],
    )
    if not changed:
        return "finished"
    if not final:
        await Delivery.create(
            public_id=new_public_id("dlv"),
            event_id=event.id,
            channel=channels[following],
            position=following,
            due_at=now,
        )
        await wake_workers()
    return "dead" if final else "failed"


async def expire_unconfirmed(receipt_within: timedelta, limit: int = 500) -> int:
    """SMS sent but with no success receipt in time: hand over to the next channel."""
    now = clock.now()
    stale = (
        await Delivery.filter(
            channel="sms", status=DeliveryStatus.SENT, sent_at__lt=now - receipt_within
        )
        .order_by("id")
        .limit(limit)
    )
    handed = 0
    for delivery in stale:
        event = await Event.get(id=delivery.event_id)
        async with transaction():
            ended = await fail_for_good(delivery.id, event, delivery.position, "no_receipt", now)
        handed += ended != "finished"
    return handed


async def queue_stats() -> dict[str, float]:
    """For /metrics: deliveries due and waiting, how long the oldest has waited, dead ones."""
    now = clock.now()
    due = Delivery.filter(
        status__in=[DeliveryStatus.CREATED, DeliveryStatus.SENDING], due_at__lte=now
    )
    waiting = await due.count()
    oldest = await due.order_by("due_at").first().values_list("due_at", flat=True)
    dead = await Delivery.filter(status=DeliveryStatus.DEAD).count()
    age = (now - oldest).total_seconds() if isinstance(oldest, datetime) else 0.0
    return {
        "queue_depth": float(waiting),
        "oldest_due_age_seconds": max(age, 0.0),
        "dead": float(dead),
    }


# ---------------------------------------------------------------------------- identity hooks


async def move_person(from_person_id: int, to_person_id: int) -> None:
    """Identity merged two persons: their messages, grants, preferences and push devices go to
    the survivor (run inside identity's merge transaction)."""
    await Event.filter(person_id=from_person_id).update(person_id=to_person_id)
    await InboxMessage.filter(person_id=from_person_id).update(person_id=to_person_id)
    for grant in await SubscribeGrant.filter(person_id=from_person_id):
        kept = await SubscribeGrant.filter(
            person_id=to_person_id, template_id=grant.template_id
        ).update(remaining=F("remaining") + grant.remaining, balance=F("balance") + grant.balance)
        if kept:
            await grant.delete()
        else:
            await SubscribeGrant.filter(id=grant.id).update(person_id=to_person_id)
    survivor_categories = await Preference.filter(person_id=to_person_id).values_list(
        "category", flat=True
    )
    await Preference.filter(person_id=from_person_id, category__in=survivor_categories).delete()
    await Preference.filter(person_id=from_person_id).update(person_id=to_person_id)
    await devices.move_person(from_person_id, to_person_id)


async def forget_person(person_id: int) -> None:
    """Identity deleted an account: nothing more is sent, and its messages and their data go
    (statistics keep the rest)."""
    await Delivery.filter(
        event__person_id=person_id,
        status__in=[DeliveryStatus.CREATED, DeliveryStatus.SENDING],
    ).update(status=DeliveryStatus.DEAD, finished_at=clock.now(), last_error="account_deleted")
    await InboxMessage.filter(person_id=person_id).delete()
    await SubscribeGrant.filter(person_id=person_id).delete()
    await Preference.filter(person_id=person_id).delete()
    await devices.forget_person(person_id)
    for event in await Event.filter(person_id=person_id).only("id", "public_id"):
        await Event.filter(id=event.id).update(data_sealed="", person_id=None)
