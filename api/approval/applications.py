"""Applications (办件): submitted from the phone with materials uploaded or reused, handed to
the core system, withdrawn, supplemented once, and their result's delivery chosen.

A submission is ours once it commits: the core system is told afterwards, and when it does not
answer, the application waits as submitted (no case number yet) and the sync hands it over
later; the citizen's form is never lost to an outage. Every status change comes from the core
system's steps (api.approval.progress), withdrawal and supplements included: we ask, it
decides, its step moves the application.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from jsonschema import Draft202012Validator

from api.approval import errors, schemas
from api.approval.files import Files
from api.approval.gateways import core as core_gateway
from api.approval.gateways.core import CoreApproval, ELicence, Submission, SubmittedMaterial
from api.approval.models import (
    Application,
    ApplicationMaterial,
    ApplicationStatus,
    CorrectionNotice,
    Delivery,
    MaterialSource,
    MaterialState,
    ServiceItem,
    StoredFile,
)
from api.approval.progress import Progress
from api.kit import clock
from api.kit.db import rows_of, transaction
from api.kit.errors import DomainError
from api.kit.idempotency import Once, Replay
from api.kit.ids import new_public_id
from api.kit.masking import mask_id_number, mask_name, mask_phone
from auth.models import Person
from auth.vault import Vault
from express.addresses import Addresses, masked_label

S = ApplicationStatus
T = TypeVar("T")
log = logging.getLogger("yiwang.approval.applications")
_WITHDRAWABLE = (S.SUBMITTED, S.CORRECTION_REQUESTED)
_DELIVERY_OPEN = (S.SUBMITTED, S.ACCEPTED, S.CORRECTION_REQUESTED, S.SUPPLEMENTED, S.APPROVED)
# An application that went on past acceptance: the files it was given were accepted with it.
_ACCEPTED_ON = (S.ACCEPTED, S.SUPPLEMENTED, S.APPROVED, S.RESULT_READY, S.COMPLETED)
_SUBMITTED_DEPARTMENT = "网上办事大厅"
_SUBMITTED_NOTE = "网上申请已提交"


@dataclass(frozen=True)
class PlannedMaterial:
    """A material checked against the item, before it is stored."""

    code: str
    source: MaterialSource
    file: StoredFile | None = None
    licence: ELicence | None = None


class Applications:
    def __init__(
        self,
        core: CoreApproval,
        vault: Vault,
        files: Files,
        progress: Progress,
        addresses: Addresses | None = None,
    ) -> None:
        self._core = core
        self._vault = vault
        self._files = files
        self._progress = progress
        self._addresses = addresses  # the citizen's address book (express), for EMS deliveries

    # -- submitting ----------------------------------------------------------------------

    async def submit(
        self,
        person: Person,
        request: schemas.SubmitRequest,
        once: Once[Application] | None = None,
    ) -> Application | Replay:
        item = await online_item(request.item_code)
        if person.level < item.required_level:
            raise errors.LevelRequired(required_level=item.required_level)
        check_form(item, request.form)
        planned = await self._plan_materials(person, item, request.materials)
        address = _address_text(request.delivery)
        booked = await self._booked_address(person, request.delivery)
        async with transaction():
            await rows_of(_LOCK_PERSON, (person.id,))
            replay = await once.claim(clock.now()) if once is not None else None
            if replay is not None:
                return replay
            application = await self._create(person, item, request, planned, address, booked)
            if once is not None:
                await once.record(application)
        handed = tuple([await self._handed(application, material) for material in planned])
        submission = self._submission_of(person, item, application, request.form, handed)
        await self.hand_over(application, submission)
        return application

    async def hand_over(
        self, application: Application, submission: Submission | None = None
    ) -> None:
        """Give the application to the core system; a core system that does not answer leaves
        it for the sync (the application is already ours). A new case's first step (sequence
        1) is its submission, so the answer takes the application to step 1 at once; what
        the core system did beyond it, if this is a repeat, comes by its webhook or the sync."""
        try:
            core_ref = await self._core.submit(submission or await self._submission(application))
        except core_gateway.CoreUnavailable:
            return  # the sync hands it over when the core system is back
        except core_gateway.CoreRefused as refused:
            # Ours already (the citizen was answered 201): a core system that will not take it
            # (an item it stopped publishing) is the hall's to settle; the sync tries again.
            log.warning(
                "the core system refused a submission",
                extra={"application": application.public_id, "reason": refused.reason},
            )
            return
        numbered = await rows_of(_NUMBERED, (application.id, core_ref))
        if numbered[0]["pending"]:
            # Steps that came before the answer (its webhook raced it) apply now, or with
            # the sync if the core system has gone again.
            with contextlib.suppress(core_gateway.CoreUnavailable):
                await self._progress.sync(await _reloaded(application))

    async def _create(
        self,
        person: Person,
        item: ServiceItem,
        request: schemas.SubmitRequest,
        planned: Sequence[PlannedMaterial],
        address: str | None,
        booked: BookedAddress | None = None,
    ) -> Application:
        """The application, its materials and its first timeline entry, in one statement
        (`_inserts`): the ORM would send one INSERT per row and build a model for each."""
        public_id = new_public_id("apl")
        now = clock.now()
        parameters: list[object] = [
            public_id,
            person.id,
            item.id,
            S.SUBMITTED.value,
            self._seal(public_id, "form", json.dumps(request.form, ensure_ascii=False)),
            request.delivery.method,
            self._seal(public_id, "address", address) if address else None,
            booked.masked if booked else _masked_address(request.delivery),
            now,
            _SUBMITTED_DEPARTMENT,
            _SUBMITTED_NOTE,
            booked.address_id if booked else None,
        ]
        for material in planned:
            parameters.extend(self._material_row(public_id, material))
        rows = await rows_of(_inserts(len(planned)), parameters)
        application = Application._init_from_db(**rows[0])
        application.item = item  # the answer names it
        return application

    # -- the citizen's later steps ---------------------------------------------------------

    async def withdraw(self, person: Person, application_id: str) -> Application:
        application = await own_application(person, application_id)
        if application.status not in _WITHDRAWABLE:
            raise errors.NotWithdrawable()
        if application.core_ref is None:
            await self.hand_over(application)  # the core system decides, so it must know it
            application = await _reloaded(application)
            if application.core_ref is None:
                raise errors.CoreUnavailable()
        await _asking_core(self._core.withdraw(application.core_ref))
        await self._progress.sync(application)
        return await _reloaded(application)

    async def supplement(
        self, person: Person, application_id: str, given: Sequence[schemas.MaterialIn]
    ) -> Application:
        application = await own_application(person, application_id)
        notice = await CorrectionNotice.get_or_none(application_id=application.id)
        if application.status is not S.CORRECTION_REQUESTED or notice is None:
            raise errors.NoCorrectionPending()
        expected = sorted(str(entry["material_code"]) for entry in notice.items)
        if sorted(m.code for m in given) != expected:
            raise errors.SupplementMismatch(expected=expected)
        item = await ServiceItem.get(id=application.item_id)
        planned = await self._plan_materials(person, item, given, complete=False)
        assert application.core_ref is not None  # a correction came from the core system
        handed = tuple([await self._handed(application, material) for material in planned])
        await _asking_core(self._core.supplement(application.core_ref, handed))
        async with transaction():
            await ApplicationMaterial.filter(
                application_id=application.id, material_code__in=expected
            ).update(state=MaterialState.SUPERSEDED)
            for material in planned:
                await self._store_material(application, material, round_=1)
        await self._progress.sync(application)
        return await _reloaded(application)

    async def choose_delivery(
        self, person: Person, application_id: str, delivery: schemas.DeliveryIn
    ) -> Application:
        address = _address_text(delivery)
        booked = await self._booked_address(person, delivery)
        async with transaction():
            application = await own_application(person, application_id, lock=True)
            if application.status not in _DELIVERY_OPEN or application.dispatched_at is not None:
                raise errors.DeliveryLocked()
            application.delivery = Delivery(delivery.method)
            application.address_sealed = (
                self._seal(application.public_id, "address", address) if address else None
            )
            application.address_masked = booked.masked if booked else _masked_address(delivery)
            application.address_ref = booked.address_id if booked else None
            await application.save(
                update_fields=["delivery", "address_sealed", "address_masked", "address_ref"]
            )
        return application

    async def _booked_address(
        self, person: Person, delivery: schemas.DeliveryIn
    ) -> BookedAddress | None:
        """The address of the citizen's book an EMS delivery names, masked for the answer;
        another person's (or none such) is refused as the book refuses it."""
        if delivery.method != "ems" or delivery.address_id is None:
            return None
        if self._addresses is None:
            raise errors.MaterialsInvalid(
                errors=[{"field": "delivery.address_id", "message": "地址簿不可用"}]
            )
        shown = await self._addresses.get(person, delivery.address_id)
        return BookedAddress(shown.address_id, masked_label(shown)[:128])

    # -- materials -------------------------------------------------------------------------

    async def reusable(self, person: Person, item_code: str) -> schemas.ReusableOut:
        """For each material of the item: the e-licence that can stand in for it, or the file
        it was accepted with in an earlier application."""
        item = await online_item(item_code)
        licences = await self._licences_of(person) if person.id_number_sealed else []
        earlier = await _earlier_files(person)
        offered = []
        for spec in item.materials:
            licence = _licence_for(spec, licences)
            earlier_file = earlier.get(spec["code"])
            if licence is None and earlier_file is None:
                continue
            offered.append(
                schemas.ReusableMaterial(
                    material_code=spec["code"],
                    elicence=licence_out(licence) if licence else None,
                    earlier_file=file_out(earlier_file) if earlier_file else None,
                )
            )
        return schemas.ReusableOut(item_code=item.code, materials=offered)

    async def _plan_materials(
        self,
        person: Person,
        item: ServiceItem,
        given: Sequence[schemas.MaterialIn],
        *,
        complete: bool = True,
    ) -> list[PlannedMaterial]:
        specs = {spec["code"]: spec for spec in item.materials}
        problems = _material_problems(specs, given, complete)
        if problems:
            raise errors.MaterialsInvalid(errors=problems)
        licences = (
            await self._licences_of(person)
            if any(m.elicence for m in given) and person.id_number_sealed
            else []
        )
        planned = []
        for material in given:
            if material.elicence is not None:
                licence = _licence_for(specs[material.code], licences, material.elicence)
                if licence is None:
                    raise errors.ELicenceNotFound()
                planned.append(
                    PlannedMaterial(material.code, MaterialSource.ELICENCE, licence=licence)
                )
            else:
                assert material.file_id is not None
                stored, reused = await _own_file_as(person, material.file_id, material.code)
                source = MaterialSource.REUSE if reused else MaterialSource.UPLOAD
                planned.append(PlannedMaterial(material.code, source, file=stored))
        return planned

    async def _licences_of(self, person: Person) -> list[ELicence]:
        id_number = self._open_person(person, "id_number")
        return await _asking_core(self._core.elicences(id_number))

    async def _store_material(
        self, application: Application, material: PlannedMaterial, round_: int
    ) -> None:
        licence = material.licence
        await ApplicationMaterial.create(
            application_id=application.id,
            material_code=material.code,
            source=material.source,
            file_id=material.file.id if material.file else None,
            licence_type=licence.licence_type if licence else None,
            licence_number_sealed=self._sealed_licence(application.public_id, material),
            licence_number_masked=mask_id_number(licence.licence_number) if licence else None,
            round=round_,
        )

    def _material_row(self, public_id: str, material: PlannedMaterial) -> tuple[object, ...]:
        """A material at submission, as `_inserts` takes it."""
        licence = material.licence
        return (
            material.code,
            material.source.value,
            material.file.id if material.file else None,
            licence.licence_type if licence else None,
            self._sealed_licence(public_id, material),
            mask_id_number(licence.licence_number) if licence else None,
        )

    def _sealed_licence(self, public_id: str, material: PlannedMaterial) -> str | None:
        if material.licence is None:
            return None
        return self._seal(public_id, f"licence:{material.code}", material.licence.licence_number)

    async def _submission(self, application: Application) -> Submission:
        """The submission of a stored application (a later hand-over, by the sync)."""
        person = await Person.get(id=application.person_id)
        item = await ServiceItem.get(id=application.item_id)
        materials = await ApplicationMaterial.filter(
            application_id=application.id, state=MaterialState.PROVIDED
        ).select_related("file")
        form = json.loads(self._open(application.public_id, "form", application.form_sealed))
        handed = tuple([await self._handed_stored(application, m) for m in materials])
        return self._submission_of(person, item, application, form, handed)

    def _submission_of(
        self,
        person: Person,
        item: ServiceItem,
        application: Application,
        form: dict[str, Any],
        materials: tuple[SubmittedMaterial, ...],
    ) -> Submission:
        return Submission(
            application_id=application.public_id,
            item_code=item.code,
            applicant_id_number=self._real_name_part(person, "id_number"),
            applicant_name=self._real_name_part(person, "name"),
            form=form,
            materials=materials,
            delivery=application.delivery.value,
        )

    async def _handed(
        self, application: Application, planned: PlannedMaterial
    ) -> SubmittedMaterial:
        if planned.licence is not None:
            return SubmittedMaterial(
                material_code=planned.code,
                source=planned.source.value,
                licence_type=planned.licence.licence_type,
                licence_number=planned.licence.licence_number,
            )
        assert planned.file is not None
        link = self._files.link_for_core(planned.file.public_id)
        return SubmittedMaterial(
            material_code=planned.code,
            source=planned.source.value,
            file_digest=planned.file.digest,
            file_url=link.token,
            media_type=planned.file.media_type,
        )

    async def _handed_stored(
        self, application: Application, material: ApplicationMaterial
    ) -> SubmittedMaterial:
        if material.source is MaterialSource.ELICENCE:
            assert material.licence_number_sealed is not None
            return SubmittedMaterial(
                material_code=material.material_code,
                source=material.source.value,
                licence_type=material.licence_type,
                licence_number=self._open(
                    application.public_id,
                    f"licence:{material.material_code}",
                    material.licence_number_sealed,
                ),
            )
        planned = PlannedMaterial(material.material_code, material.source, file=material.file)
        return await self._handed(application, planned)

    # -- sealing ---------------------------------------------------------------------------

    def _seal(self, public_id: str, column: str, value: str) -> str:
        return self._vault.seal(value, table="approval_application", column=column, row=public_id)

    def _open(self, public_id: str, column: str, sealed: str) -> str:
        return self._vault.open(sealed, table="approval_application", column=column, row=public_id)

    def _real_name_part(self, person: Person, column: str) -> str | None:
        """The applicant's name or ID number, or None for a person not yet real-named (who
        can apply only for a level-1 item)."""
        if getattr(person, f"{column}_sealed") is None:
            return None
        return self._open_person(person, column)

    def _open_person(self, person: Person, column: str) -> str:
        sealed = getattr(person, f"{column}_sealed")
        return self._vault.open(sealed, table="person", column=column, row=person.public_id)


