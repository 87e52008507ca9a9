"""Booking routes: a hall's slots, booking, cancelling, rescheduling, my appointments."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, raw

from api.kit import clock, idempotency
from api.kit.bodies import parse_body, read_json_object
from api.kit.context import HasContext, app_context
from api.kit.declare import NO_BODY, declare
from api.kit.errors import MalformedJSON
from api.kit.ids import is_public_id
from api.kit.policy import KIOSK, PUBLIC, caller_of, citizen, requires, staff, subject_of
from auth import idnumber
from auth.callers import caller_person, origin_of
from auth.errors import IdNumberInvalid
from auth.service import Identity
from booking import checkin, errors, hall, jobs, live, live_queue, queue, schemas, service
from booking.models import Appointment, Hall, Ticket

bp = Blueprint("booking")


class BookingServices(Protocol):
    @property
    def booking(self) -> service.Booking: ...
    @property
    def live_queue(self) -> live_queue.LiveQueue: ...
    @property
    def hall_setup(self) -> hall.HallSetup: ...
    @property
    def checkin_tokens(self) -> checkin.CheckinTokens: ...
    @property
    def live_hub(self) -> live.StatusHub: ...
    @property
    def identity(self) -> Identity: ...


class BookingApp(Protocol):
    """What booking's routes read from the app's context."""

    @property
    def services(self) -> BookingServices: ...


def services_of(source: Request | HasContext) -> BookingServices:
    return app_context(source, BookingApp).services


def booking_of(request: Request) -> service.Booking:
    return services_of(request).booking


def queue_of(request: Request) -> live_queue.LiveQueue:
    """The hall's queue; each change through it reaches the hall's displays."""
    return services_of(request).live_queue


def setup_of(request: Request) -> hall.HallSetup:
    return services_of(request).hall_setup


def appointment_out(appointment: Appointment) -> schemas.AppointmentOut:
    return schemas.AppointmentOut(
        appointment_id=appointment.public_id,
        status=appointment.status.value,
        date=appointment.local_date,
    )


@bp.get("/halls/<hall_code:ref>/slots")
@requires(PUBLIC)
@declare(
    "一个队列某天的号源",
    query=schemas.SlotQuery,
    responses={200: schemas.SlotsOut},
    errors=[errors.HallNotFound],
)
async def hall_slots(
    request: Request, hall_code: str, query: schemas.SlotQuery
) -> schemas.SlotsOut:
    slots = await booking_of(request).slots_of(hall_code, query.category, query.date)
    return schemas.SlotsOut(slots=slots)


async def refuse_when_full(request: Request, person_public_id: str) -> None:
    """At 08:00 on release day most requests are for a slot already full: they are refused
    from memory before the session is even looked up (the answer is public anyway)."""
    try:
        slot_id = read_json_object(request).get("slot_id")
    except MalformedJSON:
        return  # the route itself will answer the bad body
    if (
        isinstance(slot_id, str)
        and is_public_id(slot_id, "slt")
        and await booking_of(request).full_slots.refuses(slot_id, person_public_id)
    ):
        raise errors.SlotFull()


@bp.post("/appointments")
@requires(citizen(2, shed=refuse_when_full))
@declare(
    "预约一个号源",
    body=schemas.BookRequest,
    headers=[idempotency.IDEMPOTENCY_KEY],
    responses={201: schemas.AppointmentOut},
    errors=[
        errors.SlotNotFound,
        errors.SlotFull,
        errors.NotReleased,
        errors.TooLate,
        errors.OnePerDay,
        errors.TooManyActive,
        errors.Suspended,
    ],
)
async def book(request: Request, body: schemas.BookRequest) -> HTTPResponse:
    """Send an Idempotency-Key: the same key gives the same answer for 24 hours."""
    answer = idempotency.once(request, status=201, render=appointment_out)
    booked = await booking_of(request).book(
        await caller_person(request), body.slot_id, caller_of(request).channel or "app", answer
    )
    return answer.respond(booked)


@bp.post("/appointments/<appointment_id:ref>/cancel")
@requires(citizen(1))
@declare(
    "取消预约",
    body=NO_BODY,
    responses={200: schemas.AppointmentOut},
    errors=[errors.AppointmentNotFound, errors.NotCancellable],
)
async def cancel(request: Request, appointment_id: str) -> schemas.AppointmentOut:
    appointment = await booking_of(request).cancel(await caller_person(request), appointment_id)
    return appointment_out(appointment)


@bp.post("/appointments/<appointment_id:ref>/reschedule")
@requires(citizen(2))
@declare(
    "改约到另一个号源",
    body=schemas.BookRequest,
    responses={201: schemas.AppointmentOut},
    errors=[
        errors.AppointmentNotFound,
        errors.NotCancellable,
        errors.SlotNotFound,
        errors.SlotFull,
        errors.NotReleased,
        errors.TooLate,
        errors.OnePerDay,
        errors.TooManyActive,
        errors.Suspended,
    ],
)
async def reschedule(
    request: Request, appointment_id: str, body: schemas.BookRequest
) -> schemas.AppointmentOut:
    appointment = await booking_of(request).reschedule(
        await caller_person(request),
        appointment_id,
        body.slot_id,
        caller_of(request).channel or "app",
    )
    return appointment_out(appointment)


@bp.get("/me/appointments")
@requires(citizen(1))
async def my_appointments(request: Request) -> HTTPResponse:
    appointments = await service.my_appointments(await caller_person(request))
    return json({"appointments": [summary_out(a) for a in appointments]}, ensure_ascii=False)


def summary_out(summary: service.AppointmentSummary) -> dict[str, str]:
    return {
        "appointment_id": summary.appointment_id,
        "status": summary.status.value,
        "hall": summary.hall,
        "category": summary.category,
        "starts_at": summary.starts_at.isoformat(),
        "ends_at": summary.ends_at.isoformat(),
    }


def ticket_out(ticket: Ticket, ahead: int) -> dict[str, object]:
    return {
        "ticket_id": ticket.public_id,
        "number": ticket.label,
        "status": ticket.status.value,
        "ahead": ahead,
        "window": ticket.window_number,
    }


async def ticket_with_wait(ticket: Ticket) -> dict[str, object]:
    """What the holder sees: the number, 前面还有 N 人 and the estimated wait."""
    ahead = await queue.ahead_of(ticket)
    return waiting_out(ticket, ahead, await queue.estimated_wait_minutes(ticket, ahead))


def waiting_out(ticket: Ticket, ahead: int, wait_minutes: int) -> dict[str, object]:
    return {**ticket_out(ticket, ahead), "estimated_wait_minutes": wait_minutes}


def taken_out(taken: queue.Taken) -> dict[str, object]:
    """A ticket just taken, as counted when it was taken (nothing is read after its commit)."""
    return waiting_out(taken.ticket, taken.ahead, taken.wait_minutes)


@bp.post("/halls/<hall_code:ref>/tickets")
@requires(citizen(1))
async def take_ticket(request: Request, hall_code: str) -> HTTPResponse:
    """Take a same-day ticket online (网上取号), while the hall is open."""
    body = parse_body(request, schemas.TicketRequest)
    person = await caller_person(request)
    location = (
        (body.latitude, body.longitude)
        if body.latitude is not None and body.longitude is not None
        else None
    )
    taken = await queue_of(request).take_online(hall_code, body.category, person.id, location)
    return json(taken_out(taken), status=201)


@bp.post("/kiosk/tickets")
@requires(KIOSK)
async def kiosk_ticket(request: Request) -> HTTPResponse:
    """A ticket from the hall's kiosk; with the ID card it is the person's (if known here)."""
    body = parse_body(request, schemas.KioskTicketRequest)
    person_id = None
    if body.id_number is not None:
        person_id = await checkin.person_by_id_number(
            services_of(request).identity.persons.index(
                "id_number", valid_id_number(body.id_number)
            )
        )
    hall_code = device_hall(request)
    taken = await queue_of(request).take_at_kiosk(hall_code, body.category, person_id)
    return json(taken_out(taken), status=201)


@bp.get("/tickets/<ticket_id:ref>")
@requires(citizen(1))
async def my_ticket(request: Request, ticket_id: str) -> HTTPResponse:
    person = await caller_person(request)
    return json(await ticket_with_wait(await queue.own_ticket(person.id, ticket_id)))


@bp.post("/tickets/<ticket_id:ref>/cancel")
@requires(citizen(1))
async def cancel_ticket(request: Request, ticket_id: str) -> HTTPResponse:
    person = await caller_person(request)
    ticket = await queue_of(request).cancel_ticket(person.id, ticket_id)
    return json(ticket_out(ticket, 0))


@bp.post("/staff/windows/<window_id:ref>/call-next")
@requires(staff("clerk", "hall_admin"))
async def call_next(request: Request, window_id: str) -> HTTPResponse:
    """Call the next ticket at this window: checked-in appointments first, then the oldest."""
    ticket = await queue_of(request).call_next(window_id, hall_scope(request))
    if ticket is None:
        return HTTPResponse(status=204)
    return json(ticket_out(ticket, 0))


@bp.post("/staff/tickets/<ticket_id:ref>/complete")
@requires(staff("clerk", "hall_admin"))
async def complete_ticket(request: Request, ticket_id: str) -> HTTPResponse:
    ticket = await queue_of(request).complete(ticket_id, hall_scope(request))
    return json(ticket_out(ticket, 0))


class CheckinRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    token: str = Field(min_length=10, max_length=512)


class CheckinById(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id_number: str = Field(min_length=15, max_length=20)


def tokens_of(request: Request) -> checkin.CheckinTokens:
    tokens = services_of(request).checkin_tokens
    return tokens


@bp.get("/appointments/<appointment_id:ref>/checkin-code")
@requires(citizen(1))
async def checkin_code(request: Request, appointment_id: str) -> HTTPResponse:
    """The signed, single-use code the appointment's QR carries (no personal data in it)."""
    token = await checkin.token_for(
        tokens_of(request), await caller_person(request), appointment_id
    )
    return json({"token": token})


