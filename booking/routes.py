"""Booking routes: a hall's slots, booking, cancelling, rescheduling, my appointments."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, raw

from api.kit import clock
from api.kit.bodies import parse_body, parse_query
from api.kit.policy import DEVICE, PUBLIC, citizen, requires, staff
from auth import idnumber
from auth.errors import IdNumberInvalid
from auth.routes import caller_person
from auth.service import audit
from booking import checkin, errors, jobs, live, queue, schemas, service
from booking.models import Appointment, Suspension, Ticket

bp = Blueprint("booking")
IDEMPOTENCY_HEADER = "idempotency-key"


def booking_of(request: Request) -> service.Booking:
    booking: service.Booking = request.app.ctx.booking
    return booking


def appointment_out(appointment: Appointment) -> dict[str, str]:
    return {
        "appointment_id": appointment.public_id,
        "status": appointment.status.value,
        "date": appointment.local_date.isoformat(),
    }


@bp.get("/halls/<hall_code:str>/slots")
@requires(PUBLIC)
async def hall_slots(request: Request, hall_code: str) -> HTTPResponse:
    query = parse_query(request, schemas.SlotQuery)
    return json({"slots": await service.slots_of(hall_code, query.category, query.date)})


@bp.post("/appointments")
@requires(citizen(2))
async def book(request: Request) -> HTTPResponse:
    """Book a slot. Send an Idempotency-Key: the same key gives the same appointment."""
    body = parse_body(request, schemas.BookRequest)
    key = (request.headers.get(IDEMPOTENCY_HEADER) or "").strip()[:64] or None
    appointment = await booking_of(request).book(
        await caller_person(request), body.slot_id, key, request.ctx.caller.channel or "app"
    )
    return json(appointment_out(appointment), status=201)


@bp.post("/appointments/<appointment_id:str>/cancel")
@requires(citizen(1))
async def cancel(request: Request, appointment_id: str) -> HTTPResponse:
    appointment = await booking_of(request).cancel(await caller_person(request), appointment_id)
    return json(appointment_out(appointment))


@bp.post("/appointments/<appointment_id:str>/reschedule")
@requires(citizen(2))
async def reschedule(request: Request, appointment_id: str) -> HTTPResponse:
    body = parse_body(request, schemas.BookRequest)
    appointment = await booking_of(request).reschedule(
        await caller_person(request),
        appointment_id,
        body.slot_id,
        request.ctx.caller.channel or "app",
    )
    return json(appointment_out(appointment), status=201)


@bp.get("/me/appointments")
@requires(citizen(1))
async def my_appointments(request: Request) -> HTTPResponse:
    person = await caller_person(request)
    return json({"appointments": await service.my_appointments(person)}, ensure_ascii=False)


class TicketRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: str = Field(min_length=1, max_length=32)


def ticket_out(ticket: Ticket, ahead: int) -> dict[str, object]:
    return {
        "ticket_id": ticket.public_id,
        "number": ticket.label,
        "status": ticket.status.value,
        "ahead": ahead,
        "window": ticket.window_number,
    }


@bp.post("/halls/<hall_code:str>/tickets")
@requires(citizen(1))
async def take_ticket(request: Request, hall_code: str) -> HTTPResponse:
    """Take a same-day ticket online (网上取号)."""
    body = parse_body(request, TicketRequest)
    person = await caller_person(request)
    ticket = await queue.take_ticket(hall_code, body.category, person.id)
    await after_queue_change(request, ticket.hall_id)
    return json(ticket_out(ticket, await queue.ahead_of(ticket)), status=201)


@bp.get("/tickets/<ticket_id:str>")
@requires(citizen(1))
async def my_ticket(request: Request, ticket_id: str) -> HTTPResponse:
    person = await caller_person(request)
    ticket = await Ticket.get_or_none(public_id=ticket_id, person_id=person.id)
    if ticket is None:
        raise queue.TicketNotFound()
    return json(ticket_out(ticket, await queue.ahead_of(ticket)))


@bp.post("/staff/windows/<window_id:str>/call-next")
@requires(staff("clerk", "hall_admin"))
async def call_next(request: Request, window_id: str) -> HTTPResponse:
    """Call the next ticket at this window: checked-in appointments first, then the oldest."""
    ticket = await queue.call_next(
        request.app.ctx.notifier, window_id, request.ctx.caller.extra.get("hall_code")
    )
    if ticket is None:
        return HTTPResponse(status=204)
    await after_queue_change(request, ticket.hall_id)
    return json(ticket_out(ticket, 0))


@bp.post("/staff/tickets/<ticket_id:str>/complete")
@requires(staff("clerk", "hall_admin"))
async def complete_ticket(request: Request, ticket_id: str) -> HTTPResponse:
    ticket = await queue.complete(ticket_id)
    await after_queue_change(request, ticket.hall_id)
    return json(ticket_out(ticket, 0))


class CheckinRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    token: str = Field(min_length=10, max_length=512)


class CheckinById(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id_number: str = Field(min_length=15, max_length=20)


def tokens_of(request: Request) -> checkin.CheckinTokens:
    tokens: checkin.CheckinTokens = request.app.ctx.checkin_tokens
    return tokens


@bp.get("/appointments/<appointment_id:str>/checkin-code")
@requires(citizen(1))
async def checkin_code(request: Request, appointment_id: str) -> HTTPResponse:
    """The signed, single-use code the appointment's QR carries (no personal data in it)."""
    token = await checkin.token_for(
        tokens_of(request), await caller_person(request), appointment_id
    )
    return json({"token": token})