# -- reads ---------------------------------------------------------------------------------


async def online_item(code: str) -> ServiceItem:
    rows = await rows_of(_ACTIVE_ITEM, (code,))
    if not rows:
        raise errors.ItemNotFound()
    item = ServiceItem._init_from_db(**rows[0])
    if not item.online:
        raise errors.NotOnline()
    return item


async def _own_file_as(
    person: Person, file_public_id: str, material_code: str
) -> tuple[StoredFile, bool]:
    """The person's own upload (another person's is not found, as in `own_file`), and whether
    it is the file their latest accepted application gave for this material (a reuse)."""
    rows = await rows_of(_OWN_FILE_AS, (file_public_id, person.id, material_code))
    if not rows:
        raise errors.FileNotFound()
    row = dict(rows[0])
    reused = bool(row.pop("reused"))
    return StoredFile._init_from_db(**row), reused


async def own_application(person: Person, public_id: str, *, lock: bool = False) -> Application:
    """The person's own application; another person's is not found, as one that does not exist."""
    query = Application.filter(public_id=public_id, person_id=person.id)
    if lock:
        query = query.select_for_update()
    application = await query.first()
    if application is None:
        raise errors.ApplicationNotFound()
    return application


async def _reloaded(application: Application) -> Application:
    return await Application.get(id=application.id)