@bp.get("/appointments/<appointment_id:ref>/qr")
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
    taken = await queue_of(request).check_in(appointment_id, hall_scope(request))
    return json(ticket_out(taken.ticket, taken.ahead), status=201)


@bp.post("/kiosk/checkin")
@requires(KIOSK)
async def kiosk_checkin(request: Request) -> HTTPResponse:
    """The kiosk scans the citizen's QR code."""
    body = parse_body(request, CheckinRequest)
    appointment_id = tokens_of(request).appointment_of(body.token, clock.now())
    taken = await queue_of(request).check_in(appointment_id, device_hall(request))
    return json(ticket_out(taken.ticket, taken.ahead), status=201)


@bp.post("/kiosk/checkin-by-id")
@requires(KIOSK)
async def kiosk_checkin_by_id(request: Request) -> HTTPResponse:
    """The citizen's ID card at the kiosk: today's appointment here, found by blind index."""
    body = parse_body(request, CheckinById)
    index = services_of(request).identity.persons.index(
        "id_number", valid_id_number(body.id_number)
    )
    kiosk_hall = device_hall(request)
    taken = await queue_of(request).check_in_by_id_number(index, kiosk_hall)
    return json(ticket_out(taken.ticket, taken.ahead), status=201)


def valid_id_number(text: str) -> str:
    number = idnumber.normalise(text)
    problem = idnumber.problem_with(number, clock.local(clock.now()).date())
    if problem:
        raise IdNumberInvalid(problem)
    return number


