"""A person's uploads: checked by their bytes, stored once per content and encrypted, fetched
by short-lived signed links that only their owner (or the core system) can get."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from api.approval import errors
from api.approval.models import StoredFile
from api.approval.storage import (
    MAX_UPLOAD_BYTES,
    BlobCorrupt,
    BlobMissing,
    DownloadLinks,
    FileVault,
    LinkExpired,
    LinkInvalid,
    StorageUnavailable,
    sniff_media_type,
)
from api.kit import clock
from api.kit.ids import new_public_id
from auth.models import Person

CORE_AUDIENCE = "core"
log = logging.getLogger("yiwang.approval.files")


@dataclass(frozen=True)
class SignedLink:
    token: str
    expires_at: datetime


@dataclass(frozen=True)
class Download:
    content: bytes
    media_type: str
    file_id: str


class Files:
    def __init__(self, vault: FileVault, links: DownloadLinks) -> None:
        self._vault = vault
        self._links = links

    async def upload(self, person: Person, data: bytes) -> StoredFile:
        if len(data) > MAX_UPLOAD_BYTES:
            raise errors.FileTooLarge(max_bytes=MAX_UPLOAD_BYTES)
        media_type = sniff_media_type(data)
        if media_type is None:
            raise errors.FileTypeRefused()
        try:
            blob = await self._vault.store(data)
        except StorageUnavailable as outage:
            raise errors.StorageUnavailable() from outage
        return await StoredFile.create(
            public_id=new_public_id("fil"),
            person_id=person.id,
            digest=blob.digest,
            size=blob.size,
            media_type=media_type,
        )

    async def link_for_owner(self, person: Person, file_public_id: str) -> SignedLink:
        stored = await own_file(person, file_public_id)
        return self._sign(stored.public_id, person.public_id)

    def link_for_core(self, file_public_id: str) -> SignedLink:
        return self._sign(file_public_id, CORE_AUDIENCE)

    async def download(self, token: str) -> Download:
        """The file a link names, while the link lasts. The link is the credential: it is
        made only for the file's owner or the core system, and lives minutes."""
        try:
            file_public_id, audience = self._links.verify(token, int(clock.now().timestamp()))
        except (LinkInvalid, LinkExpired) as refused:
            raise errors.DownloadLinkInvalid() from refused
        stored = await StoredFile.get_or_none(public_id=file_public_id).select_related("person")
        if stored is None or audience not in (CORE_AUDIENCE, stored.person.public_id):
            raise errors.DownloadLinkInvalid()
        try:
            content = await self._vault.load(stored.digest)
        except StorageUnavailable as outage:
            raise errors.StorageUnavailable() from outage
        except (BlobMissing, BlobCorrupt) as lost:
            # The row outlived its bytes (a restore from an older backup, a tampered store):
            # the operator must know, the citizen is asked to try again later, no traceback.
            log.error(
                "a stored file's bytes are missing or damaged", extra={"file": stored.public_id}
            )
            raise errors.StorageUnavailable() from lost
        return Download(content=content, media_type=stored.media_type, file_id=stored.public_id)

    def _sign(self, file_public_id: str, audience: str) -> SignedLink:
        now = clock.now()
        token = self._links.sign(file_public_id, audience, int(now.timestamp()))
        return SignedLink(
            token=token, expires_at=now + timedelta(seconds=self._links.lifetime_seconds)
        )


async def own_file(person: Person, file_public_id: str) -> StoredFile:
    """The person's own upload; another person's is not found, as one that does not exist."""
    stored = await StoredFile.get_or_none(public_id=file_public_id, person_id=person.id)
    if stored is None:
        raise errors.FileNotFound()
    return stored