@bp.get("/appointments/<appointment_id:str>/qr")
@requires(citizen(1))
async def checkin_qr(request: Request, appointment_id: str) -> HTTPResponse:
    """The QR code to show at the hall: ?format=png (default) or svg."""
    token = await checkin.token_for(
        tokens_of(request), await caller_person(request), appointment_id
    )
    image, content_type = checkin.qr_image(token, request.args.get("format", "png"))
    return raw(image, content_type=content_type)


@bp.post("/staff/checkin")
@requires(staff("clerk", "hall_admin"))
async def staff_checkin(request: Request) -> HTTPResponse:
    """A clerk scans the citizen's QR code."""
    body = parse_body(request, CheckinRequest)
    appointment_id = tokens_of(request).appointment_of(body.token, clock.now())
    ticket = await checkin.check_in(appointment_id, request.ctx.caller.extra.get("hall_code"))
    return json(ticket_out(ticket, await queue.ahead_of(ticket)), status=201)


@bp.post("/kiosk/checkin")
@requires(DEVICE)
async def kiosk_checkin(request: Request) -> HTTPResponse:
    """The kiosk scans the citizen's QR code."""
    body = parse_body(request, CheckinRequest)
    appointment_id = tokens_of(request).appointment_of(body.token, clock.now())
    ticket = await checkin.check_in(appointment_id, request.ctx.caller.extra["hall_code"])
    return json(ticket_out(ticket, await queue.ahead_of(ticket)), status=201)


@bp.post("/kiosk/checkin-by-id")
@requires(DEVICE)
async def kiosk_checkin_by_id(request: Request) -> HTTPResponse:
    """The citizen's ID card at the kiosk: today's appointment here, found by blind index."""
    body = parse_body(request, CheckinById)
    number = idnumber.normalise(body.id_number)
    problem = idnumber.problem_with(number, clock.local(clock.now()).date())
    if problem:
        raise IdNumberInvalid(problem)
    index = request.app.ctx.identity.index("id_number", number)
    ticket = await checkin.check_in_by_id_number(index, request.ctx.caller.extra["hall_code"])
    return json(ticket_out(ticket, await queue.ahead_of(ticket)), status=201)


@bp.get("/me/suspensions")
@requires(citizen(1))
async def my_suspensions(request: Request) -> HTTPResponse:
    """Booking suspensions in force, and when each ends."""
    person = await caller_person(request)
    now = clock.now()
    rows = await Suspension.filter(person_id=person.id, lifted_at=None, ends_at__gt=now)
    return json(
        {
            "suspensions": [
                {"suspension_id": s.public_id, "until": s.ends_at.isoformat()} for s in rows
            ]
        }
    )


