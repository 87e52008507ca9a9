"""QR codes as PNG or SVG images, for whatever a phone should scan (a check-in code, a
payment's cashier page)."""

from __future__ import annotations

import io
from typing import Literal

import qrcode
import qrcode.image.pure
import qrcode.image.svg

ImageFormat = Literal["png", "svg"]


def qr_image(text: str, image_format: str) -> tuple[bytes, str]:
    """The image and its media type: SVG when asked for "svg", else PNG."""
    factory = (
        qrcode.image.svg.SvgPathImage if image_format == "svg" else qrcode.image.pure.PyPNGImage
    )
    buffer = io.BytesIO()
    qrcode.make(text, image_factory=factory).save(buffer)
    return buffer.getvalue(), "image/svg+xml" if image_format == "svg" else "image/png"
