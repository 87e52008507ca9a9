"""Booking routes: halls and their slots, appointments, same-day tickets and calling them,
check-in, suspensions, the live queue status, and a hall's set-up by its admins."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, raw

from api.kit import clock, idempotency
from api.kit.bodies import read_json_object
from api.kit.context import HasContext, app_context
from api.kit.declare import NO_BODY, Media, NoContent, Reply, declare
from api.kit.errors import MalformedJSON
from api.kit.ids import is_public_id
from api.kit.policy import KIOSK, PUBLIC, caller_of, citizen, requires, staff, subject_of
from api.kit.qr import qr_image
from auth import idnumber
from auth.callers import caller_person, origin_of
from auth.errors import IdNumberInvalid
from auth.service import Identity
from booking import checkin, errors, hall, jobs, live, live_queue, queue, schemas, service
from booking.models import Appointment, Category, Hall, Ticket, Window

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


def tokens_of(request: Request) -> checkin.CheckinTokens:
    return services_of(request).checkin_tokens


# -- halls and slots ------------------------------------------------------------------------


@bp.get("/halls")
@requires(PUBLIC)
@declare("大厅列表", responses={200: schemas.HallsOut})
async def halls(request: Request) -> schemas.HallsOut:
    """Every hall, with whether it is open now, today's hours and the next opening."""
    return schemas.HallsOut(halls=await hall.list_halls())


@bp.get("/halls/<hall_code:ref>")
@requires(PUBLIC)
@declare("大厅信息", responses={200: schemas.HallOut}, errors=[errors.HallNotFound])
async def hall_info(request: Request, hall_code: str) -> schemas.HallOut:
    """Opening hours, whether the hall is open now, its queues and which serves which item."""
    return await hall.describe(await hall.hall_by_code(hall_code))


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


# -- appointments ---------------------------------------------------------------------------


def appointment_out(appointment: Appointment) -> schemas.AppointmentOut:
    return schemas.AppointmentOut(
        appointment_id=appointment.public_id,
        status=appointment.status.value,
        date=appointment.local_date,
    )


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


BOOKING_REFUSALS = [
    errors.SlotNotFound,
    errors.ServiceNotInQueue,
    errors.SlotFull,
    errors.NotReleased,
    errors.TooLate,
    errors.OnePerDay,
    errors.TooManyActive,
    errors.Suspended,
]


@bp.post("/appointments")
@requires(citizen(2, shed=refuse_when_full))
@declare(
    "预约一个号源",
    body=schemas.BookRequest,
    headers=[idempotency.IDEMPOTENCY_KEY],
    responses={201: schemas.AppointmentOut},
    errors=BOOKING_REFUSALS,
)
async def book(request: Request, body: schemas.BookRequest) -> HTTPResponse:
    """Send an Idempotency-Key: the same key gives the same answer for 24 hours."""
    answer = idempotency.once(request, status=201, render=appointment_out)
    booked = await booking_of(request).book(
        await caller_person(request),
        body.slot_id,
        caller_of(request).channel or "app",
        answer,
        service_code=body.service,
    )
    return answer.respond(booked)


@bp.get("/appointments/<appointment_id:ref>")
@requires(citizen(1))
@declare(
    "我的一个预约",
    responses={200: schemas.MyAppointment},
    errors=[errors.AppointmentNotFound],
)
async def my_appointment(request: Request, appointment_id: str) -> schemas.MyAppointment:
    """Another citizen's appointment is not found, as one that does not exist."""
    return await service.my_appointment(await caller_person(request), appointment_id)


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
    errors=[errors.AppointmentNotFound, errors.NotCancellable, *BOOKING_REFUSALS],
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
@declare("我的预约", responses={200: schemas.MyAppointments})
async def my_appointments(request: Request) -> schemas.MyAppointments:
    appointments = await service.my_appointments(await caller_person(request))
    return schemas.MyAppointments(appointments=appointments)


# -- same-day tickets -----------------------------------------------------------------------


def ticket_out(ticket: Ticket, ahead: int = 0) -> schemas.TicketOut:
    return schemas.TicketOut(
        ticket_id=ticket.public_id,
        number=ticket.label,
        status=ticket.status,
        ahead=ahead,
        window=ticket.window_number,
    )


