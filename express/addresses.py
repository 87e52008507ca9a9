"""The citizen's address book (收货地址) for EMS deliveries.

Each person keeps at most `MAX_ADDRESSES` addresses and, when they keep any, exactly one
default. The recipient's name, phone and street detail are sealed by the vault; the division
codes are checked against the national table (`express.divisions`) and kept plain. Another
person's address is not found, the same as a missing one.

What the citizen sees is masked (`express.schemas`); what the shipments service needs to fill
in a waybill is `Addresses.open_for_courier`, server-side only.

The rules under concurrency: every change to a person's book runs in one transaction that
first locks the person's row, so two requests of one person are serialised; the database holds
the cap (a trigger) and the one default (a partial unique index) whatever the code path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tortoise.exceptions import IntegrityError

from api.kit.db import transaction
from api.kit.ids import is_public_id, new_public_id
from api.kit.masking import mask_name, mask_phone
from auth.models import Person
from auth.vault import Vault
from express import errors
from express.divisions import DivisionNames, divisions, province_city_district
from express.models import MAX_ADDRESSES, Address
from express.schemas import AddressIn, AddressOut

TABLE = "address"
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_POSTCODE = re.compile(r"[0-9]{6}")
_SEPARATORS = re.compile(r"[\s\-()（）]")
_DIGIT = re.compile(r"[0-9０-９]")


@dataclass(frozen=True, repr=False)
class CourierAddress:
    """An address opened for a waybill (the shipments service): never in a response or a log
    line; its repr is masked."""

    address_id: str
    recipient_name: str
    phone: str
    province_code: str
    city_code: str
    district_code: str
    province: str
    city: str
    district: str
    detail: str
    postcode: str
    divisions: DivisionNames = field(compare=False)

    @property
    def full_address(self) -> str:
        """`北京市朝阳区建国路88号`, as the waybill's address line."""
        return self.divisions.label + self.detail

    def __repr__(self) -> str:
        return (
            f"CourierAddress({self.address_id}, {mask_name(self.recipient_name)}, "
            f"{mask_phone(self.phone)}, {self.divisions.label})"
        )


@dataclass(frozen=True)
class _Clean:
    name: str
    phone: str
    detail: str
    postcode: str
    province_code: str
    city_code: str
    district_code: str


@dataclass
class Addresses:
    vault: Vault

    # ------------------------------------------------------------------ reading

    async def list_for(self, person: Person) -> list[AddressOut]:
        """The default first, then newest first."""
        rows = await Address.filter(person_id=person.id).order_by(
            "-is_default", "-created_at", "-id"
        )
        return [self.shown(row) for row in rows]

    async def get(self, person: Person, address_id: str) -> AddressOut:
        return self.shown(await _own(person.id, address_id))

    async def open_for_courier(self, person: Person, address_id: str) -> CourierAddress:
        """The person's address opened, with its divisions' names, for a waybill. Another
        person's: `express.address_not_found`."""
        row = await _own(person.id, address_id)
        names = province_city_district(row.province_code, row.city_code, row.district_code)
        return CourierAddress(
            address_id=row.public_id,
            recipient_name=self._open(row, "name"),
            phone=self._open(row, "phone"),
            province_code=row.province_code,
            city_code=row.city_code,
            district_code=row.district_code,
            province=names.province,
            city=names.city,
            district=names.district,
            detail=self._open(row, "detail"),
            postcode=row.postcode,
            divisions=names,
        )

    # ------------------------------------------------------------------ changing

    async def create(
        self, person: Person, entry: AddressIn, *, make_default: bool = False
    ) -> AddressOut:
        """A new address; the first one, or one asked to be, becomes the default. The
        `MAX_ADDRESSES + 1`th is refused (`express.address_book_full`)."""
        clean = _validated(entry)
        public_id = new_public_id("adr")
        async with transaction():
            await _lock(person.id)
            count = await Address.filter(person_id=person.id).count()
            if count >= MAX_ADDRESSES:
                raise errors.AddressBookFull(f"每人最多保存 {MAX_ADDRESSES} 个收货地址")
            default = make_default or count == 0
            if default:
                await Address.filter(person_id=person.id, is_default=True).update(is_default=False)
            try:
                row = await Address.create(
                    public_id=public_id,
                    person_id=person.id,
                    is_default=default,
                    **self._sealed(clean, public_id),
                )
            except IntegrityError as exc:  # the database's cap, should the lock be bypassed
                if "address book full" in str(exc):
                    raise errors.AddressBookFull(
                        f"每人最多保存 {MAX_ADDRESSES} 个收货地址"
                    ) from exc
                raise
        return self.shown(row)

    async def update(self, person: Person, address_id: str, entry: AddressIn) -> AddressOut:
        """All of an address's fields replaced; whether it is the default does not change."""
        clean = _validated(entry)
        async with transaction():
            await _lock(person.id)
            row = await _own(person.id, address_id)
            for column, value in self._sealed(clean, row.public_id).items():
                setattr(row, column, value)
            await row.save()
        return self.shown(row)

    async def delete(self, person: Person, address_id: str) -> None:
        """Deleting the default makes the newest remaining address the default."""
        async with transaction():
            await _lock(person.id)
            row = await _own(person.id, address_id)
            await row.delete()
            if row.is_default:
                newest = (
                    await Address.filter(person_id=person.id).order_by("-created_at", "-id").first()
                )
                if newest is not None:
                    await Address.filter(id=newest.id).update(is_default=True)

    async def set_default(self, person: Person, address_id: str) -> AddressOut:
        async with transaction():
            await _lock(person.id)
            row = await _own(person.id, address_id)
            if not row.is_default:
                await Address.filter(person_id=person.id, is_default=True).update(is_default=False)
                await Address.filter(id=row.id).update(is_default=True)
                row.is_default = True
        return self.shown(row)

    # ------------------------------------------------------------------ identity's hooks

    async def move_person(self, from_person_id: int, to_person_id: int) -> None:
        """Identity's merge hook: the merged person's addresses join the survivor's book. The
        survivor's default stays (the other's becomes an ordinary entry); when the survivor
        had none, the other's default is theirs. The cap applies to new addresses, so a merged
        book may hold more than it for a while: nothing the citizen typed is thrown away."""
        has_default = await Address.exists(person_id=to_person_id, is_default=True)
        if has_default:
            await Address.filter(person_id=from_person_id, is_default=True).update(is_default=False)
        await Address.filter(person_id=from_person_id).update(person_id=to_person_id)

    async def forget_person(self, person_id: int) -> None:
        """Identity's deletion hook (注销): the person's addresses are erased."""
        await Address.filter(person_id=person_id).delete()

    # ------------------------------------------------------------------ shaping

    def shown(self, row: Address) -> AddressOut:
        """The address as its owner sees it: name, phone and the detail's digits masked. An
        address whose division code was retired since is still shown (and refused when next
        changed or sent: it must be picked again)."""
        names = divisions().names_of(row.province_code, row.city_code, row.district_code)
        return AddressOut(
            address_id=row.public_id,
            recipient_name=mask_name(self._open(row, "name")),
            phone=mask_phone(self._open(row, "phone")),
            province_code=row.province_code,
            city_code=row.city_code,
            district_code=row.district_code,
            province=names.province,
            city=names.city,
            district=names.district,
            detail=mask_detail(self._open(row, "detail")),
            postcode=row.postcode,
            is_default=row.is_default,
        )

    def _open(self, row: Address, column: str) -> str:
        sealed: str = getattr(row, f"{column}_sealed")
        return self.vault.open(sealed, table=TABLE, column=column, row=row.public_id)

    def _sealed(self, clean: _Clean, public_id: str) -> dict[str, Any]:
        def seal(value: str, column: str) -> str:
            return self.vault.seal(value, table=TABLE, column=column, row=public_id)

        return {
            "name_sealed": seal(clean.name, "name"),
            "phone_sealed": seal(clean.phone, "phone"),
            "detail_sealed": seal(clean.detail, "detail"),
            "postcode": clean.postcode,
            "province_code": clean.province_code,
            "city_code": clean.city_code,
            "district_code": clean.district_code,
        }