@bp.post("/staff/suspensions/<suspension_id:str>/lift")
@requires(staff("hall_admin"))
async def lift_suspension(request: Request, suspension_id: str) -> HTTPResponse:
    lifted = await jobs.lift(suspension_id, request.ctx.caller.subject)
    if lifted is None:
        raise errors.SuspensionNotFound()
    await audit(
        "booking.suspension_lifted",
        actor=request.ctx.caller.subject,
        detail={"suspension": suspension_id},
    )
    return json({"suspension_id": lifted.public_id, "lifted": True})


class TransferRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: str = Field(min_length=1, max_length=32)


@bp.post("/staff/tickets/<ticket_id:str>/recall")
@requires(staff("clerk", "hall_admin"))
async def recall_ticket(request: Request, ticket_id: str) -> HTTPResponse:
    return json(ticket_out(await queue.recall(request.app.ctx.notifier, ticket_id), 0))


@bp.post("/staff/tickets/<ticket_id:str>/missed")
@requires(staff("clerk", "hall_admin"))
async def missed_ticket(request: Request, ticket_id: str) -> HTTPResponse:
    """过号: back into the queue once; the second time it is dropped."""
    ticket = await queue.mark_missed(ticket_id)
    await after_queue_change(request, ticket.hall_id)
    return json(ticket_out(ticket, 0))


@bp.post("/staff/tickets/<ticket_id:str>/transfer")
@requires(staff("clerk", "hall_admin"))
async def transfer_ticket(request: Request, ticket_id: str) -> HTTPResponse:
    body = parse_body(request, TransferRequest)
    ticket = await queue.transfer(ticket_id, body.category)
    await after_queue_change(request, ticket.hall_id)
    return json(ticket_out(ticket, 0))


@bp.post("/staff/windows/<window_id:str>/<action:open|pause|close>")
@requires(staff("clerk", "hall_admin"))
async def window_status(request: Request, window_id: str, action: str) -> HTTPResponse:
    status = {"open": "open", "pause": "paused", "close": "closed"}[action]
    window = await queue.set_window_status(
        window_id, request.ctx.caller.extra.get("hall_code"), status
    )
    return json({"window_id": window.public_id, "number": window.number, "status": window.status})


HEARTBEAT_SECONDS = 15.0


@bp.get("/halls/<hall_code:str>/status")
@requires(PUBLIC)
async def hall_status(request: Request, hall_code: str) -> HTTPResponse:
    """Now serving per window and waiting per queue: numbers only, no names."""
    return json(await live.hall_status(hall_code), ensure_ascii=False)


@bp.get("/halls/<hall_code:str>/status/stream")
@requires(PUBLIC)
async def hall_status_stream(request: Request, hall_code: str) -> None:
    """The same status as server-sent events: now, then after every change in any process."""
    first = await live.hall_status(hall_code)
    response = await request.respond(
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        content_type="text/event-stream; charset=utf-8",
    )
    pubsub = request.app.ctx.redis.pubsub()
    await pubsub.subscribe(live.channel_of(hall_code))
    try:
        await response.send(f"event: status\ndata: {dumps(first)}\n\n")
        quiet = 0.0
        # Wakes every second, so a stopping server ends its streams instead of being held by
        # them for the whole grace period (displays reconnect to another process).
        while not request.app.ctx.stopping:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is None:
                quiet += 1.0
                if quiet >= HEARTBEAT_SECONDS:
                    await response.send(": still here\n\n")
                    quiet = 0.0
                continue
            quiet = 0.0
            data = (
                message["data"].decode()
                if isinstance(message["data"], bytes)
                else str(message["data"])
            )
            await response.send(f"event: status\ndata: {data}\n\n")
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()


def dumps(value: object) -> str:
    import json as jsonlib

    return jsonlib.dumps(value, ensure_ascii=False)


async def after_queue_change(request: Request, hall_id: int) -> None:
    await live.publish(request.app.ctx.redis, await live.hall_code_of(hall_id))