def held_out(ticket: Ticket, ahead: int, wait_minutes: int) -> schemas.HeldTicketOut:
    return schemas.HeldTicketOut(
        **dict(ticket_out(ticket, ahead)), estimated_wait_minutes=wait_minutes
    )


def taken_out(taken: queue.Taken) -> schemas.HeldTicketOut:
    """A ticket just taken, as counted when it was taken (nothing is read after its commit)."""
    return held_out(taken.ticket, taken.ahead, taken.wait_minutes)


TAKING_REFUSALS = [
    errors.HallNotFound,
    errors.CategoryNotFound,
    errors.HallClosed,
    errors.OneTicket,
]


@bp.post("/halls/<hall_code:ref>/tickets")
@requires(citizen(1))
@declare(
    "网上取号",
    body=schemas.TicketRequest,
    responses={201: schemas.HeldTicketOut},
    errors=[*TAKING_REFUSALS, errors.LocationRequired, errors.OutsideGeofence],
)
async def take_ticket(
    request: Request, hall_code: str, body: schemas.TicketRequest
) -> schemas.HeldTicketOut:
    """A same-day ticket taken online (网上取号), while the hall is open."""
    person = await caller_person(request)
    location = (
        (body.latitude, body.longitude)
        if body.latitude is not None and body.longitude is not None
        else None
    )
    taken = await queue_of(request).take_online(hall_code, body.category, person.id, location)
    return taken_out(taken)


@bp.post("/kiosk/tickets")
@requires(KIOSK)
@declare(
    "取号机取号",
    body=schemas.KioskTicketRequest,
    responses={201: schemas.HeldTicketOut},
    errors=[*TAKING_REFUSALS, IdNumberInvalid],
)
async def kiosk_ticket(request: Request, body: schemas.KioskTicketRequest) -> schemas.HeldTicketOut:
    """A ticket from the hall's kiosk; with the ID card it is the person's (if known here)."""
    person_id = None
    if body.id_number is not None:
        person_id = await checkin.person_by_id_number(
            services_of(request).identity.persons.index(
                "id_number", valid_id_number(body.id_number)
            )
        )
    taken = await queue_of(request).take_at_kiosk(device_hall(request), body.category, person_id)
    return taken_out(taken)


@bp.get("/tickets/<ticket_id:ref>")
@requires(citizen(1))
@declare("我的排队号", responses={200: schemas.HeldTicketOut}, errors=[errors.TicketNotFound])
async def my_ticket(request: Request, ticket_id: str) -> schemas.HeldTicketOut:
    """The number, 前面还有 N 人 and the estimated wait, counted now."""
    person = await caller_person(request)
    ticket = await queue.own_ticket(person.id, ticket_id)
    ahead = await queue.ahead_of(ticket)
    return held_out(ticket, ahead, await queue.estimated_wait_minutes(ticket, ahead))


@bp.post("/tickets/<ticket_id:ref>/cancel")
@requires(citizen(1))
@declare(
    "取消排队号",
    body=NO_BODY,
    responses={200: schemas.TicketOut},
    errors=[errors.TicketNotFound, errors.TicketNotCancellable],
)
async def cancel_ticket(request: Request, ticket_id: str) -> schemas.TicketOut:
    person = await caller_person(request)
    return ticket_out(await queue_of(request).cancel_ticket(person.id, ticket_id))


# -- calling at the windows -----------------------------------------------------------------

CLERKS = staff("clerk", "hall_admin")
CALLED_TICKET_REFUSALS = [errors.TicketNotFound, errors.TicketNotCalled]


@bp.post("/staff/windows/<window_id:ref>/call-next")
@requires(CLERKS)
@declare(
    "叫下一个号",
    body=NO_BODY,
    responses={200: schemas.TicketOut, 204: NoContent("没有人在等候。")},
    errors=[errors.WindowNotFound, errors.WindowClosed, errors.WindowBusy],
)
async def call_next(request: Request, window_id: str) -> Reply[schemas.TicketOut] | HTTPResponse:
    """Call the next ticket at this window: checked-in appointments first, then the oldest."""
    ticket = await queue_of(request).call_next(window_id, hall_scope(request))
    if ticket is None:
        return HTTPResponse(status=204)
    return Reply(200, ticket_out(ticket))


