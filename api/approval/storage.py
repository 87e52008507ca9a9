"""Where citizens' application materials (scans uploaded from the phone) are kept.

Four pieces, each usable alone; the application service composes them:

- `sniff_media_type` and `check_upload`: what a file is, told by its own bytes (never by its name
  or the client's Content-Type), and whether we take it.
- `BlobStore`: bytes under a key. `DiskBlobStore` for one machine (the embedded mode, or a shared
  mount); `S3BlobStore` for S3-compatible object storage (MinIO, a cloud OSS) when several
  machines serve. Both answer `StorageUnavailable` when the storage cannot be reached, so the
  app can answer 503 as for any other dependency outage.
- `FileVault`: content addressing (the SHA-256 of the plaintext is the key, so a file uploaded
  twice is kept once) and encryption at rest with AES-256-GCM: the scans are ID cards and
  licences, personal data like any other (see the house plan's "Data").
- `DownloadLinks`: short-lived HMAC-signed tokens that let the owner or the core approval system
  fetch one file without a session.

The S3 client is aiobotocore: botocore's own request signing, retry modes, endpoint and
addressing rules (so MinIO and the cloud OSS work with the same code as AWS) on aiohttp, without
blocking the event loop. The alternatives are a thread pool around boto3 (a thread per call in
flight) or hand-signed SigV4 requests over httpx (our own signing code to get right and keep).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

import aiohttp
import botocore.exceptions
from aiobotocore.config import AioConfig
from aiobotocore.session import get_session
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from api.kit.settings import Settings, SettingsError

if TYPE_CHECKING:
    from types_aiobotocore_s3 import S3Client

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"

T = TypeVar("T")


class StorageError(Exception):
    """Base of what the storage layer raises on purpose."""


class BlobMissing(StorageError):
    """No blob is stored under the key."""


class StorageUnavailable(StorageError):
    """The storage cannot be reached or did not answer in time: a dependency outage (503)."""


class BlobCorrupt(StorageError):
    """A stored blob does not open with our key or does not match its digest: tampering, a
    truncated write by something other than us, or the wrong key configured."""


class RejectedUpload(Exception):
    """The citizen's file is not one we take; the service turns this into a 4xx."""


class UploadTooLarge(RejectedUpload):
    """Over MAX_UPLOAD_BYTES."""


class UnsupportedMediaType(RejectedUpload):
    """Not a complete PDF, JPEG or PNG by its own bytes."""


class LinkInvalid(Exception):
    """A download token that we did not sign, was altered, or cannot be read."""


class LinkExpired(LinkInvalid):
    """A download token we signed whose lifetime is over."""


# --- what a file is -------------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_IHDR = b"\x00\x00\x00\x0dIHDR"  # the first chunk: 13 bytes long, type IHDR
_JPEG_START = b"\xff\xd8\xff"
_JPEG_END = b"\xff\xd9"
_PDF_HEADER = re.compile(rb"%PDF-\d")
_PDF_EOF = b"%%EOF"
_PDF_TRAILER_WINDOW = 1024  # PDF readers look for %%EOF within the last kilobyte


def sniff_media_type(data: bytes) -> str | None:
    """PDF, JPEG or PNG (as a media type) when the bytes are one, whole; else None.

    Hand-written on purpose: `filetype` and `puremagic` match the leading bytes only (`%PDF`,
    the JPEG SOI marker), so a scan cut off mid-upload passes them. These three formats are the
    only ones we take, and each also has an end we can check (PDF's %%EOF, JPEG's EOI marker) or
    a mandatory first chunk (PNG's IHDR): a dozen lines instead of a dependency that would still
    need them.
    """
    if _PDF_HEADER.match(data) and _PDF_EOF in data[-_PDF_TRAILER_WINDOW:]:
        return PDF
    if data.startswith(_PNG_SIGNATURE) and data[8:16] == _PNG_IHDR:
        return PNG
    if len(data) >= 5 and data.startswith(_JPEG_START) and data.endswith(_JPEG_END):
        return JPEG
    return None


