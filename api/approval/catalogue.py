"""The catalogue of service items: synced from the core system, searched from memory.

The catalogue changes when `yiwang catalog sync` runs (a few times a day at most) and is read
on every citizen's first screen, so each process keeps a snapshot and checks the catalogue's
version (a count and the newest change of its items: one small query) at most every few
seconds. Searching is a filter over
a few hundred items in memory: Chinese has no word boundaries, so a keyword matches any part of
an item's name or code.

A search page is the same bytes for everyone until the catalogue changes, so the process also
keeps the last `RENDERED_PAGES` search answers of its snapshot rendered (JSON bytes, by query,
forgotten with the snapshot) and hands those to the route (`search_rendered`): a cached,
rendered answer instead of a model, so that the first screen costs a dictionary lookup, not a
filter and a serialisation. `search` still returns the typed page; both render the same JSON.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from api.approval import errors, schemas
from api.approval.gateways.core import CoreApproval, ItemSpec
from api.approval.models import Department, ServiceItem
from api.kit.db import rows_of, transaction

# Distinct search answers kept rendered per process (a page is a few kilobytes).
RENDERED_PAGES = 256

_QueryKey = tuple[str | None, str | None, int | None, bool | None, int, int]


@dataclass(frozen=True)
class SyncReport:
    added: int
    updated: int
    withdrawn: int


@dataclass(frozen=True)
class Snapshot:
    version: str
    items: tuple[schemas.ItemDetail, ...]
    by_code: dict[str, schemas.ItemDetail]
    departments: tuple[schemas.DepartmentOut, ...]

    @property
    def etag(self) -> str:
        return f'"cat-{self.version}"'


class Catalogue:
    def __init__(self, recheck_seconds: float = 5.0, rendered_pages: int = RENDERED_PAGES) -> None:
        self._recheck_seconds = recheck_seconds
        self._snapshot: Snapshot | None = None
        self._checked_at = 0.0
        # The rendered search answers of one snapshot, least recently used first. Tied to the
        # snapshot object itself, not its version string.
        self._rendered_pages = rendered_pages
        self._rendered_of: Snapshot | None = None
        self._rendered: OrderedDict[_QueryKey, bytes] = OrderedDict()

    async def snapshot(self) -> Snapshot:
        """The catalogue as this process knows it, at most `recheck_seconds` old."""
        now = time.monotonic()
        if self._snapshot is not None and now - self._checked_at < self._recheck_seconds:
            return self._snapshot
        version = await self._version()
        if self._snapshot is None or self._snapshot.version != version:
            self._snapshot = await _load(version)
        self._checked_at = now
        return self._snapshot

    async def search(self, query: schemas.CatalogueQuery) -> tuple[schemas.ItemsPage, str]:
        """A page of matching items and the snapshot's ETag."""
        snapshot = await self.snapshot()
        return _page(snapshot, query), snapshot.etag

    async def search_rendered(self, query: schemas.CatalogueQuery) -> tuple[bytes, str]:
        """The same page as `search`, rendered as its JSON answer (remembered per snapshot and
        query: see the module's note), and the snapshot's ETag."""
        snapshot = await self.snapshot()
        if snapshot is not self._rendered_of:
            self._rendered.clear()
            self._rendered_of = snapshot
        key = (query.q, query.department, query.visits, query.online, query.page, query.page_size)
        body = self._rendered.get(key)
        if body is None:
            body = _page(snapshot, query).model_dump_json().encode()
            self._rendered[key] = body
            if len(self._rendered) > self._rendered_pages:
                self._rendered.popitem(last=False)
        else:
            self._rendered.move_to_end(key)
        return body, snapshot.etag

    async def item(self, code: str) -> tuple[schemas.ItemDetail, str]:
        snapshot = await self.snapshot()
        found = snapshot.by_code.get(code)
        if found is None:
            raise errors.ItemNotFound()
        return found, snapshot.etag

    async def departments(self) -> tuple[list[schemas.DepartmentOut], str]:
        snapshot = await self.snapshot()
        return list(snapshot.departments), snapshot.etag

    async def sync(self, core: CoreApproval) -> SyncReport:
        """Bring the catalogue up to the core system's: new items added, changed ones updated,
        missing ones withdrawn (kept for the applications that name them)."""
        published = await core.catalogue()
        report = await store_items(published)
        await self._bump_version()
        return report

    async def _version(self) -> str:
        """The catalogue's version, read from the items themselves: a sync, the demo's seeding
        or an operator's edit from any process changes it (each write stamps `updated_at`)."""
        rows = await rows_of(_VERSION_SQL, ())
        count, last = rows[0]["count"], rows[0]["last"]
        stamp = last.timestamp() if last is not None else 0.0
        return hashlib.sha256(f"{count}:{stamp}".encode()).hexdigest()[:16]

    async def _bump_version(self) -> None:
        self._snapshot = None  # this process sees its own sync at once; the others within seconds