@bp.post("/staff/tickets/<ticket_id:ref>/complete")
@requires(CLERKS)
@declare("办结", body=NO_BODY, responses={200: schemas.TicketOut}, errors=CALLED_TICKET_REFUSALS)
async def complete_ticket(request: Request, ticket_id: str) -> schemas.TicketOut:
    return ticket_out(await queue_of(request).complete(ticket_id, hall_scope(request)))


@bp.post("/staff/tickets/<ticket_id:ref>/recall")
@requires(CLERKS)
@declare(
    "重新叫号", body=NO_BODY, responses={200: schemas.TicketOut}, errors=CALLED_TICKET_REFUSALS
)
async def recall_ticket(request: Request, ticket_id: str) -> schemas.TicketOut:
    return ticket_out(await queue_of(request).recall(ticket_id, hall_scope(request)))


@bp.post("/staff/tickets/<ticket_id:ref>/missed")
@requires(CLERKS)
@declare("过号", body=NO_BODY, responses={200: schemas.TicketOut}, errors=CALLED_TICKET_REFUSALS)
async def missed_ticket(request: Request, ticket_id: str) -> schemas.TicketOut:
    """过号: back into the queue once; the second time it is dropped."""
    return ticket_out(await queue_of(request).mark_missed(ticket_id, hall_scope(request)))


@bp.post("/staff/tickets/<ticket_id:ref>/transfer")
@requires(CLERKS)
@declare(
    "转到另一个队列",
    body=schemas.TransferRequest,
    responses={200: schemas.TicketOut},
    errors=[*CALLED_TICKET_REFUSALS, errors.CategoryNotFound, errors.OneTicket],
)
async def transfer_ticket(
    request: Request, ticket_id: str, body: schemas.TransferRequest
) -> schemas.TicketOut:
    """The ticket keeps its number and waits in the other queue of the same hall."""
    ticket = await queue_of(request).transfer(ticket_id, hall_scope(request), body.category)
    return ticket_out(ticket)


WINDOW_STATUS = {"open": "open", "pause": "paused", "close": "closed"}


@bp.post("/staff/windows/<window_id:ref>/<action:open|pause|close>")
@requires(CLERKS)
@declare(
    "开启、暂停或关闭窗口",
    body=NO_BODY,
    responses={200: schemas.WindowStateOut},
    errors=[errors.WindowNotFound],
)
async def window_status(request: Request, window_id: str, action: str) -> schemas.WindowStateOut:
    """A paused or closed window calls no ticket."""
    window = await queue_of(request).set_window_status(
        window_id, hall_scope(request), WINDOW_STATUS[action]
    )
    return window_state_out(window)


def window_state_out(window: Window) -> schemas.WindowStateOut:
    return schemas.WindowStateOut(
        window_id=window.public_id,
        number=window.number,
        status=window.status,  # type: ignore[arg-type]  # the column holds one of the three
    )


# -- check-in -------------------------------------------------------------------------------

CHECKIN_REFUSALS = [errors.CheckinRefused, errors.CheckinUsed, errors.CheckinClosed]


@bp.get("/appointments/<appointment_id:ref>/checkin-code")
@requires(citizen(1))
@declare(
    "签到码",
    responses={200: schemas.CheckinCodeOut},
    errors=[errors.AppointmentNotFound, errors.CheckinUsed],
)
async def checkin_code(request: Request, appointment_id: str) -> schemas.CheckinCodeOut:
    """The signed, single-use code the appointment's QR carries (no personal data in it)."""
    code = await checkin.code_for(tokens_of(request), await caller_person(request), appointment_id)
    return schemas.CheckinCodeOut(token=code.token, expires_at=code.expires_at)


@bp.get("/appointments/<appointment_id:ref>/qr")
@requires(citizen(1))
@declare(
    "签到二维码图片",
    query=schemas.QrQuery,
    responses={
        200: Media("image/png", "签到二维码 (format=svg 时为 SVG)。", also=("image/svg+xml",))
    },
    errors=[errors.AppointmentNotFound, errors.CheckinUsed],
)
async def checkin_qr(request: Request, appointment_id: str, query: schemas.QrQuery) -> HTTPResponse:
    """The QR code to show at the hall: ?format=png (default) or svg."""
    code = await checkin.code_for(tokens_of(request), await caller_person(request), appointment_id)
    image, content_type = qr_image(code.token, query.format)
    return raw(image, content_type=content_type)


