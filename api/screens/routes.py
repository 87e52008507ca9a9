"""The hall's screens: their pages and files (at `/screens`, outside the published contract)
and the JSON they read (under `/api/v1/screens`, declared like every API route).

The pages are the same bytes for everyone and carry no data: what a board or pad shows comes
with its device key, what a console shows with the clerk's token, both sent in headers by the
page's script. Each page forbids inline script and framing (Content-Security-Policy,
X-Frame-Options), so injected text cannot run and the console cannot be clickjacked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, html, raw

from api.approval import errors as approval_errors
from api.approval.service import Approval
from api.kit.context import HasContext, app_context
from api.kit.declare import declare
from api.kit.errors import NotFound
from api.kit.policy import DISPLAY, PAD, PUBLIC, requires
from api.screens import schemas, service
from auth.service import Identity
from booking import errors as booking_errors
from booking.routes import CLERKS, device_hall, hall_scope

STATIC = Path(__file__).parent / "static"

pages_bp = Blueprint("screens_pages", url_prefix="/screens")
bp = Blueprint("screens", url_prefix="/screens")


class ScreensServices(Protocol):
    @property
    def approval(self) -> Approval: ...
    @property
    def identity(self) -> Identity: ...


class ScreensApp(Protocol):
    @property
    def services(self) -> ScreensServices: ...


def services_of(source: Request | HasContext) -> ScreensServices:
    return app_context(source, ScreensApp).services


# -- the pages and their files ----------------------------------------------------------------

# Scripts and styles from this origin only, no inline script or style, no framing, no form
# posted anywhere (the scripts send JSON), no plug-ins, no base to hijack relative URLs.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": PAGE_CSP,
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-cache",
}
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
ASSETS = {
    path.name: (path.read_bytes(), _TYPES[path.suffix])
    for path in sorted(STATIC.iterdir())
    if path.suffix in _TYPES
}
PAGES = {
    name: (STATIC / f"{name}.html").read_text(encoding="utf-8")
    for name in ("board", "console", "pad")
}


def page(name: str) -> HTTPResponse:
    return html(PAGES[name], headers=PAGE_HEADERS)


@pages_bp.get("/halls/<hall_code:ref>/board")
@requires(PUBLIC)
async def board_page(request: Request, hall_code: str) -> HTTPResponse:
    """叫号屏: the display asks for its device key once, then shows the hall's calls."""
    return page("board")


@pages_bp.get("/windows/<window_id:ref>")
@requires(PUBLIC)
async def console_page(request: Request, window_id: str) -> HTTPResponse:
    """The window clerk's console: sign in, then call, recall, complete ... with a key."""
    return page("console")


@pages_bp.get("/windows/<window_id:ref>/pad")
@requires(PUBLIC)
async def pad_page(request: Request, window_id: str) -> HTTPResponse:
    """评价器: the citizen rates the service just completed at this window."""
    return page("pad")


@pages_bp.get("/assets/<name:str>")
@requires(PUBLIC)
async def asset(request: Request, name: str) -> HTTPResponse:
    found = ASSETS.get(name)
    if found is None:
        raise NotFound()
    body, content_type = found
    return raw(body, content_type=content_type, headers={"Cache-Control": "no-cache"})


# -- what they read ---------------------------------------------------------------------------


@bp.get("/halls/<hall_code:ref>/board")
@requires(DISPLAY)
@declare(
    "叫号屏: 最近叫号与公告",
    responses={200: schemas.BoardOut},
    errors=[booking_errors.HallNotFound],
)
async def board(request: Request, hall_code: str) -> schemas.BoardOut:
    """The latest calls (masked names) and the announcement line, for the display's own hall;
    the windows and the waiting come from the live status stream."""
    persons = services_of(request).identity.persons
    return await service.board(hall_code, device_hall(request), persons)


@bp.get("/windows/<window_id:ref>/desk")
@requires(CLERKS)
@declare("窗口工作台", responses={200: schemas.DeskOut}, errors=[booking_errors.WindowNotFound])
async def desk(request: Request, window_id: str) -> schemas.DeskOut:
    """The window, the ticket called to it with the service items and materials to check,
    and the hall's queues to transfer to."""
    return await service.desk(window_id, hall_scope(request), services_of(request).approval)


@bp.get("/windows/<window_id:ref>/pad")
@requires(PAD)
@declare(
    "评价器: 待评价的号", responses={200: schemas.PadOut}, errors=[booking_errors.WindowNotFound]
)
async def pad(request: Request, window_id: str) -> schemas.PadOut:
    """The ticket this window completed last, while it may still be rated."""
    return await service.pad(window_id, device_hall(request), services_of(request).approval)


@bp.post("/windows/<window_id:ref>/evaluations")
@requires(PAD)
@declare(
    "评价器: 提交评价",
    body=schemas.PadEvaluationIn,
    responses={201: schemas.PadEvaluationOut},
    errors=[
        booking_errors.WindowNotFound,
        booking_errors.TicketNotEvaluable,
        approval_errors.TicketAlreadyEvaluated,
    ],
)
async def evaluate(
    request: Request, window_id: str, body: schemas.PadEvaluationIn
) -> schemas.PadEvaluationOut:
    """1-5 stars and tags for the ticket the window completed last, into the same 好差评
    store as online evaluations: once per ticket."""
    return await service.evaluate(
        window_id, device_hall(request), body, services_of(request).approval
    )