async def _earlier_files(person: Person) -> dict[str, StoredFile]:
    """Files of the person's earlier applications that were accepted with them (the
    application went on past acceptance and the material was not sent back for correction)."""
    used = (
        await ApplicationMaterial.filter(
            application__person_id=person.id,
            application__status__in=list(_ACCEPTED_ON),
            state=MaterialState.PROVIDED,
            file_id__isnull=False,
        )
        .select_related("file")
        .order_by("-created_at")
    )
    earlier: dict[str, StoredFile] = {}
    for material in used:
        if material.file is not None:
            earlier.setdefault(material.material_code, material.file)
    return earlier


def check_form(item: ServiceItem, form: dict[str, Any]) -> None:
    validator = _form_validator(item)
    problems = [
        {
            "field": "form" + "".join(f".{part}" for part in error.absolute_path) or "form",
            "message": _form_message(error.validator, error.message),
        }
        for error in sorted(validator.iter_errors(form), key=lambda e: list(map(str, e.path)))
    ]
    if problems:
        raise errors.FormInvalid(errors=problems)


# One validator per item and version of it, built once per process (building one reads the
# whole schema): a sync that changes an item stamps `updated_at`, which retires the old one.
_validators: dict[tuple[int, float], Draft202012Validator] = {}


def _form_validator(item: ServiceItem) -> Draft202012Validator:
    key = (item.id, item.updated_at.timestamp())
    validator = _validators.get(key)
    if validator is None:
        if len(_validators) > 4096:
            _validators.clear()
        validator = _validators[key] = Draft202012Validator(item.form_schema)
    return validator


