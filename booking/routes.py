"""Booking routes: a hall's slots, booking, cancelling, rescheduling, my appointments."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from api.kit.bodies import parse_body, parse_query
from api.kit.policy import PUBLIC, citizen, requires
from auth.routes import caller_person
from booking import schemas, service
from booking.models import Appointment

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