_VERSION_SQL = "SELECT count(*) AS count, max(updated_at) AS last FROM approval_item"


async def store_items(published: Sequence[ItemSpec]) -> SyncReport:
    added = updated = 0
    async with transaction():
        departments = await _store_departments(published)
        existing = {item.code: item for item in await ServiceItem.all().select_for_update()}
        new_items = []
        for spec in published:
            fields = _item_fields(spec, departments[spec.department_code])
            current = existing.pop(spec.code, None)
            if current is None:
                new_items.append(ServiceItem(code=spec.code, **fields))
            elif _differs(current, fields):
                await ServiceItem.filter(id=current.id).update(**fields)
                updated += 1
        if new_items:  # one statement for a whole new catalogue (the first sync, the demo)
            await ServiceItem.bulk_create(new_items)
            added = len(new_items)
        gone = [item.id for item in existing.values() if item.active]
        if gone:
            await ServiceItem.filter(id__in=gone).update(active=False)
    return SyncReport(added=added, updated=updated, withdrawn=len(gone))


async def _store_departments(published: Sequence[ItemSpec]) -> dict[str, Department]:
    names = {spec.department_code: spec.department_name for spec in published}
    known = {d.code: d for d in await Department.filter(code__in=list(names))}
    for code, name in names.items():
        department = known.get(code)
        if department is None:
            known[code] = await Department.create(code=code, name=name)
        elif department.name != name:
            department.name = name
            await department.save(update_fields=["name"])
    return known


def _item_fields(spec: ItemSpec, department: Department) -> dict[str, Any]:
    return {
        "name": spec.name,
        "department_id": department.id,
        "kind": spec.kind,
        "conditions": spec.conditions,
        "materials": [dataclasses.asdict(m) for m in spec.materials],
        "legal_limit_days": spec.legal_limit_days,
        "promised_limit_days": spec.promised_limit_days,
        "fees": [dataclasses.asdict(f) for f in spec.fees],
        "visits": spec.visits,
        "online_depth": spec.online_depth,
        "appointment": spec.appointment,
        "online": spec.online,
        "ems_delivery": spec.ems_delivery,
        "payment": spec.payment,
        "queue_code": spec.queue_code,
        "required_level": spec.required_level,
        "form_schema": spec.form_schema,
        "version": spec.version,
        "active": True,
    }


def _differs(current: ServiceItem, fields: dict[str, Any]) -> bool:
    return any(getattr(current, name) != value for name, value in fields.items())


async def _load(version: str) -> Snapshot:
    rows = await ServiceItem.filter(active=True).select_related("department").order_by("code")
    items = tuple(detail_of(row) for row in rows)
    departments = {item.department.code: item.department for item in items}
    return Snapshot(
        version=version,
        items=items,
        by_code={item.code: item for item in items},
        departments=tuple(departments[code] for code in sorted(departments)),
    )


def detail_of(row: ServiceItem) -> schemas.ItemDetail:
    return schemas.ItemDetail(
        code=row.code,
        name=row.name,
        department=schemas.DepartmentOut(code=row.department.code, name=row.department.name),
        kind=row.kind,  # type: ignore[arg-type]  # validated by pydantic against ItemKind
        visits=row.visits,
        online_depth=row.online_depth,
        promised_limit_days=row.promised_limit_days,
        online=row.online,
        appointment=row.appointment,
        ems_delivery=row.ems_delivery,
        payment=row.payment,
        conditions=row.conditions,
        materials=[schemas.MaterialOut(**m) for m in row.materials],
        fees=[schemas.FeeOut(**f) for f in row.fees],
        legal_limit_days=row.legal_limit_days,
        queue_code=row.queue_code,
        required_level=row.required_level,
        form_schema=row.form_schema,
        version=row.version,
    )


def _page(snapshot: Snapshot, query: schemas.CatalogueQuery) -> schemas.ItemsPage:
    found = [item for item in snapshot.items if _matches(item, query)]
    start = (query.page - 1) * query.page_size
    return schemas.ItemsPage(
        items=[_summary(item) for item in found[start : start + query.page_size]],
        total=len(found),
        page=query.page,
        page_size=query.page_size,
    )


def _summary(item: schemas.ItemDetail) -> schemas.ItemSummary:
    return schemas.ItemSummary(
        **{name: getattr(item, name) for name in schemas.ItemSummary.model_fields}
    )


def _matches(item: schemas.ItemDetail, query: schemas.CatalogueQuery) -> bool:
    if (
        query.q is not None
        and query.q not in item.name
        and query.q.lower() not in item.code.lower()
    ):
        return False
    if query.department is not None and item.department.code != query.department:
        return False
    if query.visits is not None and item.visits != query.visits:
        return False
    return query.online is None or item.online == query.online
