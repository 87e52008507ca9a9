"""Who is calling a route, for every package's routes: the signed-in citizen and the origin.

The citizen authenticator (auth.authenticators) has loaded the person with their session;
routes take them from here and never query a model themselves.
"""

from __future__ import annotations

from sanic import Request

from api.kit.policy import caller_of, subject_of
from auth.audit import Origin
from auth.models import Person
from auth.persons import person_by_public_id


def origin_of(request: Request, channel: str | None = None) -> Origin:
    """The channel is the sign-in route's own (the phone's is the app), or the one the
    caller's session began on; never what a header claims (a citizen's session said it was
    a hall kiosk's with `X-Client-Channel: kiosk`)."""
    return Origin(
        request_id=getattr(request.ctx, "request_id", None),
        ip=request.remote_addr or request.ip or None,
        channel=channel or caller_of(request).channel or "app",
    )


async def caller_person(request: Request) -> Person:
    """The signed-in citizen, as the authenticator loaded them with their session."""
    person = caller_of(request).extra.get("person")
    if isinstance(person, Person):
        return person
    return await person_by_public_id(subject_of(request))