@bp.post("/staff/checkin")
@requires(CLERKS)
@declare(
    "窗口扫码签到",
    body=schemas.CheckinRequest,
    responses={201: schemas.TicketOut},
    errors=[*CHECKIN_REFUSALS, errors.OneTicket],
)
async def staff_checkin(request: Request, body: schemas.CheckinRequest) -> schemas.TicketOut:
    """A clerk scans the citizen's QR code; the answer is the appointment's priority ticket."""
    appointment_id = tokens_of(request).appointment_of(body.token, clock.now())
    taken = await queue_of(request).check_in(appointment_id, hall_scope(request))
    return ticket_out(taken.ticket, taken.ahead)


@bp.post("/kiosk/checkin")
@requires(KIOSK)
@declare(
    "取号机扫码签到",
    body=schemas.CheckinRequest,
    responses={201: schemas.TicketOut},
    errors=[*CHECKIN_REFUSALS, errors.OneTicket],
)
async def kiosk_checkin(request: Request, body: schemas.CheckinRequest) -> schemas.TicketOut:
    """The kiosk scans the citizen's QR code; the answer is the appointment's priority ticket."""
    appointment_id = tokens_of(request).appointment_of(body.token, clock.now())
    taken = await queue_of(request).check_in(appointment_id, device_hall(request))
    return ticket_out(taken.ticket, taken.ahead)


@bp.post("/kiosk/checkin-by-id")
@requires(KIOSK)
@declare(
    "取号机刷身份证签到",
    body=schemas.CheckinById,
    responses={201: schemas.TicketOut},
    errors=[*CHECKIN_REFUSALS, errors.OneTicket, errors.AppointmentNotFound, IdNumberInvalid],
)
async def kiosk_checkin_by_id(request: Request, body: schemas.CheckinById) -> schemas.TicketOut:
    """The citizen's ID card at the kiosk: today's appointment here, found by blind index."""
    index = services_of(request).identity.persons.index(
        "id_number", valid_id_number(body.id_number)
    )
    taken = await queue_of(request).check_in_by_id_number(index, device_hall(request))
    return ticket_out(taken.ticket, taken.ahead)


def valid_id_number(text: str) -> str:
    number = idnumber.normalise(text)
    problem = idnumber.problem_with(number, clock.local(clock.now()).date())
    if problem:
        raise IdNumberInvalid(problem)
    return number


# -- suspensions ----------------------------------------------------------------------------


@bp.get("/me/suspensions")
@requires(citizen(1))
@declare("我的预约暂停", responses={200: schemas.SuspensionsOut})
async def my_suspensions(request: Request) -> schemas.SuspensionsOut:
    """Booking suspensions in force, and when each ends."""
    suspensions = await service.suspensions_in_force((await caller_person(request)).id)
    return schemas.SuspensionsOut(suspensions=suspensions)


@bp.post("/staff/suspensions/<suspension_id:ref>/lift")
@requires(staff("hall_admin"))
@declare(
    "解除预约暂停",
    body=NO_BODY,
    responses={200: schemas.SuspensionOut},
    errors=[errors.SuspensionNotFound],
)
async def lift_suspension(request: Request, suspension_id: str) -> schemas.SuspensionOut:
    """A hall admin bound to a hall lifts only that hall's suspensions."""
    return await jobs.lift(suspension_id, subject_of(request), hall_scope(request))


# -- the live queue status ------------------------------------------------------------------

RECONNECT_MILLISECONDS = 3000  # the `retry:` a browser's EventSource waits before reconnecting
HEARTBEAT = ": still here\n\n"


@bp.get("/halls/<hall_code:ref>/status")
@requires(PUBLIC)
@declare("大厅实时叫号状态", responses={200: schemas.HallStatus}, errors=[errors.HallNotFound])
async def hall_status(request: Request, hall_code: str) -> schemas.HallStatus:
    """Now serving per window and waiting per queue: numbers only, no names."""
    return await live.hall_status(hall_code)


@bp.get("/halls/<hall_code:ref>/status/stream")
@requires(PUBLIC)
@declare(
    "大厅实时叫号状态 (SSE)",
    responses={
        200: Media(
            "text/event-stream",
            "`event: status` events whose `data` is the status as GET .../status answers it "
            "(schema HallStatus): the current one first, then one after every change; a "
            "comment line when quiet.",
        )
    },
    errors=[errors.HallNotFound, errors.LiveStreamsPerAddress, errors.LiveStreamsBusy],
)
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
        await response.send(
            f"retry: {RECONNECT_MILLISECONDS}\n" + status_event(first.model_dump_json())
        )
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


