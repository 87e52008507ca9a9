"""Kernel tables every package shares."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class CallbackRecord(Model):
    """Each outside system's callback, recorded once: a repeat finds its record and changes
    nothing (the house plan's "record once (source, external_id)")."""

    id = fields.BigIntField(primary_key=True)
    source = fields.CharField(max_length=32)
    external_id = fields.CharField(max_length=128)
    received_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "callback_record"
        unique_together = (("source", "external_id"),)