def _form_message(validator: object, message: str) -> str:
    # The validator's own message quotes the value: a phone or ID number a citizen typed.
    return {
        "required": "缺少必填项",
        "maxLength": "超过最大长度",
        "minLength": "长度不足",
        "enum": "不是可选的值",
        "pattern": "格式不正确",
        "type": "类型不正确",
        "additionalProperties": "含有表单没有的字段",
        "minimum": "小于最小值",
        "maximum": "大于最大值",
        "format": "格式不正确",
    }.get(str(validator), "不符合表单要求")


def _material_problems(
    specs: dict[str, dict[str, Any]], given: Sequence[schemas.MaterialIn], complete: bool
) -> list[dict[str, str]]:
    problems = []
    seen: set[str] = set()
    for material in given:
        field = f"materials.{material.code}"
        if material.code not in specs:
            problems.append({"field": field, "message": "不是该事项的材料"})
        elif material.code in seen:
            problems.append({"field": field, "message": "重复提供"})
        elif (material.file_id is None) == (material.elicence is None):
            problems.append({"field": field, "message": "请提供文件或电子证照其中之一"})
        seen.add(material.code)
    if complete:
        for code, spec in specs.items():
            if spec["required"] and code not in seen:
                problems.append({"field": f"materials.{code}", "message": "缺少必需材料"})
    return problems


