"""File storage for application materials: sniffing, both blob stores (one suite, the S3 store
against moto's S3 server on loopback), the encrypting content-addressed vault, download links."""

from __future__ import annotations

import asyncio
import base64
import struct
import time
import uuid
import zlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from moto.server import ThreadedMotoServer

from api.approval.storage import (
    JPEG,
    MAX_UPLOAD_BYTES,
    PDF,
    PNG,
    BlobCorrupt,
    BlobMissing,
    BlobStore,
    DiskBlobStore,
    DownloadLinks,
    FileVault,
    LinkExpired,
    LinkInvalid,
    S3BlobStore,
    StorageUnavailable,
    UnsupportedMediaType,
    UploadTooLarge,
    blob_store_from_settings,
    check_upload,
    download_links_from_settings,
    file_vault_from_settings,
    sniff_media_type,
)
from api.kit.settings import Settings, SettingsError
from tests.conftest import free_port

# --- real minimal files ---------------------------------------------------------------------

PDF_BYTES = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >> endobj\n"
    b"% residence-permit scan of Zhang San, marker MARKER-PLAINTEXT-7731\n"
    b"trailer << /Root 1 0 R /Size 4 >>\n"
    b"%%EOF\n"
)


def png_bytes(width: int = 1, height: int = 1) -> bytes:
    """A valid greyscale PNG: signature, IHDR, IDAT, IEND, each with its CRC."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# The smallest well-known 1x1 baseline-less JPEG (JFIF APP0, one quantisation table, an
# arithmetic-coded frame and scan, then the EOI marker).
JPEG_BYTES = bytes.fromhex(
    "ffd8ffe000104a46494600010101004800480000"
    "ffdb004300030202020202030202020303030304060404040404080606050609080a0a090809090a0c0f0c0a0b0e0b09090d110d0e0f101011100a0c12131210130f101010"
    "ffc9000b080001000101011100"
    "ffcc000600101005"
    "ffda0008010100003f00d2cf20"
    "ffd9"
)


# --- sniffing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "media_type"), [(PDF_BYTES, PDF), (png_bytes(), PNG), (JPEG_BYTES, JPEG)]
)
def test_real_files_are_told_by_their_bytes(data: bytes, media_type: str) -> None:
    assert sniff_media_type(data) == media_type
    assert check_upload(data) == media_type


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 40, id="zip named .pdf"),
        pytest.param(b"<!DOCTYPE html><html><body>%PDF-1.7</body></html>", id="html"),
        pytest.param(PDF_BYTES[: len(PDF_BYTES) // 2], id="truncated pdf"),
        pytest.param(b"%PDF-", id="bare pdf magic"),
        pytest.param(b"%PDF-x\n%%EOF", id="pdf header without a version"),
        pytest.param(b"%PDF-1.7\n<html><script>alert(1)</script></html>", id="pdf header, html"),
        pytest.param(PDF_BYTES + b"\x00" * 2048, id="pdf eof not near the end"),
        pytest.param(png_bytes()[:8] + b"\x00\x00\x00\x0dJUNK", id="png without ihdr"),
        pytest.param(png_bytes()[:8], id="bare png signature"),
        pytest.param(JPEG_BYTES[:-2], id="jpeg without its end"),
        pytest.param(b"\xff\xd8\xff\xd9", id="jpeg markers only"),
        pytest.param(b"GIF89a\x01\x00\x01\x00", id="gif"),
        pytest.param(b"", id="empty"),
    ],
)
def test_anything_else_is_not_a_type_we_take(data: bytes) -> None:
    assert sniff_media_type(data) is None
    with pytest.raises(UnsupportedMediaType):
        check_upload(data)


def test_an_upload_over_ten_megabytes_is_refused_before_sniffing() -> None:
    too_big = PDF_BYTES[:-6] + b" " * MAX_UPLOAD_BYTES + b"%%EOF\n"
    assert sniff_media_type(too_big) == PDF
    with pytest.raises(UploadTooLarge):
        check_upload(too_big)


# --- one suite, both blob stores -------------------------------------------------------------


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 server on a loopback port of its own, for the session."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def s3_store(endpoint: str, timeout_seconds: float = 10.0) -> S3BlobStore:
    """A store on a bucket of its own (created by the caller when it means to)."""
    bucket = f"files-{uuid.uuid4().hex[:12]}"
    return S3BlobStore(
        endpoint, bucket, "test-access", "test-secret", timeout_seconds=timeout_seconds
    )


def files_under(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.is_file())


@pytest.fixture(params=["disk", "s3"])
async def blob_store(
    request: pytest.FixtureRequest, tmp_path: Path, s3_endpoint: str
) -> AsyncIterator[BlobStore]:
    store: BlobStore
    if request.param == "disk":
        store = DiskBlobStore(tmp_path / "files")
    else:
        s3 = s3_store(s3_endpoint)
        await s3.ensure_bucket()
        await s3.ensure_bucket()  # a second time finds it and carries on
        store = s3
    try:
        yield store
    finally:
        await store.aclose()


async def test_put_then_get_exists_and_delete(blob_store: BlobStore) -> None:
    key = "a1b2c3d4e5"
    assert not await blob_store.exists(key)
    await blob_store.put(key, b"first")
    assert await blob_store.exists(key)
    assert await blob_store.get(key) == b"first"
    await blob_store.delete(key)
    assert not await blob_store.exists(key)
    with pytest.raises(BlobMissing):
        await blob_store.get(key)


async def test_put_is_idempotent_and_a_new_put_replaces(blob_store: BlobStore) -> None:
    await blob_store.put("same-key", b"content")
    await blob_store.put("same-key", b"content")
    assert await blob_store.get("same-key") == b"content"
    await blob_store.put("same-key", b"")
    assert await blob_store.get("same-key") == b""


async def test_a_missing_key_is_blob_missing_and_deleting_it_is_a_no_op(
    blob_store: BlobStore,
) -> None:
    with pytest.raises(BlobMissing):
        await blob_store.get("never-stored")
    await blob_store.delete("never-stored")
    assert not await blob_store.exists("never-stored")


async def test_a_ten_megabyte_blob_round_trips(blob_store: BlobStore) -> None:
    large = bytes(range(256)) * (MAX_UPLOAD_BYTES // 256)
    await blob_store.put("large_blob", large)
    assert await blob_store.get("large_blob") == large


async def test_concurrent_puts_of_one_key_leave_one_whole_blob(blob_store: BlobStore) -> None:
    data = b"x" * 300_000
    await asyncio.gather(*(blob_store.put("contended", data) for _ in range(12)))
    assert await blob_store.get("contended") == data


@pytest.mark.parametrize("key", ["../../etc/passwd", "a/b/c/d", ".hidden", "abc", "", "ab cd"])
async def test_keys_that_could_escape_or_collide_are_refused(
    blob_store: BlobStore, key: str
) -> None:
    with pytest.raises(ValueError, match="blob keys"):
        await blob_store.put(key, b"x")


async def test_disk_store_fans_out_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = DiskBlobStore(tmp_path)
    await asyncio.gather(*(store.put("abcdef0123", b"v" * 1000) for _ in range(8)))
    assert (tmp_path / "ab" / "cd" / "abcdef0123").read_bytes() == b"v" * 1000
    assert files_under(tmp_path) == ["abcdef0123"]


async def test_disk_store_that_cannot_write_is_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_bytes(b"")
    with pytest.raises(StorageUnavailable):
        await DiskBlobStore(blocker).put("abcdef0123", b"x")


# --- S3 outages ------------------------------------------------------------------------------


async def test_s3_on_a_closed_port_is_unavailable_within_the_timeout() -> None:
    store = s3_store(f"http://127.0.0.1:{free_port()}", timeout_seconds=0.5)
    started = time.monotonic()
    try:
        with pytest.raises(StorageUnavailable):
            await store.put("abcdef0123", b"x")
        with pytest.raises(StorageUnavailable):
            await store.get("abcdef0123")
    finally:
        await store.aclose()
    assert time.monotonic() - started < 3.0


async def test_s3_that_accepts_and_never_answers_is_unavailable_within_the_deadline() -> None:
    held: list[asyncio.StreamWriter] = []

    async def swallow(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)  # accept the connection, read nothing, answer nothing

    server = await asyncio.start_server(swallow, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    store = s3_store(f"http://127.0.0.1:{port}", timeout_seconds=0.3)
    started = time.monotonic()
    try:
        with pytest.raises(StorageUnavailable):
            await store.exists("abcdef0123")
    finally:
        await store.aclose()
        for writer in held:
            writer.close()
        server.close()
        await server.wait_closed()
    assert time.monotonic() - started < 0.3 * 3 + 1.0


async def test_s3_without_its_bucket_is_unavailable_not_missing(s3_endpoint: str) -> None:
    store = s3_store(s3_endpoint)  # the bucket is never created
    try:
        with pytest.raises(StorageUnavailable, match="NoSuchBucket"):
            await store.put("abcdef0123", b"x")
    finally:
        await store.aclose()


# --- the vault: content addressing, encryption at rest ---------------------------------------

FILE_KEY = b"\x07" * 32


class CountingStore(DiskBlobStore):
    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.puts = 0

    async def put(self, key: str, data: bytes) -> None:
        self.puts += 1
        await super().put(key, data)


async def test_identical_content_is_stored_once(tmp_path: Path) -> None:
    store = CountingStore(tmp_path)
    vault = FileVault(store, FILE_KEY)
    first = await vault.store(PDF_BYTES)
    second = await vault.store(PDF_BYTES)
    assert first == second
    assert (first.size, first.media_type) == (len(PDF_BYTES), PDF)
    assert len(first.digest) == 64
    assert store.puts == 1
    assert await vault.load(first.digest) == PDF_BYTES
    other = await vault.store(png_bytes(2, 2))
    assert other.media_type == PNG and other.digest != first.digest
    assert await vault.load(other.digest) == png_bytes(2, 2)


async def test_what_lies_on_disk_is_ciphertext(tmp_path: Path) -> None:
    vault = FileVault(DiskBlobStore(tmp_path), FILE_KEY)
    stored = await vault.store(PDF_BYTES)
    on_disk = DiskBlobStore(tmp_path).path_of(stored.digest).read_bytes()
    assert b"MARKER-PLAINTEXT" not in on_disk
    assert b"%PDF" not in on_disk
    assert len(on_disk) == 1 + 12 + len(PDF_BYTES) + 16  # format, nonce, ciphertext, tag


async def test_a_tampered_blob_does_not_open(tmp_path: Path) -> None:
    vault = FileVault(DiskBlobStore(tmp_path), FILE_KEY)
    stored = await vault.store(PDF_BYTES)
    path = DiskBlobStore(tmp_path).path_of(stored.digest)
    sealed = bytearray(path.read_bytes())
    sealed[40] ^= 0x01
    path.write_bytes(bytes(sealed))
    with pytest.raises(BlobCorrupt):
        await vault.load(stored.digest)


async def test_a_blob_moved_under_another_digest_or_opened_with_another_key_fails(
    tmp_path: Path,
) -> None:
    store = DiskBlobStore(tmp_path)
    vault = FileVault(store, FILE_KEY)
    pdf = await vault.store(PDF_BYTES)
    png = await vault.store(png_bytes())
    await store.put(png.digest, await store.get(pdf.digest))
    with pytest.raises(BlobCorrupt):
        await vault.load(png.digest)
    with pytest.raises(BlobCorrupt):
        await FileVault(store, b"\x08" * 32).load(pdf.digest)


async def test_the_vault_refuses_what_we_do_not_take_and_misses_what_it_never_stored(
    tmp_path: Path,
) -> None:
    vault = FileVault(DiskBlobStore(tmp_path), FILE_KEY)
    with pytest.raises(UnsupportedMediaType):
        await vault.store(b"<html>not a scan</html>")
    with pytest.raises(BlobMissing):
        await vault.load("0" * 64)
    with pytest.raises(BlobMissing):
        await vault.load("../../etc/passwd")
    assert files_under(tmp_path) == []
    with pytest.raises(ValueError, match="32 bytes"):
        FileVault(DiskBlobStore(tmp_path), b"short")


async def test_the_vault_works_on_object_storage_too(s3_endpoint: str) -> None:
    store = s3_store(s3_endpoint)
    await store.ensure_bucket()
    try:
        vault = FileVault(store, FILE_KEY)
        stored = await vault.store(JPEG_BYTES)
        assert stored.media_type == JPEG
        assert await vault.load(stored.digest) == JPEG_BYTES
        assert JPEG_BYTES not in await store.get(stored.digest)
    finally:
        await store.aclose()


# --- download links --------------------------------------------------------------------------

LINK_SECRET = b"\x05" * 32
NOW = 1_790_000_000


def test_a_link_names_its_file_and_audience_until_it_expires() -> None:
    links = DownloadLinks(LINK_SECRET, lifetime_seconds=300)
    token = links.sign("fil_8Jq2", "per_Zx91", NOW)
    assert links.verify(token, NOW) == ("fil_8Jq2", "per_Zx91")
    assert links.verify(token, NOW + 299) == ("fil_8Jq2", "per_Zx91")
    with pytest.raises(LinkExpired):
        links.verify(token, NOW + 300)
    core = links.sign("fil_8Jq2", "core", NOW)
    assert links.verify(core, NOW) == ("fil_8Jq2", "core")  # the caller checks who may use it
    odd = links.sign('文件.1\x1f"]', "per_\u0000", NOW)
    assert links.verify(odd, NOW) == ('文件.1\x1f"]', "per_\u0000")


def test_a_tampered_or_foreign_link_is_invalid() -> None:
    links = DownloadLinks(LINK_SECRET)
    token = links.sign("fil_1", "per_1", NOW)
    body, mac = token.split(".")
    forged_body = base64.urlsafe_b64encode(b'["fil_2","per_1",1790000300]').rstrip(b"=").decode()
    candidates = [
        f"{forged_body}.{mac}",
        f"{body}.{mac[:-1]}{'A' if mac[-1] != 'A' else 'B'}",
        f"{body[:-1]}{'A' if body[-1] != 'A' else 'B'}.{mac}",
        DownloadLinks(b"\x06" * 32).sign("fil_1", "per_1", NOW),
        f"{body}.{mac}.{mac}",
        f"{body}{mac}",
        token + "=",
    ]
    for candidate in candidates:
        with pytest.raises(LinkInvalid) as raised:
            links.verify(candidate, NOW)
        assert type(raised.value) is LinkInvalid, candidate


def test_an_expired_forgery_is_invalid_not_expired() -> None:
    """The signature is checked before the expiry: a forger learns nothing from the answer."""
    links = DownloadLinks(LINK_SECRET)
    forged = DownloadLinks(b"\x06" * 32).sign("fil_1", "per_1", NOW - 10_000)
    with pytest.raises(LinkInvalid) as raised:
        links.verify(forged, NOW)
    assert type(raised.value) is LinkInvalid


def test_links_need_a_real_secret_and_lifetime() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        DownloadLinks(b"short")
    with pytest.raises(ValueError, match="positive"):
        DownloadLinks(LINK_SECRET, lifetime_seconds=0)


@given(st.text(max_size=300))
@example("")
@example(".")
@example("a.b")
@example("é." + "A" * 43)
@example("A" * 10 + "." + "A" * 43)
def test_no_string_makes_verify_raise_anything_but_link_invalid(token: str) -> None:
    with pytest.raises(LinkInvalid):
        DownloadLinks(LINK_SECRET).verify(token, NOW)


@given(st.from_regex(r"\A[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{43}\Z"))
def test_no_well_formed_forgery_raises_anything_but_link_invalid(token: str) -> None:
    with pytest.raises(LinkInvalid):
        DownloadLinks(LINK_SECRET).verify(token, NOW)


@given(st.binary(max_size=300))
def test_a_correctly_signed_garbage_payload_is_still_only_link_invalid(payload: bytes) -> None:
    """Were the secret to leak into a forger's hands, or an older format come back, reading
    the payload must still answer LinkInvalid, never a TypeError or a KeyError."""
    links = DownloadLinks(LINK_SECRET)
    body = base64.urlsafe_b64encode(payload).rstrip(b"=").decode()
    if not body:
        return
    mac = base64.urlsafe_b64encode(links._mac(body)).rstrip(b"=").decode()
    try:
        file_id, audience = links.verify(f"{body}.{mac}", NOW)
    except LinkInvalid:
        return
    assert isinstance(file_id, str) and isinstance(audience, str)  # it happened to fit


# --- from the settings -----------------------------------------------------------------------


def test_the_default_store_is_on_disk_under_the_var_directory(tmp_path: Path) -> None:
    settings = Settings(env="dev", var_dir=tmp_path / "var")
    store = blob_store_from_settings(settings)
    assert isinstance(store, DiskBlobStore)
    assert store.root == tmp_path / "var" / "files"
    elsewhere = blob_store_from_settings(settings.model_copy(update={"storage_dir": tmp_path}))
    assert isinstance(elsewhere, DiskBlobStore) and elsewhere.root == tmp_path


async def test_settings_build_the_vault_and_links_with_dev_keys(tmp_path: Path) -> None:
    settings = Settings(env="dev", var_dir=tmp_path / "var")
    vault = file_vault_from_settings(settings, blob_store_from_settings(settings))
    stored = await vault.store(PDF_BYTES)
    again = file_vault_from_settings(settings, blob_store_from_settings(settings))
    assert await again.load(stored.digest) == PDF_BYTES  # the dev key is generated once
    links = download_links_from_settings(settings)
    assert links.lifetime_seconds == 300
    assert links.verify(links.sign("fil_1", "core", NOW), NOW) == ("fil_1", "core")


def test_s3_settings_must_be_complete(tmp_path: Path, s3_endpoint: str) -> None:
    partial = Settings(env="dev", var_dir=tmp_path, storage_backend="s3", s3_bucket="files")
    with pytest.raises(SettingsError) as raised:
        blob_store_from_settings(partial)
    assert len(raised.value.problems) == 3
    assert "YIWANG_S3_ENDPOINT_URL" in str(raised.value)
    complete = partial.model_copy(
        update={"s3_endpoint_url": s3_endpoint, "s3_access_key": "a", "s3_secret_key": "s"}
    )
    store = blob_store_from_settings(complete)
    assert isinstance(store, S3BlobStore) and store.bucket == "files"
