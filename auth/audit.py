"""The audit log: security events, appended and never changed, purged only when old.

Every package records its security events here (`audit(...)`); callers pass only opaque ids
and masked values. The database refuses, by trigger, to change an event or to delete a young one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from api.kit import clock
from auth.models import AuditEvent, AuthSession, Person

MINIMUM_AUDIT_RETENTION_DAYS = 180


@dataclass(frozen=True)
class Origin:
    """Where a request came from, as far as the audit log needs to know."""

    request_id: str | None = None
    ip: str | None = None
    channel: str = "app"


async def audit(
    kind: str,
    *,
    person: Person | None = None,
    session: AuthSession | None = None,
    origin: Origin | None = None,
    actor: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append a security event. Callers pass only opaque ids and masked values."""
    person_public_id = person.public_id if person is not None else None
    if person_public_id is None and session is not None and session.person_id is not None:
        owner = await Person.get_or_none(id=session.person_id).only("public_id")
        person_public_id = owner.public_id if owner else None
    await AuditEvent.create(
        kind=kind,
        actor=actor,
        person_public_id=person_public_id,
        request_id=origin.request_id if origin else None,
        detail={**(detail or {}), **({"ip": _mask_ip(origin.ip)} if origin and origin.ip else {})},
    )


def _mask_ip(ip: str) -> str:
    if ":" in ip:
        return ":".join(ip.split(":")[:3]) + ":*"
    parts = ip.split(".")
    return ".".join(parts[:3]) + ".*" if len(parts) == 4 else "*"


async def purge_audit_events(retention_days: int) -> int:
    """Delete audit events older than the retention period (never less than 180 days).

    The database refuses, by trigger, to delete a younger event or to change any event.
    """
    if retention_days < MINIMUM_AUDIT_RETENTION_DAYS:
        raise ValueError(f"audit events are kept at least {MINIMUM_AUDIT_RETENTION_DAYS} days")
    cutoff = clock.now() - timedelta(days=retention_days)
    return await AuditEvent.filter(at__lt=cutoff).delete()