def check_upload(data: bytes) -> str:
    """The media type of an upload we take; UploadTooLarge or UnsupportedMediaType otherwise."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadTooLarge(f"{len(data)} bytes; at most {MAX_UPLOAD_BYTES}")
    media_type = sniff_media_type(data)
    if media_type is None:
        raise UnsupportedMediaType("not a complete PDF, JPEG or PNG")
    return media_type


# --- bytes under a key ----------------------------------------------------------------------

# Letters, digits, "_" and "-" only: no "/" or ".." can climb out of the disk store's root, no
# leading "." can meet the store's own temporary files, and every object store takes them.
_KEY = re.compile(r"^[A-Za-z0-9_-]{4,200}$")


def check_key(key: str) -> str:
    if not _KEY.match(key):
        raise ValueError(f"blob keys are 4-200 letters, digits, '_' or '-'; got {key[:40]!r}")
    return key


class BlobStore(Protocol):
    async def put(self, key: str, data: bytes) -> None:
        """Store `data` under `key`, replacing what was there; doing it twice changes nothing."""

    async def get(self, key: str) -> bytes:
        """The bytes under `key`; BlobMissing when there are none."""

    async def exists(self, key: str) -> bool: ...

    async def delete(self, key: str) -> None:
        """Remove the blob; nothing happens when there is none."""

    async def aclose(self) -> None: ...


class DiskBlobStore:
    """Blobs as files under `root`, fanned out as `ab/cd/<key>` so that no directory holds
    more than a few hundred thousand entries. Every file operation runs in a worker thread."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, key: str) -> Path:
        check_key(key)
        return self.root / key[:2] / key[2:4] / key

    async def put(self, key: str, data: bytes) -> None:
        await _on_disk(_write_atomically, self.path_of(key), data)

    async def get(self, key: str) -> bytes:
        path = self.path_of(key)
        try:
            return await _on_disk(path.read_bytes)
        except FileNotFoundError:
            raise BlobMissing(key) from None

    async def exists(self, key: str) -> bool:
        return await _on_disk(self.path_of(key).is_file)

    async def delete(self, key: str) -> None:
        await _on_disk(self.path_of(key).unlink, True)

    async def aclose(self) -> None:
        return None


async def _on_disk(work: Callable[..., T], *args: object) -> T:
    """Run a blocking file operation off the event loop. A missing file is the caller's to
    read; any other OSError (disk full, read-only, permissions) means the storage cannot serve."""
    try:
        return await asyncio.to_thread(work, *args)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise StorageUnavailable(f"disk storage: {exc.strerror or exc}") from exc


