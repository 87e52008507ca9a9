"""Uploads are judged by their bytes, never their name or declared type; they are at most
10 MB; a PDF comes back byte for byte through its signed link; the same content is stored
once."""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import httpx
import pytest

from api.approval.models import StoredFile
from api.approval.storage import MAX_UPLOAD_BYTES, DiskBlobStore
from tests.approval.support import Hall, citizen

PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.pdf", PDF)
    return buffer.getvalue()


def _blobs(hall: Hall) -> Path:
    store = hall.approval.files._vault.blobs
    assert isinstance(store, DiskBlobStore)
    return store.root


def _blob_count(root: Path) -> int:
    return sum(1 for path in root.rglob("*") if path.is_file()) if root.exists() else 0


async def test_a_file_named_pdf_that_is_not_one_is_refused(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    pretenders = [
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        _zip(),
        b"%PDF-1.4\n" + b"cut off mid-upload",  # a PDF without its end
        b"",
    ]
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        for content in pretenders:
            answer = await http.post(
                "/api/v1/files",
                files={"file": ("photo.pdf", content, "application/pdf")},
                headers=me,
            )
            assert answer.status_code == 415, answer.text
            assert answer.json()["code"] == "approval.file_type_refused"
            raw = await http.post(
                "/api/v1/files",
                content=content,
                headers={**me, "Content-Type": "application/octet-stream"},
            )
            assert raw.status_code == 415, raw.text
    assert await StoredFile.all().count() == 0


async def test_a_file_over_ten_megabytes_is_refused(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    just_over = PDF[:-7] + b"\0" * (MAX_UPLOAD_BYTES - len(PDF) + 1) + PDF[-7:]
    assert len(just_over) == MAX_UPLOAD_BYTES + 1
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=30) as http:
        # One byte over (far over, the server answers 413 before reading the rest and closes
        # the connection, which a client still sending sees as reset).
        raw = await http.post(
            "/api/v1/files",
            content=just_over,
            headers={**me, "Content-Type": "application/octet-stream"},
        )
        assert raw.status_code == 413, raw.text[:200]
        assert raw.json()["code"] == "approval.file_too_large"
        multipart = await http.post(
            "/api/v1/files", files={"file": ("big.pdf", just_over, "application/pdf")}, headers=me
        )
        assert multipart.status_code == 413
        assert multipart.json()["code"] == "approval.file_too_large"
    assert await StoredFile.all().count() == 0


async def test_a_pdf_round_trips_byte_for_byte_and_is_stored_once(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    content = PDF[:-7] + b"% a scan of exactly this\n" + bytes(range(256)) * 40 + PDF[-7:]
    root = _blobs(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        before = _blob_count(root)
        first = await http.post(
            "/api/v1/files", files={"file": ("scan.pdf", content, "application/pdf")}, headers=me
        )
        assert first.status_code == 201, first.text
        assert first.json()["media_type"] == "application/pdf"
        assert first.json()["size"] == len(content)
        assert _blob_count(root) == before + 1
        second = await http.post(
            "/api/v1/files",
            content=content,
            headers={**me, "Content-Type": "application/octet-stream"},
        )
        assert second.status_code == 201
        assert _blob_count(root) == before + 1  # the same content: no second blob
        rows = await StoredFile.all()
        assert len(rows) == 2 and rows[0].digest == rows[1].digest
        # stored sealed, not in the clear
        (blob,) = [p for p in root.rglob(rows[0].digest)]
        assert content not in blob.read_bytes()

        for file_id in (first.json()["file_id"], second.json()["file_id"]):
            link = await http.post(f"/api/v1/files/{file_id}/link", headers=me)
            fetched = await http.get(link.json()["url"])
            assert fetched.status_code == 200
            assert fetched.headers["content-type"] == "application/pdf"
            assert fetched.content == content


async def test_a_multipart_body_that_does_not_parse_is_the_clients_mistake(
    local_hall: Hall, caplog: pytest.LogCaptureFixture
) -> None:
    """No boundary, a boundary the body does not use, a part with no name: 422, nothing
    stored, and nothing at ERROR in the operator's log (Sanic's own form parsing logs one)."""
    _, me = await citizen(local_hall)
    bodies = [
        (
            "multipart/form-data",
            b"--x\r\nContent-Disposition: form-data; name=file\r\n\r\nab\r\n--x--",
        ),
        ("multipart/form-data; boundary=zz", b"--x\r\n\r\nab\r\n--x--"),
        ("multipart/form-data; boundary=x", b"--x\r\nnot a header line\r\n\r\nab\r\n--x--"),
        ("multipart/form-data; boundary=x", b"\x00\xff" * 50),
    ]
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        with caplog.at_level(logging.ERROR):
            for content_type, body in bodies:
                answer = await http.post(
                    "/api/v1/files", content=body, headers={**me, "Content-Type": content_type}
                )
                assert answer.status_code == 422, (content_type, answer.text)
    assert await StoredFile.all().count() == 0
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
