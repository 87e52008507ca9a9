"""Request and answer shapes of the approval routes (the contract names them).

Times are ISO 8601 with the hall's offset, to the second, as in booking. Personal data is
never answered in full: addresses and licence numbers come masked.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from booking.schemas import HallTime

ItemCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
PublicRef = Annotated[str, StringConstraints(min_length=4, max_length=32)]
ItemKind = Literal[
    "administrative_licence",
    "administrative_confirmation",
    "administrative_payment",
    "public_service",
    "other_power",
]
Status = Literal[
    "submitted",
    "accepted",
    "correction_requested",
    "supplemented",
    "approved",
    "refused",
    "withdrawn",
    "result_ready",
    "completed",
]
GOOD_TAGS = ("办事效率高", "服务态度好", "一次办成", "材料精简", "网上办便捷")
BAD_TAGS = ("等待时间长", "材料要求多", "多次跑腿", "服务态度差", "流程不清楚")
Tag = (
    Literal["办事效率高", "服务态度好", "一次办成", "材料精简", "网上办便捷"]
    | Literal["等待时间长", "材料要求多", "多次跑腿", "服务态度差", "流程不清楚"]
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- the catalogue ---------------------------------------------------------------------------


class DepartmentOut(BaseModel):
    code: str = Field(examples=["GA"])
    name: str = Field(examples=["市公安局"])


class DepartmentsOut(BaseModel):
    departments: list[DepartmentOut]


class MaterialOut(BaseModel):
    code: str = Field(examples=["household_register"])
    name: str = Field(examples=["居民户口簿"])
    required: bool
    form: Literal["original", "copy", "original_and_copy", "electronic"]
    copies: int
    elicence_type: str | None = Field(
        description="An e-licence of this type can stand in for the material (no upload)",
        examples=["household_register"],
    )


class FeeOut(BaseModel):
    code: str
    name: str = Field(examples=["护照工本费"])
    amount_fen: int = Field(examples=[12000], description="In fen (1 yuan = 100 fen)")


class ItemSummary(BaseModel):
    code: str = Field(examples=["GA-CRJ-001"])
    name: str = Field(examples=["普通护照首次申请"])
    department: DepartmentOut
    kind: ItemKind
    visits: int = Field(description="Visits to the hall needed: 0, 1, or 2 meaning 2 or more")
    online_depth: int = Field(ge=1, le=4, description="网上办理深度, 1 to 4")
    promised_limit_days: int = Field(description="Promised time limit, in working days")
    online: bool = Field(description="Can be applied for online")
    appointment: bool = Field(description="The window takes appointments for it")
    ems_delivery: bool = Field(description="The result can be sent by EMS")
    payment: bool = Field(description="It has fees")


class ItemsPage(BaseModel):
    items: list[ItemSummary]
    total: int = Field(description="Items matching the search, on every page")
    page: int
    page_size: int


class ItemDetail(ItemSummary):
    conditions: str
    materials: list[MaterialOut]
    fees: list[FeeOut]
    legal_limit_days: int = Field(description="Legal time limit, in working days")
    queue_code: str | None = Field(description="The hall queue (booking category) serving it")
    required_level: int = Field(description="The assurance level an application needs")
    form_schema: dict[str, Any] = Field(description="JSON Schema (2020-12) of the online form")
    version: int


class CatalogueQuery(Strict):
    q: str | None = Field(
        default=None, min_length=1, max_length=32, description="Part of an item's name or code"
    )
    department: str | None = Field(default=None, max_length=32)
    visits: int | None = Field(default=None, ge=0, le=2)
    online: bool | None = Field(default=None, description="Only items applied for online")
    page: int = Field(default=1, ge=1, le=1000)
    page_size: int = Field(default=20, ge=1, le=100)


# -- files -----------------------------------------------------------------------------------


class FileOut(BaseModel):
    file_id: str = Field(examples=["fil_Qm3n8Kx2Lp7Rt5Vw9Yz1Ab"])
    media_type: Literal["application/pdf", "image/jpeg", "image/png"]
    size: int
    uploaded_at: HallTime


class DownloadLinkOut(BaseModel):
    url: str = Field(description="Fetch without credentials until `expires_at`")
    expires_at: HallTime


class ELicenceOut(BaseModel):
    licence_type: str = Field(examples=["household_register"])
    name: str = Field(examples=["居民户口簿"])
    licence_number: str = Field(description="Masked", examples=["3501**********1234"])
    issuer: str
    valid_until: date | None


class ReusableMaterial(BaseModel):
    """What can stand in for one of an item's materials without a new upload."""

    material_code: str
    elicence: ELicenceOut | None = None
    earlier_file: FileOut | None = Field(
        default=None, description="A file this material was accepted with before"
    )


class ReusableQuery(Strict):
    item: ItemCode = Field(description="The service item's code")


class DownloadQuery(Strict):
    token: str = Field(min_length=16, max_length=512)


class ReusableOut(BaseModel):
    item_code: str
    materials: list[ReusableMaterial]


# -- applications ----------------------------------------------------------------------------


class MaterialIn(Strict):
    """One material: an uploaded file (`file_id`) or an e-licence by its type (`elicence`)."""

    code: str = Field(min_length=1, max_length=32)
    file_id: PublicRef | None = None
    elicence: str | None = Field(default=None, min_length=1, max_length=32)


class AddressIn(Strict):
    recipient: str = Field(min_length=1, max_length=32)
    phone: str = Field(pattern=r"^1\d{10}$")
    region: str = Field(min_length=2, max_length=64, examples=["福建省福州市鼓楼区"])
    street: str = Field(min_length=2, max_length=128)