# -- the hall's set-up (hall admins; one bound to a hall manages only that hall) -------------

HALL_ADMINS = staff("hall_admin")


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
        hall.Period(
            r.weekday, schemas.minute_of(r.starts_at), schemas.minute_of(r.ends_at), r.capacity
        )
        for r in rows
    ]


@bp.post("/staff/halls")
@requires(HALL_ADMINS)
@declare(
    "新建大厅",
    body=schemas.NewHall,
    responses={201: schemas.HallSetupOut},
    errors=[errors.HallExists, errors.HallNotFound],
)
async def create_hall(request: Request, body: schemas.NewHall) -> schemas.HallSetupOut:
    """Only an admin bound to no hall may create halls (for another, 404)."""
    if hall_scope(request) is not None:
        raise errors.HallNotFound()
    return await hall.create_hall(body.code, body.name, body.timezone, admin_of(request))


@bp.get("/staff/halls/<hall_code:ref>")
@requires(CLERKS)
@declare("大厅设置", responses={200: schemas.HallSetupOut}, errors=[errors.HallNotFound])
async def hall_setup(request: Request, hall_code: str) -> schemas.HallSetupOut:
    return await hall.describe_for_staff(await managed_hall(request, hall_code))


@bp.patch("/staff/halls/<hall_code:ref>")
@requires(HALL_ADMINS)
@declare(
    "修改大厅规则",
    body=schemas.HallRules,
    responses={200: schemas.HallSetupOut},
    errors=[errors.HallNotFound],
)
async def change_rules(
    request: Request, hall_code: str, body: schemas.HallRules
) -> schemas.HallSetupOut:
    """Booking rules, no-show rule and geofence; only the fields sent change."""
    return await hall.change_rules(
        await managed_hall(request, hall_code),
        body.model_dump(exclude_unset=True),
        admin_of(request),
    )


@bp.put("/staff/halls/<hall_code:ref>/opening-hours")
@requires(HALL_ADMINS)
@declare(
    "设置办公时间",
    body=schemas.WeekHours,
    responses={200: schemas.HallSetupOut},
    errors=[errors.HallNotFound],
)
async def set_opening_hours(
    request: Request, hall_code: str, body: schemas.WeekHours
) -> schemas.HallSetupOut:
    """The whole week; a weekday left out is closed."""
    target = await managed_hall(request, hall_code)
    periods = [
        hall.Period(d.weekday, schemas.minute_of(d.starts_at), schemas.minute_of(d.ends_at))
        for d in body.days
    ]
    return await hall.set_opening_hours(target, periods, admin_of(request))


@bp.put("/staff/halls/<hall_code:ref>/calendar/<day:ymd>")
@requires(HALL_ADMINS)
@declare(
    "设置闭厅日或调休上班日",
    body=schemas.CalendarEntry,
    responses={200: schemas.CalendarChanged},
    errors=[errors.HallNotFound],
)
async def set_calendar_day(
    request: Request, hall_code: str, day: date, body: schemas.CalendarEntry
) -> schemas.CalendarChanged:
    """Close a day (its appointments are cancelled and each citizen told the reason) or make
    it a make-up working day (调休) with a weekday's hours and slots."""
    target = await managed_hall(request, hall_code)
    cancelled = await setup_of(request).set_calendar_day(
        target, day, body.works_as_weekday, body.reason, admin_of(request)
    )
    return schemas.CalendarChanged(
        date=day, works_as_weekday=body.works_as_weekday, reason=body.reason, cancelled=cancelled
    )


@bp.delete("/staff/halls/<hall_code:ref>/calendar/<day:ymd>")
@requires(HALL_ADMINS)
@declare(
    "恢复按周办公",
    responses={204: NoContent("这一天回到每周的安排。")},
    errors=[errors.HallNotFound],
)
async def clear_calendar_day(request: Request, hall_code: str, day: date) -> HTTPResponse:
    """The day follows the weekly pattern again; appointments of a make-up working day that
    the pattern does not have are cancelled and the citizens told."""
    target = await managed_hall(request, hall_code)
    await setup_of(request).clear_calendar_day(target, day, admin_of(request))
    return HTTPResponse(status=204)


