"""好差评: one evaluation per decided application (online) or per completed same-day ticket (the
window's evaluation pad); two stars or fewer is followed up by the hall
within a set time, and the follow-up is audited; satisfaction adds up by item and department."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet

from api.approval import errors, schemas
from api.approval.applications import own_application
from api.approval.models import Evaluation
from api.approval.progress import DECIDED, working_days_after
from api.kit import clock
from api.kit.db import transaction
from auth.audit import audit
from auth.models import Person
from booking.models import Ticket

FLAGGED_AT_MOST = 2  # stars: this many or fewer is a bad review (差评) the hall follows up


@dataclass(frozen=True)
class EvaluationRules:
    follow_up_working_days: int = 5


def cleaned_comment(text: str) -> str:
    """The comment without control characters (line breaks kept as spaces), trimmed."""
    kept = (
        " " if char in "\r\n\t" else char
        for char in text
        if char in "\r\n\t" or unicodedata.category(char)[0] != "C"
    )
    return "".join(kept).strip()[:500]


class Evaluations:
    def __init__(self, rules: EvaluationRules | None = None) -> None:
        self._rules = rules or EvaluationRules()

    async def evaluate(
        self, person: Person, application_id: str, given: schemas.EvaluationIn
    ) -> Evaluation:
        now = clock.now()
        async with transaction():
            application = await own_application(person, application_id, lock=True)
            if application.status not in DECIDED:
                raise errors.NotEvaluable()
            flagged = given.stars <= FLAGGED_AT_MOST
            try:
                async with transaction():
                    return await Evaluation.create(
                        application_id=application.id,
                        stars=given.stars,
                        tags=list(dict.fromkeys(given.tags)),
                        comment=cleaned_comment(given.comment),
                        follow_up_due_at=(
                            working_days_after(now, self._rules.follow_up_working_days)
                            if flagged
                            else None
                        ),
                    )
            except IntegrityError:
                raise errors.AlreadyEvaluated() from None

    async def evaluate_ticket(
        self, ticket: Ticket, window: str, stars: int, tags: Sequence[str]
    ) -> Evaluation:
        """The rating given on a window's evaluation pad for a ticket it completed: the same
        store, stars and follow-up rule as an online evaluation, once per ticket (the
        database's unique index decides between two given at once)."""
        flagged = stars <= FLAGGED_AT_MOST
        try:
            async with transaction():
                return await Evaluation.create(
                    ticket_id=ticket.id,
                    window=window,
                    stars=stars,
                    tags=list(dict.fromkeys(tags)),
                    follow_up_due_at=(
                        working_days_after(clock.now(), self._rules.follow_up_working_days)
                        if flagged
                        else None
                    ),
                )
        except IntegrityError:
            raise errors.TicketAlreadyEvaluated() from None

    async def ticket_rated(self, ticket: Ticket) -> bool:
        return await Evaluation.exists(ticket_id=ticket.id)

    async def follow_up(self, staff_public_id: str, application_id: str, note: str) -> Evaluation:
        return await self._follow_up(
            Evaluation.filter(application__public_id=application_id),
            staff_public_id,
            note,
            {"application": application_id},
        )

    async def follow_up_window_rating(
        self, staff_public_id: str, ticket_id: str, note: str
    ) -> Evaluation:
        """A pad's poor rating followed up (整改), as an application's is."""
        return await self._follow_up(
            Evaluation.filter(ticket__public_id=ticket_id),
            staff_public_id,
            note,
            {"ticket": ticket_id},
        )

    async def _follow_up(
        self,
        rated: QuerySet[Evaluation],
        staff_public_id: str,
        note: str,
        what: dict[str, str],
    ) -> Evaluation:
        async with transaction():
            evaluation = await rated.select_for_update().first()
            if (
                evaluation is None
                or evaluation.stars > FLAGGED_AT_MOST
                or evaluation.followed_up_at is not None
            ):
                raise errors.FollowUpNotNeeded()
            evaluation.followed_up_at = clock.now()
            evaluation.follow_up_note = cleaned_comment(note)
            evaluation.followed_up_by = staff_public_id
            await evaluation.save(
                update_fields=["followed_up_at", "follow_up_note", "followed_up_by"]
            )
            await audit(
                "approval.evaluation_followed_up",
                actor=staff_public_id,
                detail={**what, "stars": evaluation.stars},
            )
        return evaluation

    async def listed(self, query: schemas.EvaluationsQuery) -> schemas.EvaluationsPage:
        """Evaluations of applications (a pad's ratings of tickets: `window_ratings`)."""
        rows = _filtered(Evaluation.filter(application_id__isnull=False), query)
        total = await rows.count()
        page = await _page(rows.select_related("application__item"), query)
        return schemas.EvaluationsPage(evaluations=[staff_view(e) for e in page], total=total)

    async def window_ratings(
        self, query: schemas.EvaluationsQuery
    ) -> schemas.WindowEvaluationsPage:
        """Ratings given on the windows' evaluation pads, newest first, for their follow-up."""
        rows = _filtered(Evaluation.filter(ticket_id__isnull=False), query)
        total = await rows.count()
        page = await _page(rows.select_related("ticket"), query)
        return schemas.WindowEvaluationsPage(
            evaluations=[window_rating_view(e) for e in page], total=total
        )

    async def satisfaction(self, by: str) -> schemas.SatisfactionOut:
        """Stars added up by service item, department, or the hall window that took the
        application's last step (全程网办, online only, where no window did)."""
        group, name = _GROUPINGS[by]
        # A pad's rating is of a window's service, not of an application: it counts by window.
        rated = Evaluation.all() if by == "window" else Evaluation.filter(ticket_id__isnull=True)
        rows = await rated.values(*dict.fromkeys(("stars", "window", group, name)))
        tallies: dict[str, list[int]] = {}
        names: dict[str, str] = {}
        for row in rows:
            key = (row["window"] if by == "window" else None) or row[group] or ONLINE_ONLY
            tallies.setdefault(key, []).append(row["stars"])
            names[key] = (row["window"] if by == "window" else None) or row[name] or "全程网办"
        return schemas.SatisfactionOut(
            by=by,  # type: ignore[arg-type]  # the query's Literal
            rows=[_row(key, names[key], stars) for key, stars in sorted(tallies.items())],
        )


def _filtered(rows: QuerySet[Evaluation], query: schemas.EvaluationsQuery) -> QuerySet[Evaluation]:
    if query.flagged:
        rows = rows.filter(stars__lte=FLAGGED_AT_MOST)
    if query.open_only:
        rows = rows.filter(stars__lte=FLAGGED_AT_MOST, followed_up_at=None)
    return rows


async def _page(rows: QuerySet[Evaluation], query: schemas.EvaluationsQuery) -> list[Evaluation]:
    return await (
        rows.order_by("-created_at")
        .offset((query.page - 1) * query.page_size)
        .limit(query.page_size)
    )


ONLINE_ONLY = "online"
_GROUPINGS = {
    "item": ("application__item__code", "application__item__name"),
    "department": ("application__item__department__code", "application__item__department__name"),
    "window": ("application__window", "application__window"),
}


def _row(key: str, name: str, stars: list[int]) -> schemas.SatisfactionRow:
    return schemas.SatisfactionRow(
        key=key,
        name=name,
        evaluations=len(stars),
        average_stars=round(sum(stars) / len(stars), 2),
        satisfied_share=round(sum(1 for s in stars if s >= 4) / len(stars), 3),
        flagged=sum(1 for s in stars if s <= FLAGGED_AT_MOST),
    )


def evaluation_out(evaluation: Evaluation) -> schemas.EvaluationOut:
    return schemas.EvaluationOut(
        stars=evaluation.stars,
        tags=list(evaluation.tags),
        comment=evaluation.comment,
        created_at=clock.shown(evaluation.created_at),
        follow_up_due_at=(
            clock.shown(evaluation.follow_up_due_at) if evaluation.follow_up_due_at else None
        ),
    )


def staff_view(evaluation: Evaluation) -> schemas.StaffEvaluationOut:
    """An application's evaluation (the listing holds no pad ratings)."""
    application = evaluation.application
    if application is None:
        raise ValueError("a pad's rating of a ticket has no application to show")
    return schemas.StaffEvaluationOut(
        **dict(evaluation_out(evaluation)),
        application_id=application.public_id,
        item_code=application.item.code,
        followed_up_at=(
            clock.shown(evaluation.followed_up_at) if evaluation.followed_up_at else None
        ),
        follow_up_note=evaluation.follow_up_note,
    )


def window_rating_view(evaluation: Evaluation) -> schemas.StaffWindowEvaluationOut:
    """A pad's rating of a ticket, for staff (the ticket's label and day, not the person)."""
    ticket = evaluation.ticket
    if ticket is None:
        raise ValueError("an application's evaluation has no ticket to show")
    return schemas.StaffWindowEvaluationOut(
        **dict(evaluation_out(evaluation)),
        ticket_id=ticket.public_id,
        ticket=ticket.label,
        day=ticket.local_date,
        window=evaluation.window or "",
        followed_up_at=(
            clock.shown(evaluation.followed_up_at) if evaluation.followed_up_at else None
        ),
        follow_up_note=evaluation.follow_up_note,
    )