def _licence_for(
    spec: dict[str, Any], licences: Sequence[ELicence], asked: str | None = None
) -> ELicence | None:
    wanted = spec.get("elicence_type")
    if wanted is None or (asked is not None and asked != wanted):
        return None
    return next((licence for licence in licences if licence.licence_type == wanted), None)


def _address_text(delivery: schemas.DeliveryIn) -> str | None:
    if delivery.method == "window" or (delivery.address is None and delivery.address_id):
        return None
    if delivery.address is None:
        raise errors.MaterialsInvalid(
            errors=[{"field": "delivery.address", "message": "邮寄需填写收件地址"}]
        )
    return delivery.address.model_dump_json()


@dataclass(frozen=True)
class BookedAddress:
    address_id: str
    masked: str


def _masked_address(delivery: schemas.DeliveryIn) -> str | None:
    address = delivery.address
    if delivery.method == "window" or address is None:
        return None
    return f"{mask_name(address.recipient)} {mask_phone(address.phone)} {address.region}****"


def licence_out(licence: ELicence) -> schemas.ELicenceOut:
    return schemas.ELicenceOut(
        licence_type=licence.licence_type,
        name=licence.name,
        licence_number=mask_id_number(licence.licence_number),
        issuer=licence.issuer,
        valid_until=licence.valid_until,
    )


def file_out(stored: StoredFile) -> schemas.FileOut:
    return schemas.FileOut(
        file_id=stored.public_id,
        media_type=stored.media_type,  # type: ignore[arg-type]  # sniffed: one of the three
        size=stored.size,
        uploaded_at=clock.shown(stored.created_at),
    )


async def _asking_core(call: Awaitable[T]) -> T:
    """The core system's answer; its outage and refusals as our errors."""
    try:
        return await call
    except core_gateway.CoreUnavailable as outage:
        raise errors.CoreUnavailable() from outage
    except core_gateway.CoreRefused as refusal:
        raise _refusal(refusal.reason) from refusal