class DeliveryIn(Strict):
    method: Literal["window", "ems"]
    address_id: str | None = Field(
        default=None,
        max_length=32,
        description="For ems: an address of the citizen's book (GET /api/v1/me/addresses); "
        "EMS's waybill is made from it when the result is ready",
        examples=["adr_3kq8x2m4n7p1Xb9QwErTyU"],
    )
    address: AddressIn | None = Field(
        default=None,
        description="For ems, instead of address_id: an address typed here. Kept for the hall; "
        "a waybill needs address_id (division codes), so prefer it",
    )


class SubmitRequest(Strict):
    item_code: ItemCode
    form: dict[str, Any] = Field(description="Answers the item's form_schema")
    materials: list[MaterialIn] = Field(max_length=40)
    delivery: DeliveryIn = DeliveryIn(method="window")


class SupplementRequest(Strict):
    materials: list[MaterialIn] = Field(min_length=1, max_length=40)


class MaterialView(BaseModel):
    code: str
    source: Literal["upload", "elicence", "reuse"]
    state: Literal["provided", "to_correct", "superseded"]
    file_id: str | None = None
    licence_type: str | None = None
    licence_number: str | None = Field(default=None, description="Masked")


class CorrectionItemOut(BaseModel):
    material_code: str
    reason: str


class CorrectionOut(BaseModel):
    items: list[CorrectionItemOut]
    requested_at: HallTime
    answered_at: HallTime | None


class TimelineEntryOut(BaseModel):
    status: str
    at: HallTime
    department: str
    note: str


class FeeNoticeOut(BaseModel):
    notice_number: str
    total_fen: int
    due_date: date
    items: list[FeeOut]
    paid_at: HallTime | None = Field(
        default=None, description="when it was paid (GET /me/payments has its order)"
    )


class EvaluationIn(Strict):
    stars: int = Field(ge=1, le=5)
    tags: list[Tag] = Field(default_factory=list, max_length=10)
    comment: str = Field(default="", max_length=500)


class EvaluationOut(BaseModel):
    stars: int
    tags: list[str]
    comment: str
    created_at: HallTime
    follow_up_due_at: HallTime | None = Field(
        description="Two stars or fewer: when the hall must have followed it up"
    )


class ApplicationSummary(BaseModel):
    application_id: str = Field(examples=["apl_Qm3n8Kx2Lp7Rt5Vw9Yz1Ab"])
    item_code: str
    item_name: str
    status: Status
    core_ref: str | None = Field(description="The core system's case number (受理编号)")
    submitted_at: HallTime
    due_at: HallTime | None = Field(description="Promised completion, once accepted")
    overdue: bool


class ApplicationOut(ApplicationSummary):
    delivery: Literal["window", "ems"]
    address: str | None = Field(description="Masked")
    materials: list[MaterialView]
    correction: CorrectionOut | None
    timeline: list[TimelineEntryOut]
    fee_notices: list[FeeNoticeOut]
    evaluation: EvaluationOut | None


class ApplicationsPage(BaseModel):
    applications: list[ApplicationSummary]
    total: int
    page: int
    page_size: int


class PageQuery(Strict):
    page: int = Field(default=1, ge=1, le=1000)
    page_size: int = Field(default=20, ge=1, le=100)


# -- staff -----------------------------------------------------------------------------------


class StaffApplicationsQuery(PageQuery):
    status: Status | None = None
    overdue: bool | None = None


class CaseActionRequest(Strict):
    note: str = Field(default="", max_length=500)
    window: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9_-]{1,32}$",
        description="The hall window taking the step (hall code and number), for 好差评 by window",
        examples=["CIVIC-3"],
    )
    corrections: list[CorrectionItemOut] = Field(default_factory=list, max_length=40)


class EvaluationsQuery(PageQuery):
    flagged: bool | None = Field(default=None, description="Only two stars or fewer")
    open_only: bool = Field(default=False, description="Only those not yet followed up")


class StaffEvaluationOut(EvaluationOut):
    application_id: str
    item_code: str
    followed_up_at: HallTime | None
    follow_up_note: str | None


class EvaluationsPage(BaseModel):
    evaluations: list[StaffEvaluationOut]
    total: int


class StaffWindowEvaluationOut(EvaluationOut):
    """A rating given on a window's evaluation pad (窗口评价器), for its ticket."""

    ticket_id: str
    ticket: str = Field(description="The ticket's label, as called: A023")
    day: date
    window: str = Field(description="The hall and window rated: CIVIC-3")
    followed_up_at: HallTime | None
    follow_up_note: str | None


class WindowEvaluationsPage(BaseModel):
    evaluations: list[StaffWindowEvaluationOut]
    total: int


class FollowUpIn(Strict):
    note: str = Field(min_length=2, max_length=500)


class SatisfactionQuery(Strict):
    by: Literal["item", "department", "window"] = "item"


class SatisfactionRow(BaseModel):
    key: str
    name: str
    evaluations: int
    average_stars: float
    satisfied_share: float = Field(description="Share of 4 and 5 stars")
    flagged: int


class SatisfactionOut(BaseModel):
    by: Literal["item", "department", "window"]
    rows: list[SatisfactionRow]


class OverdueOut(BaseModel):
    overdue: int = Field(description="Applications past their promised limit, not yet decided")
    applications: list[ApplicationSummary]


class ProgressAck(BaseModel):
    """The webhook's answer to the core system."""

    received: int
    applied: int
