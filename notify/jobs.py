"""The dispatcher: claims due deliveries, sends them, records what happened.

Claims use `FOR UPDATE SKIP LOCKED` with a time-limited lease, so any number of workers on any
number of machines share the work and a crashed worker's deliveries are claimed again when its
lease runs out. Provider calls happen outside any transaction; every outcome is written with
the claimer's lease as a fence, so a worker whose lease was taken over cannot overwrite the
newer claimer's result. Temporary errors are retried with exponential backoff and jitter;
permanent ones hand the message to the event type's next channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import asyncpg
import redis.asyncio as redis

from api.kit import clock
from api.kit.db import ping_database, rows_of, transaction
from api.kit.ids import new_public_id
from api.kit.outages import DATABASE, REDIS, Backoff, OutageWatch, is_outage
from api.kit.periodic import PeriodicJob
from auth.models import Binding, BindingKind
from auth.vault import Vault
from notify import devices, followers, metrics, policy
from notify.channels import Channel, Message, Outcome
from notify.models import Delivery, DeliveryStatus, Event
from notify.service import WAKE_CHANNEL, Notifier, expire_unconfirmed, fail_for_good
from notify.templates import TemplateDataMissing, spec_of

log = logging.getLogger("yiwang.notify.dispatcher")

BACKOFF_BASE_SECONDS = 5.0
BACKOFF_CAP_SECONDS = 3600.0
RECEIPT_TIMEOUT = timedelta(minutes=10)


def periodic_jobs(receipt_timeout: timedelta = RECEIPT_TIMEOUT) -> list[PeriodicJob]:
    """Notify's sweeps, each run once per tick by one of the workers: every half minute, SMS
    with no success receipt in time go to the next channel."""
    return [
        PeriodicJob(
            "notify.expire_unconfirmed",
            timedelta(seconds=30),
            lambda: expire_unconfirmed(receipt_timeout),
        )
    ]


@dataclass(frozen=True)
class Claimed:
    id: int
    public_id: str
    event_id: int
    channel: str
    position: int
    attempts: int


def backoff(attempts: int) -> timedelta:
    """5 s, 10 s, 20 s, ... capped at an hour, each +-20 % so retries do not arrive in step."""
    seconds = min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_CAP_SECONDS)
    return timedelta(seconds=seconds * random.uniform(0.8, 1.2))  # noqa: S311 - jitter only


class Dispatcher:
    def __init__(
        self,
        *,
        notifier: Notifier,
        channels: dict[str, Channel],
        concurrency: int,
        batch: int,
        lease_seconds: int,
        max_attempts: int,
        redis_client: redis.Redis,
        poll_seconds: float = 1.0,
        listen_dsn: str | None = None,
        outages: OutageWatch | None = None,
    ) -> None:
        self.notifier = notifier
        self.redis = redis_client
        self.vault: Vault = notifier.vault
        self.channels = channels
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{new_public_id('wk')[3:11]}"
        self.concurrency = concurrency
        self.batch = batch
        self.lease = timedelta(seconds=lease_seconds)
        self.max_attempts = max_attempts
        self.poll_seconds = poll_seconds
        self.listen_dsn = listen_dsn
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._listener: asyncpg.Connection | None = None
        self._listen_refused = False
        self._had_work = False
        # One per process in `yiwang worker`, shared with the periodic jobs (api.worker).
        self.outages = outages or OutageWatch({DATABASE: ping_database, REDIS: redis_client.ping})

    # ------------------------------------------------------------------ the loop

    async def run(self) -> None:
        """Dispatch until `stop()`: then finish what is in flight and release the rest.

        A PostgreSQL or Redis outage is waited out: back off, say once that the dependency is
        down and once that it is back, carry on. Claims in flight when it went down come back
        when their lease runs out.
        """
        backoff = Backoff()
        try:
            while not self._stopping.is_set():
                # Cleared before the claim, not after it: a NOTIFY that lands while the claim
                # finds nothing must still wake the idle wait that follows.
                self._wake.clear()
                try:
                    went_through = await self.outages.attempt(self._claim_and_dispatch)
                except Exception:  # a bug, not an outage: loud, but the worker carries on
                    log.exception("dispatch round failed")
                    went_through = False
                if not went_through:
                    await self.sleep_unless_stopping(backoff.next_delay())
                    continue
                backoff.reset()
                if not self._had_work:
                    await self._idle()
        finally:
            await self._stop_listening()

    async def _claim_and_dispatch(self) -> None:
        await self._ensure_listening()
        claimed = await self.claim()
        self._had_work = bool(claimed)
        if claimed:
            await self.dispatch(claimed)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    async def sleep_unless_stopping(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    async def _idle(self) -> None:
        if self._stopping.is_set():
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=self.poll_seconds)

    async def _ensure_listening(self) -> None:
        """Wake on PostgreSQL NOTIFY; (re)connect when the connection is missing or was lost
        with the database. The poll interval is the fallback while it is down."""
        if not self.listen_dsn or self._listen_refused:
            return
        if self._listener is not None and not self._listener.is_closed():
            return
        await self._stop_listening()
        listener = await asyncpg.connect(self.listen_dsn, timeout=10)  # an outage propagates
        try:
            await listener.add_listener(WAKE_CHANNEL, lambda *_: self._wake.set())
        except asyncpg.PostgresError as exc:
            listener.terminate()
            if is_outage(exc) is not None:
                raise
            log.warning("cannot LISTEN for new work; polling only", exc_info=True)
            self._listen_refused = True
            return
        # Losing this connection is how an idle dispatcher first hears the database went
        # away: wake, so the loop notices the outage now, not at the next poll.
        listener.add_termination_listener(lambda *_: self._wake.set())
        self._listener = listener
        self._wake.set()  # what was published while not listening is claimed without waiting

    async def _stop_listening(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None and not listener.is_closed():
            try:
                await listener.close(timeout=2)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError):
                listener.terminate()  # the database went away under it: just drop it

    async def run_until_idle(self) -> int:
        """Dispatch everything due now (for tests and one-shot runs); returns how many."""
        done = 0
        while claimed := await self.claim():
            await self.dispatch(claimed)
            done += len(claimed)
        return done

    # ------------------------------------------------------------------ claiming

    async def claim(self) -> list[Claimed]:
        now = clock.now()
        rows = await rows_of(_CLAIM, [now + self.lease, self.worker_id, now, self.batch])
        return [Claimed(**row) for row in rows]

    # ------------------------------------------------------------------ sending

    async def dispatch(self, claimed: list[Claimed]) -> None:
        limit = asyncio.Semaphore(self.concurrency)

        async def one(delivery: Claimed) -> None:
            async with limit:
                if self._stopping.is_set():
                    await self._release(delivery)
                    return
                await self._deliver(delivery)

        # Every delivery of the batch runs to its end before an error (an outage, say) is
        # raised: nothing is left running behind the loop's back-off.
        outcomes = await asyncio.gather(
            *(one(delivery) for delivery in claimed), return_exceptions=True
        )
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome

    async def _deliver(self, delivery: Claimed) -> None:
        event = await Event.get(id=delivery.event_id)
        if await self._held_back(delivery, event):
            return
        try:
            message = await self._message(delivery, event)
            outcome = await self._send(delivery, message)
        except TemplateDataMissing as exc:
            outcome = Outcome("permanent", error=str(exc)[:200])
        except Exception as exc:  # a bug in one delivery must not stop the others
            if is_outage(exc) is not None:
                raise  # not this delivery's fault: its claim comes back with its lease
            log.exception("delivery failed unexpectedly", extra={"delivery": delivery.public_id})
            outcome = Outcome("temporary", error="internal_error")
        if delivery.channel == "sms" and outcome.kind not in ("sent", "delivered"):
            await policy.release_sms(self.redis, event.person_id, clock.now())
        state = await self._record(delivery, event, outcome)
        metrics.observe(delivery.channel, event.event_type, state)

    async def _held_back(self, delivery: Claimed, event: Event) -> bool:
        """Policy checked at send time: staleness, quiet hours for retries, our SMS cap."""
        spec = spec_of(event.event_type)
        now = clock.now()
        if await policy.is_stale(spec, event):
            await self._finish_dead(delivery, "stale")
            metrics.observe(delivery.channel, event.event_type, "stale")
            return True
        if not spec.urgent and policy.in_quiet_hours(now):
            await self._postpone(delivery, policy.next_morning(now))
            return True
        if (
            delivery.channel == "sms"
            and event.event_type != "auth.code"
            and not await policy.reserve_sms(self.redis, event.person_id, now)
        ):
            await self._postpone(delivery, policy.next_morning(now))  # our own cap defers
            return True
        return False

    async def _postpone(self, delivery: Claimed, until: datetime) -> None:
        """Back to waiting; not counted as a try."""
        await Delivery.filter(
            id=delivery.id, leased_by=self.worker_id, status=DeliveryStatus.SENDING
        ).update(
            lease_until=None, leased_by=None, due_at=until, attempts=max(delivery.attempts - 1, 0)
        )

    async def _finish_dead(self, delivery: Claimed, reason: str) -> None:
        await Delivery.filter(
            id=delivery.id, leased_by=self.worker_id, status=DeliveryStatus.SENDING
        ).update(
            status=DeliveryStatus.DEAD,
            finished_at=clock.now(),
            lease_until=None,
            last_error=reason,
        )

    async def _send(self, delivery: Claimed, message: Message) -> Outcome:
        channel = self.channels.get(delivery.channel)
        if channel is None:
            return Outcome("permanent", error=f"no channel {delivery.channel}")
        return await channel.send(message)

    async def _message(self, delivery: Claimed, event: Event) -> Message:
        """The delivery's data and only the address its channel needs, opened from the vault."""
        payload = self.notifier.open_payload(event)
        person_id = event.person_id
        address: dict[str, Any] = {}
        if delivery.channel == "sms":
            address["phone"] = payload.get("phone") or await self._latest(
                person_id, BindingKind.PHONE
            )
        elif delivery.channel == "app_push" and person_id is not None:
            address["device_tokens"] = await devices.tokens_of(person_id)
        elif delivery.channel == "mp_subscribe":
            address["mp_openid"] = await self._latest(person_id, BindingKind.MP_OPENID)
        elif delivery.channel == "oa_template":
            address.update(await self._official_account_address(person_id))
        return Message(
            delivery_id=delivery.public_id,
            event_type=event.event_type,
            data=payload["data"],
            person_id=person_id,
            **address,
        )

    async def _latest(self, person_id: int | None, kind: BindingKind) -> str | None:
        if person_id is None:
            return None
        binding = await Binding.last_used(person_id, kind)
        return self._open(binding) if binding else None

    async def _official_account_address(self, person_id: int | None) -> dict[str, Any]:
        """The openid to send to, and whether it follows the account (its blind index is the
        follower ledger's key)."""
        if person_id is None:
            return {}
        binding = await Binding.last_used(person_id, BindingKind.OA_OPENID)
        if binding is None:
            return {}
        return {
            "oa_openid": self._open(binding),
            "oa_following": await followers.following(binding.value_index),
        }

    def _open(self, binding: Binding) -> str:
        return self.vault.open(
            binding.value_sealed, table="binding", column="value", row=binding.public_id
        )

    # ------------------------------------------------------------------ outcomes

    async def _record(self, delivery: Claimed, event: Event, outcome: Outcome) -> str:
        """Write the outcome (fenced by our lease); return the state it left: sent, delivered,
        retrying, failed (the next channel takes over) or dead."""
        now = clock.now()
        mine = Delivery.filter(
            id=delivery.id, leased_by=self.worker_id, status=DeliveryStatus.SENDING
        )
        if outcome.kind in ("sent", "delivered"):
            await mine.update(
                status=DeliveryStatus(outcome.kind),
                provider_ref=outcome.provider_ref,
                sent_at=now,
                finished_at=now if outcome.kind == "delivered" else None,
                lease_until=None,
                last_error=None,
            )
            return outcome.kind
        if outcome.kind == "temporary" and delivery.attempts < self.max_attempts:
            await mine.update(
                lease_until=None,
                leased_by=None,
                due_at=now + backoff(delivery.attempts),
                last_error=outcome.error,
            )
            return "retrying"
        if outcome.kind == "temporary":
            await mine.update(
                status=DeliveryStatus.DEAD,
                finished_at=now,
                lease_until=None,
                last_error=outcome.error,
            )
            return "dead"
        return await self._hand_to_next_channel(delivery, event, outcome, now)

    async def _hand_to_next_channel(
        self, delivery: Claimed, event: Event, outcome: Outcome, now: datetime
    ) -> str:
        async with transaction():
            return await fail_for_good(
                delivery.id,
                event,
                delivery.position,
                outcome.error or "failed",
                now,
                leased_by=self.worker_id,
            )

    async def _release(self, delivery: Claimed) -> None:
        """Give back a claimed delivery this worker will not send (it is stopping)."""
        await Delivery.filter(
            id=delivery.id, leased_by=self.worker_id, status=DeliveryStatus.SENDING
        ).update(lease_until=None, leased_by=None, attempts=max(delivery.attempts - 1, 0))


_DUE = """(
    (status = 'created' AND due_at <= {now})
    OR (status = 'sending' AND lease_until IS NULL AND due_at <= {now})
    OR (status = 'sending' AND lease_until < {now})
)"""

_CLAIM = f"""
UPDATE notify_delivery AS d
   SET status = 'sending', lease_until = $1, leased_by = $2, attempts = d.attempts + 1
  FROM (SELECT id FROM notify_delivery
         WHERE {_DUE.format(now="$3")}
         ORDER BY due_at
         LIMIT $4
           FOR UPDATE SKIP LOCKED) AS due
 WHERE d.id = due.id
RETURNING d.id, d.public_id, d.event_id, d.channel, d.position, d.attempts
"""  # noqa: S608 - no user input: the only interpolation is the constant condition above