def _refusal(reason: str) -> DomainError:
    if reason == "already_accepted":
        return errors.NotWithdrawable()
    if reason == "not_awaiting_correction":
        return errors.NoCorrectionPending()
    if reason == "already_decided":
        return errors.NotWithdrawable()
    return errors.CoreRefused(reason=reason)


# -- the submission's statements -----------------------------------------------------------
#
# Written by hand: a submission runs each of them, and through Tortoise each cost more in
# building the query and the models than in running it (a profile of the submission put the
# ORM's share near half of the process's time). Tortoise could say the lock, the item, the
# file and the update; it cannot say an insert of several tables in one statement, an upsert
# that answers the row it kept, or an update that answers another table's look.

# The person's row lock: submissions of one person are taken one at a time (their earlier
# files and keys); only the lock is wanted, not the row.
_LOCK_PERSON = "SELECT id FROM person WHERE id = $1 FOR UPDATE"

_ACTIVE_ITEM = "SELECT * FROM approval_item WHERE code = $1 AND active LIMIT 1"

# The file, and whether it is the one the person's latest accepted application gave for this
# material (what `_earlier_files` finds for every material at once, for one). The statuses are
# `_ACCEPTED_ON`'s.
_OWN_FILE_AS = """
SELECT f.*, f.id IS NOT DISTINCT FROM (
         SELECT m.file_id FROM approval_material m
           JOIN approval_application a ON a.id = m.application_id
          WHERE a.person_id = $2 AND m.material_code = $3
            AND a.status IN ('accepted', 'supplemented', 'approved', 'result_ready', 'completed')
            AND m.state = 'provided' AND m.file_id IS NOT NULL
          ORDER BY m.created_at DESC LIMIT 1
       ) AS reused
  FROM approval_file f
 WHERE f.public_id = $1 AND f.person_id = $2
"""

# The core system's number, on an application not numbered yet, and whether steps of it came
# before the number (its webhook raced the answer), in one round trip.
_NUMBERED = """
WITH numbered AS (
  UPDATE approval_application SET core_ref = $2, core_sequence = 1
   WHERE id = $1 AND core_ref IS NULL AND core_sequence = 0
)
SELECT EXISTS (SELECT 1 FROM approval_pending_progress WHERE application_id = $1) AS pending
"""

_APPLICATION_COLUMNS = 12  # the parameters before the materials'
_MATERIAL_COLUMNS = 6
_inserts_by_count: dict[int, str] = {}


def _inserts(materials: int) -> str:
    """The application (answered as stored), its `materials` materials and its first
    timeline entry: one statement, whose parts commit together as the transaction's."""
    sql = _inserts_by_count.get(materials)
    if sql is None:
        # Only placeholders are written in: the values all travel as parameters.
        rows = ",\n       ".join(
            "((SELECT id FROM application), "  # noqa: S608 - placeholders only
            + ", ".join(
                f"${_APPLICATION_COLUMNS + n * _MATERIAL_COLUMNS + column}"
                for column in range(1, _MATERIAL_COLUMNS + 1)
            )
            + ", 'provided', 0, $9)"
            for n in range(materials)
        )
        material_insert = (
            f"""
, materials AS (
INSERT INTO approval_material (application_id, material_code, source, file_id, licence_type,
                               licence_number_sealed, licence_number_masked, state, round,
                               created_at)
VALUES {rows}
)"""  # noqa: S608 - no user input: placeholders only
            if materials
            else ""
        )
        sql = _inserts_by_count[materials] = f"""
WITH application AS (
INSERT INTO approval_application (public_id, person_id, item_id, status, core_sequence,
                                  form_sealed, delivery, address_sealed, address_masked,
                                  submitted_at, updated_at, address_ref)
VALUES ($1, $2, $3, $4, 0, $5, $6, $7, $8, $9, $9, $12)
RETURNING *
){material_insert}
, timeline AS (
INSERT INTO approval_timeline (application_id, status, at, department, note)
VALUES ((SELECT id FROM application), $4, $9, $10, $11)
)
SELECT * FROM application
"""  # noqa: S608 - no user input: placeholders only
    return sql
