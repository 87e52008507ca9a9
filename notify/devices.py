"""App push devices: the push tokens a person's app installations registered.

A token belongs to at most one person (the unique column): registering it for someone else
moves it, as when a phone changes hands or another citizen signs in on it. The app registers
its token after every sign-in and whenever the push service hands it a new one (`replaces`
names the old one, which goes). A person keeps at most `MAX_DEVICES_PER_PERSON`, the most
recently registered: an app reinstalled many times must not multiply every push.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from api.kit import clock
from api.kit.db import rows_of, transaction
from api.kit.ids import new_public_id
from notify.errors import PushDeviceNotFound
from notify.models import Platform, PushDevice

log = logging.getLogger("yiwang.notify.devices")

MAX_DEVICES_PER_PERSON = 10


def token_hint(token: str) -> str:
    """What answers and logs show of a token: its last four characters."""
    return "…" + token[-4:]


@dataclass(frozen=True)
class Registered:
    device: PushDevice
    new_to_person: bool  # created, or moved from another person: not a refresh


async def register(
    person_id: int, platform: Platform, token: str, replaces: str | None = None
) -> Registered:
    """Register (or refresh) `token` for the person, in one transaction: the old token it
    replaces goes, a token another person held moves, the oldest devices past the cap go."""
    async with transaction():
        if replaces is not None and replaces != token:
            await PushDevice.filter(person_id=person_id, token=replaces).delete()
        [row] = await rows_of(
            _UPSERT, [new_public_id("pdv"), person_id, platform.value, token, clock.now()]
        )
        if row["moved"]:
            log.info("push device moved to another person", extra={"device": row["public_id"]})
        await _keep_newest(person_id)
        device = await PushDevice.get(id=row["id"])
        return Registered(device, new_to_person=row["previous_person_id"] != person_id)


# One statement, so two registrations of one token at once cannot both insert it. The CTE
# reads the row as it was before the statement: who held the token until now.
_UPSERT = """
WITH previous AS (SELECT person_id FROM notify_push_device WHERE token = $4)
INSERT INTO notify_push_device (public_id, person_id, platform, token, created_at, registered_at)
VALUES ($1, $2, $3, $4, $5, $5)
ON CONFLICT (token) DO UPDATE
   SET person_id = EXCLUDED.person_id,
       platform = EXCLUDED.platform,
       registered_at = EXCLUDED.registered_at
RETURNING id, public_id,
          (SELECT person_id FROM previous) AS previous_person_id,
          COALESCE((SELECT person_id FROM previous) <> $2, false) AS moved
"""


async def _keep_newest(person_id: int) -> None:
    kept = (
        PushDevice.filter(person_id=person_id)
        .order_by("-registered_at", "-id")
        .limit(MAX_DEVICES_PER_PERSON)
        .values_list("id", flat=True)
    )
    await PushDevice.filter(person_id=person_id).exclude(id__in=await kept).delete()


async def devices_of(person_id: int) -> list[PushDevice]:
    return await PushDevice.filter(person_id=person_id).order_by("-registered_at", "-id")


async def remove(person_id: int, device_public_id: str) -> None:
    removed = await PushDevice.filter(public_id=device_public_id, person_id=person_id).delete()
    if not removed:
        raise PushDeviceNotFound()


async def tokens_of(person_id: int) -> list[str]:
    """Where the person's app push messages go."""
    return [device.token for device in await PushDevice.filter(person_id=person_id)]


async def drop_invalid(tokens: list[str]) -> int:
    """The push gateway said these tokens reach no installation any more: forget them."""
    if not tokens:
        return 0
    dropped = await PushDevice.filter(token__in=tokens).delete()
    log.info(
        "dropped push tokens the gateway reported invalid",
        extra={"dropped": dropped, "tokens": [token_hint(t) for t in tokens]},
    )
    return dropped


async def move_person(from_person_id: int, to_person_id: int) -> None:
    """Identity merged two persons: the merged one's devices reach the survivor."""
    await PushDevice.filter(person_id=from_person_id).update(person_id=to_person_id)
    await _keep_newest(to_person_id)


async def forget_person(person_id: int) -> None:
    """Identity deleted an account: its devices receive nothing more."""
    await PushDevice.filter(person_id=person_id).delete()