@bp.get("/me/suspensions")
@requires(citizen(1))
async def my_suspensions(request: Request) -> HTTPResponse:
    """Booking suspensions in force, and when each ends."""
    rows = await service.suspensions_in_force((await caller_person(request)).id)
    return json(
        {
            "suspensions": [
                {"suspension_id": s.public_id, "until": s.ends_at.isoformat()} for s in rows
            ]
        }
    )


@bp.post("/staff/suspensions/<suspension_id:ref>/lift")
@requires(staff("hall_admin"))
async def lift_suspension(request: Request, suspension_id: str) -> HTTPResponse:
    lifted = await jobs.lift(suspension_id, subject_of(request))
    return json({"suspension_id": lifted.public_id, "lifted": True})


class TransferRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: str = Field(min_length=1, max_length=32)


@bp.post("/staff/tickets/<ticket_id:ref>/recall")
@requires(staff("clerk", "hall_admin"))
async def recall_ticket(request: Request, ticket_id: str) -> HTTPResponse:
    recalled = await queue_of(request).recall(ticket_id, hall_scope(request))
    return json(ticket_out(recalled, 0))


@bp.post("/staff/tickets/<ticket_id:ref>/missed")
@requires(staff("clerk", "hall_admin"))
async def missed_ticket(request: Request, ticket_id: str) -> HTTPResponse:
    """过号: back into the queue once; the second time it is dropped."""
    ticket = await queue_of(request).mark_missed(ticket_id, hall_scope(request))
    return json(ticket_out(ticket, 0))


