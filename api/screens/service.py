"""The hall's screens composed from booking (the queue, the windows), identity (the masked
names a board shows) and approval (the catalogue's materials, the 好差评 store)."""

from __future__ import annotations

from api.approval import errors as approval_errors
from api.approval.service import Approval
from api.kit import clock
from api.kit.masking import mask_name
from api.screens import schemas
from auth.models import Person
from auth.persons import Persons
from booking import errors, queue
from booking.models import Ticket

RECENT_CALLS = 8  # the calls a board lists


async def board(hall_code: str, device_hall_code: str, persons: Persons) -> schemas.BoardOut:
    """A display shows its own hall only: another hall is not found."""
    if hall_code != device_hall_code:
        raise errors.HallNotFound()
    hall, calls = await queue.recent_calls(hall_code, RECENT_CALLS)
    names = await masked_names(calls, persons)
    return schemas.BoardOut(
        hall=hall.code,
        name=hall.name,
        announcement=hall.announcement,
        calls=[
            schemas.CallOut(
                ticket_id=t.public_id,
                number=t.label,
                window=t.window_number or 0,  # listed calls are at a window (recent_calls)
                called_at=clock.shown(t.last_called_at or t.created_at),
                calls=t.calls,
                name=names.get(t.id),
            )
            for t in calls
        ],
    )


async def masked_names(tickets: list[Ticket], persons: Persons) -> dict[int, str]:
    """Each known holder's name, masked (张*三): the clear name never leaves this function."""
    person_ids = {t.person_id for t in tickets if t.person_id is not None}
    if not person_ids:
        return {}
    named = {
        p.id: mask_name(persons.open_person(p, "name"))
        for p in await Person.filter(id__in=person_ids, name_sealed__isnull=False)
    }
    return {t.id: named[t.person_id] for t in tickets if t.person_id in named}


async def desk(
    window_public_id: str, hall_scope: str | None, approval: Approval
) -> schemas.DeskOut:
    found = await queue.desk(window_public_id, hall_scope)
    window, hall, ticket = found.window, found.hall, found.ticket
    queues = {c.id: c for c in found.categories}
    return schemas.DeskOut(
        window=schemas.WindowOut(
            window_id=window.public_id,
            number=window.number,
            status=window.status,
            hall=hall.code,
            hall_name=hall.name,
        ),
        ticket=None
        if ticket is None
        else schemas.DeskTicketOut(
            ticket_id=ticket.public_id,
            number=ticket.label,
            queue=queues[ticket.category_id].code,
            priority=ticket.priority,
            called_at=clock.shown(ticket.called_at) if ticket.called_at else None,
            appointment_id=found.appointment.public_id if found.appointment else None,
            services=await checklists(found.service_codes, approval),
        ),
        queues=[
            schemas.QueueOut(code=c.code, name=c.name, prefix=c.prefix) for c in found.categories
        ],
    )


async def checklists(service_codes: list[str], approval: Approval) -> list[schemas.ChecklistOut]:
    """Each item's materials as the catalogue publishes them; an item it does not (or no
    longer) publishes is left out."""
    found = []
    for code in service_codes:
        try:
            item, _ = await approval.catalogue.item(code)
        except approval_errors.ItemNotFound:
            continue
        found.append(schemas.ChecklistOut(code=item.code, name=item.name, materials=item.materials))
    return found


async def pad(window_public_id: str, device_hall_code: str, approval: Approval) -> schemas.PadOut:
    found = await queue.ticket_to_rate(window_public_id, device_hall_code)
    ticket = found.ticket
    return schemas.PadOut(
        window=found.window.number,
        hall_name=found.hall.name,
        ticket_id=ticket.public_id if ticket else None,
        number=ticket.label if ticket else None,
        evaluated=ticket is not None and await approval.evaluations.ticket_rated(ticket),
    )


async def evaluate(
    window_public_id: str,
    device_hall_code: str,
    given: schemas.PadEvaluationIn,
    approval: Approval,
) -> schemas.PadEvaluationOut:
    """The rating of the ticket the window completed last, into the same 好差评 store as
    online evaluations; once per ticket."""
    found = await queue.rateable_ticket(window_public_id, device_hall_code, given.ticket_id)
    assert found.ticket is not None
    evaluation = await approval.evaluations.evaluate_ticket(
        found.ticket, window_label(found), given.stars, given.tags
    )
    return schemas.PadEvaluationOut(
        ticket_id=given.ticket_id,
        stars=evaluation.stars,
        tags=list(evaluation.tags),
        created_at=clock.shown(evaluation.created_at),
    )


def window_label(found: queue.PadTicket) -> str:
    """The window as the satisfaction by window names it: `CIVIC-3`."""
    return f"{found.hall.code}-{found.window.number}"