def masked_label(shown: AddressOut) -> str:
    """An address as one masked line, what a shipment keeps to show its owner and the hall:
    `张*三 138****5678 北京市北京市朝阳区建国路**号`."""
    return (
        f"{shown.recipient_name} {shown.phone} "
        f"{shown.province}{shown.city}{shown.district}{shown.detail}"
    )[:160]


def mask_detail(detail: str) -> str:
    """`建国路88号院3号楼501` -> `建国路**号院*号楼***`: the street stays, the doors go."""
    return _DIGIT.sub("*", detail)


def normalised_phone(value: str) -> str | None:
    """A mainland mobile number as 11 digits (spaces, hyphens and +86 dropped), or None."""
    digits = _SEPARATORS.sub("", value)
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            digits = digits[len(prefix) :]
            break
    return digits if _MOBILE.fullmatch(digits) else None


def _validated(entry: AddressIn) -> _Clean:
    """The service's rules, whoever calls it: landlines are refused because EMS tells the
    recipient by SMS (arrival, pickup code), which a landline cannot receive."""
    name = entry.recipient_name.strip()
    if not 1 <= len(name) <= 20 or not name.isprintable():
        raise errors.AddressInvalid("收件人姓名应为 1 至 20 个字", field="recipient_name")
    phone = normalised_phone(entry.phone)
    if phone is None:
        raise errors.AddressInvalid("请填写 11 位中国大陆手机号", field="phone")
    detail = " ".join(entry.detail.split())
    if not 2 <= len(detail) <= 120:
        raise errors.AddressInvalid("详细地址应为 2 至 120 个字", field="detail")
    if not _POSTCODE.fullmatch(entry.postcode):
        raise errors.AddressInvalid("邮政编码应为 6 位数字", field="postcode")
    province_city_district(entry.province_code, entry.city_code, entry.district_code)
    return _Clean(
        name=name,
        phone=phone,
        detail=detail,
        postcode=entry.postcode,
        province_code=entry.province_code,
        city_code=entry.city_code,
        district_code=entry.district_code,
    )


async def _lock(person_id: int) -> None:
    """Serialises every change to one person's book (the count, the default)."""
    # (A values_list query drops FOR UPDATE: a model query it must be.)
    await Person.filter(id=person_id).select_for_update().only("id").first()


async def _own(person_id: int, address_id: str) -> Address:
    if not is_public_id(address_id, "adr"):
        raise errors.AddressNotFound()
    row = await Address.get_or_none(public_id=address_id, person_id=person_id)
    if row is None:
        raise errors.AddressNotFound()
    return row
