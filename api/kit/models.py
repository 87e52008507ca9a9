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


class IdempotencyRecord(Model):
    """A client's Idempotency-Key and the answer its first request got (api.kit.idempotency):
    one per caller and key, kept 24 hours."""

    id = fields.BigIntField(primary_key=True)
    subject = fields.CharField(max_length=96)
    key = fields.CharField(max_length=64)
    request_digest = fields.CharField(max_length=64)
    response_status = fields.SmallIntField(null=True)
    response_body = fields.TextField(null=True)
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "idempotency_key"
        unique_together = (("subject", "key"),)


class PeriodicRun(Model):
    """A periodic job's lease (see `api.kit.periodic`): the worker whose conditional UPDATE
    moves `next_run_at` on runs this tick."""

    name = fields.CharField(max_length=64, primary_key=True)
    next_run_at = fields.DatetimeField()
    runs = fields.BigIntField(default=0)
    last_run_by = fields.CharField(max_length=64, null=True)
    last_started_at = fields.DatetimeField(null=True)
    last_finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "periodic_run"
