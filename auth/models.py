"""Identity tables. Personal data is only ever stored sealed (`*_sealed`, see auth.vault) and
found through blind indexes (`*_index`); the database never holds it in the clear."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.expressions import F
from tortoise.functions import Coalesce
from tortoise.models import Model


class PersonStatus(StrEnum):
    ACTIVE = "active"
    MERGED = "merged"  # folded into `merged_into`; kept so old references resolve
    DELETED = "deleted"  # account deleted (注销): personal data erased, row kept for statistics


class BindingKind(StrEnum):
    MP_OPENID = "mp_openid"  # mini-program openid
    OA_OPENID = "oa_openid"  # official-account openid
    UNIONID = "unionid"
    PHONE = "phone"
    APP_DEVICE = "app_device"


class Audience(StrEnum):
    CITIZEN = "citizen"
    STAFF = "staff"


class Person(Model):
    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    level = fields.SmallIntField(default=1)  # 1 registered, 2 name + ID verified, 3 face
    status = fields.CharEnumField(PersonStatus, max_length=16, default=PersonStatus.ACTIVE)
    # The survivor's public id once this person was merged into another (a plain column:
    # a self-referencing key would make the schema cyclic for the migration tool).
    merged_into = fields.CharField(max_length=32, null=True)
    name_sealed: str | None = fields.TextField(null=True)
    id_number_sealed: str | None = fields.TextField(null=True)
    id_number_index = fields.CharField(max_length=64, null=True, unique=True)
    verified_at = fields.DatetimeField(null=True)
    face_verified_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    deleted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "person"


class Binding(Model):
    """A way to reach a person: an openid, a unionid, a phone, an app device."""

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="bindings", on_delete=fields.CASCADE
    )
    person_id: int
    kind = fields.CharEnumField(BindingKind, max_length=16)
    value_index = fields.CharField(max_length=64)
    value_sealed = fields.TextField()
    # The mini-program session_key: kept on the server, sealed, never returned.
    session_key_sealed = fields.TextField(null=True)
    verified = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "binding"
        unique_together = (("kind", "value_index"),)

    @classmethod
    async def last_used(cls, person_id: int, kind: BindingKind) -> Binding | None:
        """The person's binding of this kind signed in with last: a merge can leave one person
        two WeChat accounts, and what is sent goes to the one in use."""
        return (
            await cls.filter(person_id=person_id, kind=kind)
            .annotate(used=Coalesce("last_used_at", F("created_at")))
            .order_by("-used", "-id")
            .first()
        )


class StaffAccount(Model):
    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    username = fields.CharField(max_length=64, unique=True)
    password_hash = fields.CharField(max_length=255)
    roles: fields.JSONField[list[str]] = fields.JSONField(default=list)
    hall_code = fields.CharField(max_length=32, null=True)
    failed_attempts = fields.SmallIntField(default=0)
    locked_until = fields.DatetimeField(null=True)
    disabled = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    password_changed_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "staff_account"


class AuthSession(Model):
    """One signed-in session; its refresh tokens form one family."""

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    audience = fields.CharEnumField(Audience, max_length=16)
    person: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="sessions", null=True, on_delete=fields.CASCADE
    )
    staff: fields.ForeignKeyNullableRelation[StaffAccount] = fields.ForeignKeyField(
        "models.StaffAccount", related_name="sessions", null=True, on_delete=fields.CASCADE
    )
    person_id: int | None
    staff_id: int | None
    channel = fields.CharField(max_length=16)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.CharField(max_length=32, null=True)

    class Meta:
        table = "auth_session"


class RefreshToken(Model):
    """Stored as a SHA-256 hash. `used_at` is set once, by a conditional UPDATE."""

    id = fields.BigIntField(primary_key=True)
    session: fields.ForeignKeyRelation[AuthSession] = fields.ForeignKeyField(
        "models.AuthSession", related_name="refresh_tokens", on_delete=fields.CASCADE
    )
    session_id: int
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "refresh_token"


class Consent(Model):
    """Which privacy-policy version a person accepted, and when (a ledger: rows are added)."""

    id = fields.BigIntField(primary_key=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="consents", on_delete=fields.CASCADE
    )
    policy_version = fields.CharField(max_length=32)
    channel = fields.CharField(max_length=16)
    accepted_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "consent"
        unique_together = (("person", "policy_version"),)


class Device(Model):
    """A hall kiosk or display. Its key is stored hashed; revoking it is final."""

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=64)
    kind = fields.CharField(max_length=16)
    hall_code = fields.CharField(max_length=32)
    key_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "device"


class AuditEvent(Model):
    """Append-only security events. Holds opaque ids and masked values, never personal data."""

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    kind = fields.CharField(max_length=48, db_index=True)
    actor = fields.CharField(max_length=64, null=True)
    person_public_id = fields.CharField(max_length=32, null=True, db_index=True)
    request_id = fields.CharField(max_length=128, null=True)
    detail: fields.JSONField[dict[str, object]] = fields.JSONField(default=dict)

    class Meta:
        table = "audit_event"
