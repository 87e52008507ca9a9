"""Live queue status: what a hall's display shows, as JSON and as a server-sent-event stream.

Every process publishes a hall's new status on a Redis channel after changing its queue, and
every stream listens on it, so a display connected to one server process sees calls made
through any other. The status carries ticket numbers and counts only, never names.
"""

from __future__ import annotations

import json
from typing import Any

import redis.asyncio as redis
from tortoise.functions import Count

from booking import errors
from booking.models import Category, Hall, Ticket, TicketStatus, Window
from booking.queue import today_in


def channel_of(hall_code: str) -> str:
    return f"booking:hall:{hall_code}:status"


async def hall_status(hall_code: str) -> dict[str, Any]:
    hall = await Hall.get_or_none(code=hall_code)
    if hall is None:
        raise errors.HallNotFound()
    day = today_in(hall)
    serving = {
        row["window_number"]: row["label"]
        for row in await Ticket.filter(hall_id=hall.id, local_date=day, status=TicketStatus.CALLED)
        .order_by("called_at")
        .values("window_number", "label")
    }
    counts = dict(
        await Ticket.filter(hall_id=hall.id, local_date=day, status=TicketStatus.WAITING)
        .annotate(n=Count("id"))
        .group_by("category_id")
        .values_list("category_id", "n")
    )
    categories = await Category.filter(hall=hall).order_by("prefix")
    windows = await Window.filter(hall=hall).order_by("number")
    return {
        "hall": hall.code,
        "windows": [
            {"number": w.number, "status": w.status, "serving": serving.get(w.number)}
            for w in windows
        ],
        "waiting": [
            {
                "category": c.code,
                "name": c.name,
                "prefix": c.prefix,
                "waiting": int(counts.get(c.id, 0)),
            }
            for c in categories
        ],
    }


async def publish(client: redis.Redis, hall_code: str) -> None:
    """After a change: tell every process's streams. Losing Redis loses no ticket, only this."""
    status = await hall_status(hall_code)
    await client.publish(channel_of(hall_code), json.dumps(status, ensure_ascii=False))


async def hall_code_of(hall_id: int) -> str:
    return (await Hall.get(id=hall_id)).code