@bp.post("/staff/tickets/<ticket_id:ref>/transfer")
@requires(staff("clerk", "hall_admin"))
async def transfer_ticket(request: Request, ticket_id: str) -> HTTPResponse:
    body = parse_body(request, TransferRequest)
    ticket = await queue_of(request).transfer(ticket_id, hall_scope(request), body.category)
    return json(ticket_out(ticket, 0))


@bp.post("/staff/windows/<window_id:ref>/<action:open|pause|close>")
@requires(staff("clerk", "hall_admin"))
async def window_status(request: Request, window_id: str, action: str) -> HTTPResponse:
    status = {"open": "open", "pause": "paused", "close": "closed"}[action]
    window = await queue_of(request).set_window_status(window_id, hall_scope(request), status)
    return json({"window_id": window.public_id, "number": window.number, "status": window.status})


RECONNECT_MILLISECONDS = 3000  # the `retry:` a browser's EventSource waits before reconnecting
HEARTBEAT = ": still here\n\n"


@bp.get("/halls/<hall_code:ref>/status")
@requires(PUBLIC)
async def hall_status(request: Request, hall_code: str) -> HTTPResponse:
    """Now serving per window and waiting per queue: numbers only, no names."""
    return json(await live.hall_status(hall_code), ensure_ascii=False)


@bp.get("/halls/<hall_code:ref>/status/stream")
@requires(PUBLIC)
async def hall_status_stream(request: Request, hall_code: str) -> None:
    """The same status as server-sent events: now, then after every change in any process,
    with a comment line when quiet; it ends after a while and the browser reconnects.
    Capped per client address (429) and per server process (503 with Retry-After)."""
    async with services_of(request).live_hub.feed(hall_code, client_address(request)) as feed:
        first = await live.hall_status(hall_code)  # after joining the feed: no change is missed
        response = await request.respond(
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            content_type="text/event-stream; charset=utf-8",
        )
        await response.send(f"retry: {RECONNECT_MILLISECONDS}\n" + status_event(dumps(first)))
        async for status in feed.updates():
            await response.send(HEARTBEAT if status is None else status_event(status))


def status_event(data: str) -> str:
    return f"event: status\ndata: {data}\n\n"


def client_address(request: Request) -> str:
    """The address the rate limits count by (honours YIWANG_PROXIES_COUNT)."""
    return origin_of(request).ip or "unknown"


