"""What the hall's screens read and send."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from api.approval.schemas import BAD_TAGS, GOOD_TAGS, MaterialOut, Tag
from booking.schemas import HallTime


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CallOut(BaseModel):
    """One call, as the display board shows and says it."""

    ticket_id: str = Field(examples=["tkt_8d2k4m6n1q3r"])
    number: str = Field(examples=["A012"])
    window: int = Field(examples=[3])
    called_at: HallTime = Field(description="The latest call (a recall calls it again)")
    calls: int = Field(description="How often it has been called: each call is said once")
    name: str | None = Field(
        description="The holder's name, masked (张*三), when the ticket is a known person's",
        examples=["张*三"],
    )


class BoardOut(BaseModel):
    """What a display board shows beside the live status: the latest calls and the hall's
    announcement line."""

    hall: str = Field(examples=["CIVIC"])
    name: str = Field(examples=["市民服务中心"])
    announcement: str = Field(examples=["请携带身份证原件，按叫号顺序到窗口办理"])
    calls: list[CallOut] = Field(description="The latest calls today, the latest first")


class WindowOut(BaseModel):
    window_id: str = Field(examples=["win_3kq8x2m4n7p1"])
    number: int = Field(examples=[3])
    status: str = Field(examples=["open"], description="open | paused | closed")
    hall: str = Field(examples=["CIVIC"])
    hall_name: str = Field(examples=["市民服务中心"])


class QueueOut(BaseModel):
    code: str = Field(examples=["business"])
    name: str = Field(examples=["商事登记"])
    prefix: str = Field(examples=["A"])


class ChecklistOut(BaseModel):
    """A service item and the materials to check for it (from the catalogue)."""

    code: str = Field(examples=["11440100007501-002"])
    name: str = Field(examples=["居民身份证换领"])
    materials: list[MaterialOut]


class DeskTicketOut(BaseModel):
    ticket_id: str = Field(examples=["tkt_8d2k4m6n1q3r"])
    number: str = Field(examples=["A012"])
    queue: str = Field(examples=["business"])
    priority: bool = Field(description="From an appointment's check-in")
    called_at: HallTime | None
    appointment_id: str | None = Field(description="The appointment it was checked in for")
    services: list[ChecklistOut] = Field(
        description="The appointment's service item, or else every item its queue serves here"
    )


class DeskOut(BaseModel):
    """A window as its clerk's console shows it."""

    window: WindowOut
    ticket: DeskTicketOut | None = Field(description="The ticket called to the window now")
    queues: list[QueueOut] = Field(description="The hall's queues (to transfer a ticket to)")


class PadOut(BaseModel):
    """What a window's evaluation pad asks the citizen to rate, if anything."""

    window: int = Field(examples=[3])
    hall_name: str = Field(examples=["市民服务中心"])
    ticket_id: str | None = Field(description="The ticket to rate; null: nothing to rate now")
    number: str | None = Field(examples=["A012"])
    evaluated: bool = Field(description="The ticket has been rated already")
    good_tags: list[str] = Field(default=list(GOOD_TAGS))
    bad_tags: list[str] = Field(default=list(BAD_TAGS))


class PadEvaluationIn(Strict):
    ticket_id: str = Field(min_length=4, max_length=32, examples=["tkt_8d2k4m6n1q3r"])
    stars: int = Field(ge=1, le=5)
    tags: list[Tag] = Field(default_factory=list, max_length=10)


class PadEvaluationOut(BaseModel):
    ticket_id: str
    stars: int
    tags: list[str]
    created_at: HallTime
