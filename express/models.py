"""Express's tables: the citizen's address book (and, below it, the shipments).

Addresses are personal data: the recipient's name, phone and street detail are sealed by the
vault (`address.<column>.<public_id>`); the division codes and the postcode are not personal
and stay plain. The rules of the book are the database's, so no code path can break them:

- at most one default address per person: a partial unique index on `(person_id) WHERE
  is_default`;
- at most `MAX_ADDRESSES` per person: a trigger on insert locks the person's row and counts,
  so concurrent inserts for one person are serialised and the one over the cap is refused
  (an integrity violation the service turns into `express.address_book_full`);
- codes and postcode have their shapes (CHECKs).

That a book with addresses has a default is kept by the service in the same transactions (the
first address becomes default; deleting the default promotes the newest remaining one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from auth.models import Person

MAX_ADDRESSES = 20


class Address(Model):
    """One entry of a person's address book (收货地址)."""

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="addresses", on_delete=fields.CASCADE
    )
    person_id: int
    name_sealed = fields.TextField()
    phone_sealed = fields.TextField()
    province_code = fields.CharField(max_length=6)
    city_code = fields.CharField(max_length=6)
    district_code = fields.CharField(max_length=6)
    detail_sealed = fields.TextField()
    postcode = fields.CharField(max_length=6)
    is_default = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "address"
        indexes = (("person", "created_at"),)