@bp.listener("before_server_stop")
async def end_live_streams(app: HasContext) -> None:
    """Streams end as the server starts stopping, not after its grace period: displays
    reconnect to another process. The subscription's connection goes back to the pool, and
    a stream asked for during the grace period is refused (a hub never used costs nothing)."""
    await services_of(app).live_hub.close()


def dumps(value: object) -> str:
    import json as jsonlib

    return jsonlib.dumps(value, ensure_ascii=False)


# -- the hall's set-up (hall admins; one bound to a hall manages only that hall) -------------


def hall_scope(request: Request) -> str | None:
    """The staff member's hall; None for staff who belong to none (all halls)."""
    scope = caller_of(request).extra.get("hall_code")
    return scope if isinstance(scope, str) else None


def admin_of(request: Request) -> str:
    return subject_of(request)


def device_hall(request: Request) -> str:
    """The hall of the kiosk or display calling, as its device key says."""
    hall_code = caller_of(request).extra.get("hall_code")
    if not isinstance(hall_code, str):
        raise LookupError("the caller is not a hall's device")
    return hall_code


async def managed_hall(request: Request, hall_code: str) -> Hall:
    return await hall.hall_by_code(hall_code, hall_scope(request))


def periods_of(rows: list[schemas.TemplatePeriod]) -> list[hall.Period]:
    return [
        hall.Period(r.weekday, schemas.minute_of(r.start), schemas.minute_of(r.end), r.capacity)
        for r in rows
    ]


@bp.get("/halls/<hall_code:ref>")
@requires(PUBLIC)
async def hall_info(request: Request, hall_code: str) -> HTTPResponse:
    """Opening hours, whether the hall is open now, its queues and which serves which item."""
    return json(await hall.describe(await hall.hall_by_code(hall_code)), ensure_ascii=False)


@bp.post("/staff/halls")
@requires(staff("hall_admin"))
async def create_hall(request: Request) -> HTTPResponse:
    """A new hall; only an admin not bound to one hall may create halls."""
    body = parse_body(request, schemas.NewHall)
    if hall_scope(request) is not None:
        raise errors.HallNotFound()
    created = await hall.create_hall(body.code, body.name, body.timezone, admin_of(request))
    return json(created, status=201, ensure_ascii=False)


@bp.get("/staff/halls/<hall_code:ref>")
@requires(staff("clerk", "hall_admin"))
async def hall_setup(request: Request, hall_code: str) -> HTTPResponse:
    described = await hall.describe(await managed_hall(request, hall_code), for_staff=True)
    return json(described, ensure_ascii=False)


@bp.patch("/staff/halls/<hall_code:ref>")
@requires(staff("hall_admin"))
async def change_rules(request: Request, hall_code: str) -> HTTPResponse:
    """Booking rules, no-show rule and geofence; only the fields sent change."""
    body = parse_body(request, schemas.HallRules)
    changed = await hall.change_rules(
        await managed_hall(request, hall_code),
        body.model_dump(exclude_unset=True),
        admin_of(request),
    )
    return json(changed, ensure_ascii=False)


@bp.put("/staff/halls/<hall_code:ref>/opening-hours")
@requires(staff("hall_admin"))
async def set_opening_hours(request: Request, hall_code: str) -> HTTPResponse:
    """The whole week; a weekday left out is closed."""
    body = parse_body(request, schemas.WeekHours)
    target = await managed_hall(request, hall_code)
    periods = [
        hall.Period(d.weekday, schemas.minute_of(d.opens), schemas.minute_of(d.closes))
        for d in body.days
    ]
    changed = await hall.set_opening_hours(target, periods, admin_of(request))
    return json(changed, ensure_ascii=False)