@bp.post("/staff/halls/<hall_code:ref>/categories")
@requires(HALL_ADMINS)
@declare(
    "新增业务类别",
    body=schemas.NewCategory,
    responses={201: schemas.CategoryOut},
    errors=[errors.HallNotFound, errors.CategoryExists],
)
async def add_category(
    request: Request, hall_code: str, body: schemas.NewCategory
) -> schemas.CategoryOut:
    category = await hall.add_category(
        await managed_hall(request, hall_code),
        body.code,
        body.name,
        body.prefix,
        body.default_service_minutes,
        admin_of(request),
    )
    return category_out(category)


def category_out(category: Category) -> schemas.CategoryOut:
    return schemas.CategoryOut(code=category.code, name=category.name, prefix=category.prefix)


@bp.put("/staff/halls/<hall_code:ref>/categories/<category_code:ref>/templates")
@requires(HALL_ADMINS)
@declare(
    "设置每周号源模板",
    body=schemas.Templates,
    responses={200: schemas.TemplatesChanged},
    errors=[errors.HallNotFound, errors.CategoryNotFound],
)
async def set_templates(
    request: Request, hall_code: str, category_code: str, body: schemas.Templates
) -> schemas.TemplatesChanged:
    """The queue's weekly slot pattern; unreleased, unbooked slots are redrawn at once."""
    category = await hall.category_by_code(await managed_hall(request, hall_code), category_code)
    created = await setup_of(request).set_templates(
        category, periods_of(body.periods), admin_of(request)
    )
    return schemas.TemplatesChanged(
        category=category.code, periods=len(body.periods), slots_created=created
    )


@bp.post("/staff/halls/<hall_code:ref>/windows")
@requires(HALL_ADMINS)
@declare(
    "新增窗口",
    body=schemas.NewWindow,
    responses={201: schemas.WindowOut},
    errors=[errors.HallNotFound, errors.CategoryNotFound, errors.WindowExists],
)
async def add_window(
    request: Request, hall_code: str, body: schemas.NewWindow
) -> schemas.WindowOut:
    window = await hall.add_window(
        await managed_hall(request, hall_code), body.number, body.categories, admin_of(request)
    )
    return window_out(window, body.categories)


@bp.put("/staff/halls/<hall_code:ref>/windows/<number:int>")
@requires(HALL_ADMINS)
@declare(
    "设置窗口办理的业务",
    body=schemas.WindowCategories,
    responses={200: schemas.WindowOut},
    errors=[errors.HallNotFound, errors.WindowNotFound, errors.CategoryNotFound],
)
async def set_window_categories(
    request: Request, hall_code: str, number: int, body: schemas.WindowCategories
) -> schemas.WindowOut:
    window = await hall.set_window_categories(
        await managed_hall(request, hall_code), number, body.categories, admin_of(request)
    )
    return window_out(window, body.categories)


def window_out(window: Window, categories: list[str]) -> schemas.WindowOut:
    """The window as written, with the queue codes it was given (each found in the hall)."""
    return schemas.WindowOut(
        **dict(window_state_out(window)), categories=list(dict.fromkeys(categories))
    )


@bp.put("/staff/halls/<hall_code:ref>/services/<service_code:code>")
@requires(HALL_ADMINS)
@declare(
    "设置事项由哪个业务类别办理",
    body=schemas.ServiceMapping,
    responses={200: schemas.ServiceMapped},
    errors=[errors.HallNotFound, errors.CategoryNotFound],
)
async def map_service(
    request: Request, hall_code: str, service_code: str, body: schemas.ServiceMapping
) -> schemas.ServiceMapped:
    """Which queue serves this service item (by its service code) here."""
    await hall.map_service(
        await managed_hall(request, hall_code), service_code[:64], body.category, admin_of(request)
    )
    return schemas.ServiceMapped(service=service_code, category=body.category)


@bp.delete("/staff/halls/<hall_code:ref>/services/<service_code:code>")
@requires(HALL_ADMINS)
@declare(
    "取消事项与业务类别的对应",
    responses={204: NoContent("该事项不再在本大厅办理。")},
    errors=[errors.HallNotFound, errors.ServiceNotMapped],
)
async def unmap_service(request: Request, hall_code: str, service_code: str) -> HTTPResponse:
    await hall.unmap_service(
        await managed_hall(request, hall_code), service_code[:64], admin_of(request)
    )
    return HTTPResponse(status=204)