def _write_atomically(path: Path, data: bytes) -> None:
    """Readers see the old file or the whole new one, never a part: write a temporary file
    beside it, flush it to the disk, then rename it over the target (atomic on POSIX). Each
    writer has its own temporary name, so concurrent puts of one key do not mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        with temp.open("xb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable: a crash right after put must not lose the new entry."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# Error codes after which S3 cannot serve us whatever we ask: the server is failing or
# overloaded, or it is set up wrongly (no bucket, refused credentials). Either way the app
# answers 503 and the operators read the log; none of them is the citizen's doing.
_S3_UNAVAILABLE_CODES = frozenset(
    {
        "NoSuchBucket",
        "AccessDenied",
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "SlowDown",
        "ServiceUnavailable",
        "InternalError",
        "RequestTimeout",
    }
)
_S3_MISSING_CODES = frozenset({"NoSuchKey", "404", "NotFound"})
_S3_CONNECTION_ERRORS = (
    botocore.exceptions.ConnectionError,  # refused, DNS, connect timeout, closed mid-request
    botocore.exceptions.HTTPClientError,  # read timeout, and other failures of the transport
    aiohttp.ClientError,
    TimeoutError,
)


class S3BlobStore:
    """Blobs as objects in one bucket of an S3-compatible store.

    Every request is bounded: `timeout_seconds` to connect and for each read, one retry for
    errors botocore deems transient, and an overall deadline of three timeouts for a call, so
    an outage answers StorageUnavailable in seconds instead of holding the citizen's request.
    Nothing is created implicitly: in production the bucket is provisioned with its policies
    by the operators; `ensure_bucket` is for tests and the demo.
    """

    def __init__(
        self,
        endpoint_url: str,
        bucket: str,
        access_key: str,
        secret_key: str,
        region: str = "us-east-1",
        *,
        timeout_seconds: float = 10.0,
    ) -> None:
        self.endpoint_url = endpoint_url
        self.bucket = bucket
        self.region = region
        self.timeout_seconds = timeout_seconds
        self._credentials = (access_key, secret_key)
        self._config = AioConfig(
            connect_timeout=timeout_seconds,
            read_timeout=timeout_seconds,
            retries={"mode": "standard", "total_max_attempts": 2},
            # MinIO and most private object stores serve buckets under the path, not as a
            # subdomain that DNS inside the hall's network would have to know.
            s3={"addressing_style": "path"},
        )
        self._exit_stack = AsyncExitStack()
        self._client: S3Client | None = None
        self._opening = asyncio.Lock()

    async def put(self, key: str, data: bytes) -> None:
        client = await self._connected()
        await self._call(client.put_object(Bucket=self.bucket, Key=check_key(key), Body=data))

    async def get(self, key: str) -> bytes:
        client = await self._connected()

        async def read_whole_object() -> bytes:
            response = await client.get_object(Bucket=self.bucket, Key=check_key(key))
            async with response["Body"] as body:
                return await body.read()

        try:
            return await self._call(read_whole_object())
        except botocore.exceptions.ClientError as exc:
            if _error_code(exc) in _S3_MISSING_CODES:
                raise BlobMissing(key) from None
            raise

    async def exists(self, key: str) -> bool:
        client = await self._connected()
        try:
            await self._call(client.head_object(Bucket=self.bucket, Key=check_key(key)))
        except botocore.exceptions.ClientError as exc:
            if _error_code(exc) in _S3_MISSING_CODES:
                return False
            raise
        return True

    async def delete(self, key: str) -> None:
        client = await self._connected()
        await self._call(client.delete_object(Bucket=self.bucket, Key=check_key(key)))

    async def ensure_bucket(self) -> None:
        """Create the bucket when it is missing (tests and the demo; never production)."""
        client = await self._connected()
        if self.region == "us-east-1":  # the one region S3 refuses a LocationConstraint for
            creating = client.create_bucket(Bucket=self.bucket)
        else:
            creating = client.create_bucket(
                Bucket=self.bucket,
                CreateBucketConfiguration={"LocationConstraint": self.region},  # type: ignore[typeddict-item]
            )
        try:
            await self._call(creating)
        except botocore.exceptions.ClientError as exc:
            if _error_code(exc) not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                raise

    async def aclose(self) -> None:
        self._client = None
        await self._exit_stack.aclose()

    async def _connected(self) -> S3Client:
        """The one client of this store, opened on first use (it holds aiohttp's connection
        pool, which belongs to the running event loop)."""
        async with self._opening:
            if self._client is None:
                access_key, secret_key = self._credentials
                self._client = await self._exit_stack.enter_async_context(
                    get_session().create_client(
                        "s3",
                        endpoint_url=self.endpoint_url,
                        region_name=self.region,
                        aws_access_key_id=access_key,
                        aws_secret_access_key=secret_key,
                        config=self._config,
                    )
                )
            return self._client

    async def _call(self, request: Awaitable[T]) -> T:
        try:
            async with asyncio.timeout(self.timeout_seconds * 3):
                return await request
        except _S3_CONNECTION_ERRORS as exc:
            raise StorageUnavailable(f"object storage at {self.endpoint_url}: {exc}") from exc
        except botocore.exceptions.ClientError as exc:
            if _error_code(exc) in _S3_UNAVAILABLE_CODES or _status(exc) >= 500:
                raise StorageUnavailable(
                    f"object storage at {self.endpoint_url}: {_error_code(exc)}"
                ) from exc
            raise


def _error_code(exc: botocore.exceptions.ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _status(exc: botocore.exceptions.ClientError) -> int:
    return int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0))


# --- content addressing and encryption at rest ----------------------------------------------


@dataclass(frozen=True)
class StoredBlob:
    digest: str  # SHA-256 of the plaintext, lowercase hex: the blob's key and its identity
    size: int  # bytes of the plaintext
    media_type: str


_FORMAT_V1 = b"\x01"  # first byte of every sealed blob, so that a later format can be told apart
_NONCE_BYTES = 12
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


class FileVault:
    """Stores files by the SHA-256 of their content, sealed with AES-256-GCM.

    A sealed blob is `0x01 | nonce (12 bytes) | ciphertext and tag`. The nonce is random per
    blob; the associated data names the digest, so a blob moved under another key does not
    open. Identical content is stored once: the second store finds the key and writes nothing.
    Hashing and sealing 10 MB take tens of milliseconds, so they run off the event loop.
    """

    def __init__(self, store: BlobStore, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the file encryption key is 32 bytes (AES-256)")
        self.blobs = store
        self._aead = AESGCM(key)

    async def store(self, data: bytes) -> StoredBlob:
        """Check, address, seal and store an upload; RejectedUpload when we do not take it."""
        media_type = check_upload(data)
        digest = await asyncio.to_thread(_sha256, data)
        if not await self.blobs.exists(digest):
            sealed = await asyncio.to_thread(self._seal, digest, data)
            await self.blobs.put(digest, sealed)
        return StoredBlob(digest=digest, size=len(data), media_type=media_type)

    async def load(self, digest: str) -> bytes:
        """The plaintext stored under `digest`; BlobMissing or BlobCorrupt otherwise."""
        if not _DIGEST.match(digest):
            raise BlobMissing(digest)
        sealed = await self.blobs.get(digest)
        return await asyncio.to_thread(self._open, digest, sealed)

    async def delete(self, digest: str) -> None:
        """Forget a file (the service decides when no application refers to it any more)."""
        if _DIGEST.match(digest):
            await self.blobs.delete(digest)

    def _seal(self, digest: str, data: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return _FORMAT_V1 + nonce + self._aead.encrypt(nonce, data, _associated_data(digest))

    def _open(self, digest: str, sealed: bytes) -> bytes:
        if not sealed.startswith(_FORMAT_V1):
            raise BlobCorrupt(f"{digest}: unknown format")
        nonce = sealed[1 : 1 + _NONCE_BYTES]
        try:
            data = self._aead.decrypt(nonce, sealed[1 + _NONCE_BYTES :], _associated_data(digest))
        except InvalidTag:
            raise BlobCorrupt(f"{digest}: does not open (tampered, or another key)") from None
        if _sha256(data) != digest:  # cannot happen unless our own sealing was wrong
            raise BlobCorrupt(f"{digest}: content does not match its digest")
        return data


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _associated_data(digest: str) -> bytes:
    return b"yiwang.file.v1\x1f" + digest.encode("ascii")


# --- short-lived download links -------------------------------------------------------------

_LINK_DOMAIN = b"yiwang.download-link.v1\x1f"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,2048}\.[A-Za-z0-9_-]{43}$")  # 43: 32 bytes unpadded


class DownloadLinks:
    """Tokens that let one audience fetch one file until they expire.

    A token is `base64url(payload) "." base64url(HMAC-SHA256(secret, payload))`, where the
    payload is the JSON list [file id, audience, expiry in Unix seconds]. The audience is the
    owner's person public id, or "core" for the core approval system; `verify` returns it and
    the caller checks it against who is asking. Tokens are not encrypted: they name a file id
    and a public id, both opaque, and nothing else.
    """

    def __init__(self, secret: bytes, lifetime_seconds: int = 300) -> None:
        if len(secret) < 32:
            raise ValueError("the download link secret is at least 32 bytes")
        if lifetime_seconds <= 0:
            raise ValueError("a download link lives a positive number of seconds")
        self._secret = secret
        self.lifetime_seconds = lifetime_seconds

    def sign(self, file_id: str, audience: str, now: int) -> str:
        payload = json.dumps(
            [file_id, audience, now + self.lifetime_seconds],
            separators=(",", ":"),
            ensure_ascii=True,
        )
        body = _b64encode(payload.encode("ascii"))
        return f"{body}.{_b64encode(self._mac(body))}"

    def verify(self, token: str, now: int) -> tuple[str, str]:
        """(file id, audience) of a token we signed that has not expired; LinkExpired or
        LinkInvalid otherwise, whatever the token holds."""
        if not isinstance(token, str) or not _TOKEN.match(token):
            raise LinkInvalid("not a download token")
        body, mac = token.split(".")
        expected = _b64encode(self._mac(body)).encode("ascii")
        # Compared in its canonical encoding, so each token has exactly one spelling.
        if not hmac.compare_digest(expected, mac.encode("ascii")):
            raise LinkInvalid("signature does not match")
        file_id, audience, expires = _read_payload(body)
        if now >= expires:
            raise LinkExpired(f"expired at {expires}")
        return file_id, audience

    def _mac(self, body: str) -> bytes:
        return hmac.new(self._secret, _LINK_DOMAIN + body.encode("ascii"), hashlib.sha256).digest()


def _read_payload(body: str) -> tuple[str, str, int]:
    """Only reached for bodies we signed; still checked, since a leaked or rotated secret or an
    older format must answer LinkInvalid, not a TypeError."""
    try:
        payload = json.loads(_b64decode(body))
    except (ValueError, binascii.Error, RecursionError) as exc:
        raise LinkInvalid("payload cannot be read") from exc
    match payload:
        case [str(file_id), str(audience), int(expires)] if not isinstance(expires, bool):
            return file_id, audience, expires
    raise LinkInvalid("payload has the wrong shape")


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# --- from the settings ----------------------------------------------------------------------


def blob_store_from_settings(settings: Settings) -> BlobStore:
    """The process's one blob store, as the settings choose."""
    if settings.storage_backend == "disk":
        return DiskBlobStore(settings.blob_dir)
    problems = settings.storage_problems()
    if problems:
        raise SettingsError(problems)
    assert settings.s3_endpoint_url and settings.s3_bucket  # storage_problems names them
    assert settings.s3_access_key and settings.s3_secret_key
    return S3BlobStore(
        settings.s3_endpoint_url,
        settings.s3_bucket,
        settings.s3_access_key,
        settings.s3_secret_key,
        settings.s3_region,
        timeout_seconds=settings.storage_timeout_seconds,
    )


def file_vault_from_settings(settings: Settings, store: BlobStore) -> FileVault:
    return FileVault(store, settings.secret("file_encryption_key"))


def download_links_from_settings(settings: Settings) -> DownloadLinks:
    return DownloadLinks(
        settings.secret("download_link_key"), settings.download_link_lifetime_seconds
    )