@bp.put("/staff/halls/<hall_code:ref>/calendar/<day:ymd>")
@requires(staff("hall_admin"))
async def set_calendar_day(request: Request, hall_code: str, day: date) -> HTTPResponse:
    """Close a day (its appointments are cancelled and the citizens told) or make it a
    make-up working day (调休) with a weekday's hours and slots."""
    body = parse_body(request, schemas.CalendarEntry)
    target = await managed_hall(request, hall_code)
    cancelled = await setup_of(request).set_calendar_day(
        target, day, body.works_as_weekday, body.note, admin_of(request)
    )
    return json(
        {"date": day.isoformat(), "works_as_weekday": body.works_as_weekday, "cancelled": cancelled}
    )


@bp.delete("/staff/halls/<hall_code:ref>/calendar/<day:ymd>")
@requires(staff("hall_admin"))
async def clear_calendar_day(request: Request, hall_code: str, day: date) -> HTTPResponse:
    target = await managed_hall(request, hall_code)
    await setup_of(request).clear_calendar_day(target, day, admin_of(request))
    return HTTPResponse(status=204)


@bp.post("/staff/halls/<hall_code:ref>/categories")
@requires(staff("hall_admin"))
async def add_category(request: Request, hall_code: str) -> HTTPResponse:
    body = parse_body(request, schemas.NewCategory)
    category = await hall.add_category(
        await managed_hall(request, hall_code),
        body.code,
        body.name,
        body.prefix,
        body.default_service_minutes,
        admin_of(request),
    )
    return json(
        {"code": category.code, "name": category.name, "prefix": category.prefix},
        status=201,
        ensure_ascii=False,
    )


@bp.put("/staff/halls/<hall_code:ref>/categories/<category_code:ref>/templates")
@requires(staff("hall_admin"))
async def set_templates(request: Request, hall_code: str, category_code: str) -> HTTPResponse:
    """The queue's weekly slot pattern; unreleased, unbooked slots are redrawn at once."""
    body = parse_body(request, schemas.Templates)
    category = await hall.category_by_code(await managed_hall(request, hall_code), category_code)
    created = await setup_of(request).set_templates(
        category, periods_of(body.periods), admin_of(request)
    )
    return json({"category": category.code, "periods": len(body.periods), "slots_created": created})


@bp.post("/staff/halls/<hall_code:ref>/windows")
@requires(staff("hall_admin"))
async def add_window(request: Request, hall_code: str) -> HTTPResponse:
    body = parse_body(request, schemas.NewWindow)
    window = await hall.add_window(
        await managed_hall(request, hall_code), body.number, body.categories, admin_of(request)
    )
    return json({"window_id": window.public_id, "number": window.number}, status=201)


@bp.put("/staff/halls/<hall_code:ref>/windows/<number:int>")
@requires(staff("hall_admin"))
async def set_window_categories(request: Request, hall_code: str, number: int) -> HTTPResponse:
    body = parse_body(request, schemas.WindowCategories)
    window = await hall.set_window_categories(
        await managed_hall(request, hall_code), number, body.categories, admin_of(request)
    )
    return json({"window_id": window.public_id, "number": window.number})


@bp.put("/staff/halls/<hall_code:ref>/services/<service_code:code>")
@requires(staff("hall_admin"))
async def map_service(request: Request, hall_code: str, service_code: str) -> HTTPResponse:
    """Which queue serves this service item (by its service code) here."""
    body = parse_body(request, schemas.ServiceMapping)
    await hall.map_service(
        await managed_hall(request, hall_code), service_code[:64], body.category, admin_of(request)
    )
    return json({"service": service_code, "category": body.category})


@bp.delete("/staff/halls/<hall_code:ref>/services/<service_code:code>")
@requires(staff("hall_admin"))
async def unmap_service(request: Request, hall_code: str, service_code: str) -> HTTPResponse:
    await hall.unmap_service(
        await managed_hall(request, hall_code), service_code[:64], admin_of(request)
    )
    return HTTPResponse(status=204)
