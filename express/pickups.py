"""Material pickup (上门揽收): EMS comes for an application's originals and carries them to the
hall.

The rule for a window: EMS comes in a two-hour window of the hall's opening hours (booking's
hours and calendar: a closed day has none, a make-up working day has its weekday's), counted
from the opening (09:00-11:00, 11:00-13:00, ...; a last stretch shorter than two hours is no
window), starting at least `LEAD` from now (the courier's round is planned) and on a day at
most `DAYS_AHEAD` ahead. `windows()` lists them; a booking must name one of them.

Which application may have a pickup (its owner's, still under examination, its item asking for
originals) is approval's to say: `api.approval.delivery` checks it and calls `book`.

A booking is recorded first (pending), then handed to EMS keyed by its id (our logistics
order number), so a retry after a lost answer is the same pickup order and mail number; EMS
unreachable leaves it pending for `hand_over_pending` (a job) to hand over later. The database
holds one live pickup per application (a partial unique index): two bookings at once make one
pickup, and the same booking sent twice answers that one. Cancelling asks EMS first (which
refuses once it has picked the parcel up: its 收寄 event, which also moves our status on) and
then moves the shipment only if EMS has not taken it meanwhile; the transitions are the
database's too (a trigger: cancelled only before the courier has it, and then for good).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tortoise.exceptions import IntegrityError

from api.kit import clock
from api.kit.ids import is_public_id, new_public_id
from auth.models import Person
from booking.hall import weeks_of
from booking.models import Hall
from booking.service import hall_zone
from express import errors
from express.addresses import Addresses, masked_label
from express.gateways.courier import (
    ALREADY_PICKED_UP,
    ORDER_NOT_FOUND,
    Courier,
    CourierRefused,
    CourierUnavailable,
    Party,
    PickupRequest,
)
from express.models import Shipment, ShipmentKind, ShipmentStatus

WINDOW = timedelta(hours=2)
LEAD = timedelta(hours=2)
DAYS_AHEAD = 7
CANCELLABLE = (ShipmentStatus.PENDING, ShipmentStatus.CREATED)
CONTENTS = "政务服务申请材料原件"
ONE_LIVE_PICKUP = "shipment_one_live_pickup_per_application"  # the migration's unique index
log = logging.getLogger("yiwang.express.pickups")


@dataclass(frozen=True)
class Window:
    starts_at: datetime  # aware, the hall's time
    ends_at: datetime


@dataclass(frozen=True)
class Booked:
    """A pickup, and whether this request made it (False: the same booking again)."""

    pickup: Shipment
    made: bool


class Pickups:
    def __init__(
        self, courier: Courier, addresses: Addresses, *, hall: Party, hall_code: str
    ) -> None:
        self._courier = courier
        self._addresses = addresses
        self._hall = hall  # where the originals go: the receiver of every pickup
        self._hall_code = hall_code

    @property
    def hall_code(self) -> str:
        return self._hall_code

    # ------------------------------------------------------------------ windows

    async def windows(self) -> list[Window]:
        """The windows EMS can be booked for now, earliest first (none when the hall is not
        set up: booking has no such hall)."""
        hall = await Hall.get_or_none(code=self._hall_code)
        if hall is None:
            log.warning("the pickup hall is not set up", extra={"hall": self._hall_code})
            return []
        now = clock.now()
        today = now.astimezone(hall_zone(hall)).date()
        week = (await weeks_of([hall], today))[hall.id]
        found = []
        for offset in range(DAYS_AHEAD + 1):
            hours = week.hours_on(today + timedelta(days=offset))
            if hours is None:
                continue
            start, closes = hours
            while start + WINDOW <= closes:
                if start >= now + LEAD:
                    found.append(Window(start, start + WINDOW))
                start += WINDOW
        return found

    # ------------------------------------------------------------------ the citizen's

    async def book(
        self, person: Person, application_ref: str, address_id: str, starts_at: datetime
    ) -> Booked:
        """A pickup of the application's originals from one of the person's addresses in
        the window starting at `starts_at`. The same booking again (or at once) answers the
        first; another while one is live is refused (`express.pickup_already_booked`)."""
        window = next((w for w in await self.windows() if w.starts_at == starts_at), None)
        if window is None:
            raise errors.PickupWindowInvalid("请选择可预约的揽收时段（GET /api/v1/pickup-windows）")
        shown = await self._addresses.get(person, address_id)
        try:
            pickup = await Shipment.create(
                public_id=new_public_id("shp"),
                kind=ShipmentKind.PICKUP,
                person_id=person.id,
                application_ref=application_ref,
                address_ref=shown.address_id,
                address_masked=masked_label(shown),
                hall_code=self._hall_code,
                window_starts_at=window.starts_at,
                window_ends_at=window.ends_at,
                created_at=clock.now(),  # business time, as every instant a citizen reads
            )
        except IntegrityError as exc:
            if ONE_LIVE_PICKUP not in str(exc):
                raise
            # The application's live pickup was there first, or was being made at once and
            # committed before this insert could.
            same = await self._the_same_booking(application_ref, shown.address_id, window)
            return Booked(same, made=False)
        return Booked(await self._hand_over(pickup, refusal_raises=True), made=True)

    async def mine(self, person: Person) -> list[Shipment]:
        """The person's pickups, newest first."""
        return await Shipment.filter(person_id=person.id, kind=ShipmentKind.PICKUP).order_by(
            "-created_at", "-id"
        )

    async def one_of_mine(self, person: Person, pickup_id: str) -> Shipment:
        """Another person's pickup, or a result's shipment, is not found."""
        if not is_public_id(pickup_id, "shp"):
            raise errors.PickupNotFound()
        pickup = await Shipment.get_or_none(
            public_id=pickup_id, person_id=person.id, kind=ShipmentKind.PICKUP
        )
        if pickup is None:
            raise errors.PickupNotFound()
        return pickup

    async def cancel(self, person: Person, pickup_id: str) -> Shipment:
        """Cancelled at EMS, then here: only before the courier has the parcel. Cancelling a
        cancelled pickup answers it as it is."""
        pickup = await self.one_of_mine(person, pickup_id)
        if pickup.status is ShipmentStatus.CANCELLED:
            return pickup
        if pickup.status not in CANCELLABLE:
            raise errors.PickupCollected()
        try:
            await self._courier.cancel(pickup.public_id)
        except CourierUnavailable as outage:
            raise errors.CourierUnavailable() from outage
        except CourierRefused as refused:
            if refused.code == ALREADY_PICKED_UP:
                raise errors.PickupCollected() from refused
            if refused.code != ORDER_NOT_FOUND:  # never reached EMS: nothing there to cancel
                raise errors.CourierRefusal(f"邮政答复 {refused.code}") from refused
        await _cancelled(pickup)
        pickup = await Shipment.get(id=pickup.id)
        if pickup.status is not ShipmentStatus.CANCELLED:
            raise errors.PickupCollected()  # EMS's 收寄 arrived between its answer and ours
        return pickup

    # ------------------------------------------------------------------ the hall's

    async def for_hall(self, hall: Hall, day: date) -> list[Shipment]:
        """The pickups whose window falls on `day` (the hall's calendar), by window, cancelled
        ones included (the hall sees a change of plan)."""
        zone = hall_zone(hall)
        start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
        return await Shipment.filter(
            kind=ShipmentKind.PICKUP,
            hall_code=hall.code,
            window_starts_at__gte=start,
            window_starts_at__lt=start + timedelta(days=1),
        ).order_by("window_starts_at", "created_at", "id")

    # ------------------------------------------------------------------ handing over

    async def hand_over_pending(self, limit: int = 20) -> int:
        """The job: pickups EMS has not acknowledged yet (it was down) are handed over again,
        keyed by their id, so one EMS made meanwhile is the same pickup. How many it took."""
        waiting = (
            await Shipment.filter(kind=ShipmentKind.PICKUP, status=ShipmentStatus.PENDING)
            .order_by("created_at")
            .limit(limit)
        )
        taken = 0
        for pickup in waiting:
            try:
                handed = await self._hand_over(pickup, refusal_raises=False, outage_raises=True)
            except CourierUnavailable:
                return taken  # the next tick tries again
            taken += handed.status is not ShipmentStatus.PENDING
        return taken

    async def _hand_over(
        self, pickup: Shipment, *, refusal_raises: bool, outage_raises: bool = False
    ) -> Shipment:
        """The pickup as it stands after asking EMS for its order: created with the mail
        number; pending when EMS did not answer; cancelled when it refused (the citizen books
        another). A pickup cancelled while EMS was being asked is cancelled there too."""
        try:
            request = await self._request_for(pickup)
        except errors.AddressNotFound:
            # Deleted from the book before EMS had it: there is nowhere to come to.
            log.warning("a pickup's address is gone; cancelled", extra={"pickup": pickup.public_id})
            await _cancelled(pickup)
            return await Shipment.get(id=pickup.id)
        try:
            order = await self._courier.book_pickup(request)
        except CourierUnavailable:
            if outage_raises:
                raise
            return pickup
        except CourierRefused as refused:
            log.warning("EMS refused a pickup", extra={"code": refused.code[:32]})
            await _cancelled(pickup)
            if refusal_raises:
                raise errors.CourierRefusal(f"邮政答复 {refused.code}") from refused
            return await Shipment.get(id=pickup.id)
        moved = await Shipment.filter(id=pickup.id, status=ShipmentStatus.PENDING).update(
            status=ShipmentStatus.CREATED, mail_no=order.mail_no
        )
        current = await Shipment.get(id=pickup.id)
        if not moved and current.status is ShipmentStatus.CANCELLED:
            await self._undo(current)
        return current

    async def _undo(self, pickup: Shipment) -> None:
        try:
            await self._courier.cancel(pickup.public_id)
        except (CourierUnavailable, CourierRefused) as failure:
            log.warning(
                "a pickup cancelled here could not be cancelled at EMS",
                extra={"pickup": pickup.public_id, "failure": type(failure).__name__},
            )

    async def _request_for(self, pickup: Shipment) -> PickupRequest:
        assert pickup.address_ref and pickup.window_starts_at and pickup.window_ends_at
        person = await Person.get(id=pickup.person_id)
        at = await self._addresses.open_for_courier(person, pickup.address_ref)
        sender = Party(
            name=at.recipient_name,
            phone=at.phone,
            province_code=at.province_code,
            city_code=at.city_code,
            district_code=at.district_code,
            address=at.full_address,
            postcode=at.postcode,
        )
        return PickupRequest(
            pickup.public_id,
            sender,
            self._hall,
            pickup.window_starts_at,
            pickup.window_ends_at,
            CONTENTS,
        )

    async def _the_same_booking(
        self, application_ref: str, address_ref: str, window: Window
    ) -> Shipment:
        live = await Shipment.filter(
            kind=ShipmentKind.PICKUP,
            application_ref=application_ref,
            status__not_in=[ShipmentStatus.CANCELLED, ShipmentStatus.DELIVERED],
        ).first()
        if live is None:  # it went meanwhile (cancelled): the index no longer holds this one
            raise errors.PickupAlreadyBooked("请刷新后重试")
        same = live.address_ref == address_ref and live.window_starts_at == window.starts_at
        if not same:
            raise errors.PickupAlreadyBooked(pickup_id=live.public_id)
        return live


async def _cancelled(pickup: Shipment) -> None:
    """Moved to cancelled unless the courier has it by now (one UPDATE: of two cancels at
    once, one moves it and the other finds it cancelled)."""
    await Shipment.filter(id=pickup.id, status__in=list(CANCELLABLE)).update(
        status=ShipmentStatus.CANCELLED, cancelled_at=clock.now()
    )
