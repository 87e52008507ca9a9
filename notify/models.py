"""The transactional outbox: events, their deliveries, the inbox, grants and preferences.

Events and deliveries are written in the caller's own transaction, so a rolled-back business
change never sends anything. Delivery statuses only move forward:
created -> sending -> sent -> delivered | failed | dead. A delivery waiting for a retry stays
`sending` with no lease and a later `due_at`; an expired lease makes it claimable again.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from auth.models import Person


class Platform(StrEnum):
    IOS = "ios"
    ANDROID = "android"
    HARMONY = "harmony"


class DeliveryStatus(StrEnum):
    CREATED = "created"
    SENDING = "sending"
    SENT = "sent"  # the provider accepted it
    DELIVERED = "delivered"  # the provider (or we, for the inbox) confirmed it reached the person
    FAILED = "failed"  # permanent failure on this channel; the next channel takes over
    DEAD = "dead"  # no more tries: retries exhausted, no channel left, or stale


class Event(Model):
    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    event_type = fields.CharField(max_length=48, db_index=True)
    person: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="notify_events", null=True, on_delete=fields.SET_NULL
    )
    person_id: int | None
    # Source + source's event id: publishing the same thing twice gives one event.
    dedupe_key = fields.CharField(max_length=160, unique=True)
    data_sealed = fields.TextField()  # the template data, sealed: it can name people
    urgent = fields.BooleanField(default=False)
    # What the event is about (an application number, a mail number): a later event about the
    # same subject can make this one stale.
    subject = fields.CharField(max_length=64, null=True)
    template_version = fields.SmallIntField(default=1)  # the templates it was rendered with
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "notify_event"


class Delivery(Model):
    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)  # our out_id / client_msg_id
    event: fields.ForeignKeyRelation[Event] = fields.ForeignKeyField(
        "models.Event", related_name="deliveries", on_delete=fields.CASCADE
    )
    event_id: int
    channel = fields.CharField(max_length=16)
    position = fields.SmallIntField(default=0)  # place in the event type's channel list
    round = fields.SmallIntField(default=0)  # 1 and up: re-driven by an operator
    status = fields.CharEnumField(DeliveryStatus, max_length=16, default=DeliveryStatus.CREATED)
    attempts = fields.SmallIntField(default=0)
    due_at = fields.DatetimeField()
    lease_until = fields.DatetimeField(null=True)
    leased_by = fields.CharField(max_length=64, null=True)
    provider_ref = fields.CharField(max_length=64, null=True)
    last_error = fields.CharField(max_length=200, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notify_delivery"
        unique_together = (("event", "channel", "round"),)
        # WeChat's send results name the message by the msgid its send call answered.
        indexes = (("channel", "provider_ref"),)


class InboxMessage(Model):
    """The in-app inbox: always written, whatever else is sent."""

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="inbox", on_delete=fields.CASCADE
    )
    person_id: int
    event: fields.ForeignKeyRelation[Event] = fields.ForeignKeyField(
        "models.Event", related_name="inbox_messages", on_delete=fields.CASCADE
    )
    event_type = fields.CharField(max_length=48)
    title = fields.CharField(max_length=64)
    body = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)
    read_at = fields.DatetimeField(null=True)

    class Meta:
        table = "inbox_message"
        unique_together = (("person", "event"),)


class Preference(Model):
    """A person's opt-out of a category; mandatory notices ignore it."""

    id = fields.BigIntField(primary_key=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="notify_preferences", on_delete=fields.CASCADE
    )
    person_id: int
    category = fields.CharField(max_length=32)
    opted_out = fields.BooleanField(default=False)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "notify_preference"
        unique_together = (("person", "category"),)


class SubscribeGrant(Model):
    """One-time subscribe-message grants a person gave in the mini-program, per template.

    WeChat keeps the real count and has no API to read it; this ledger mirrors it: each
    acceptance is reported by the client and by WeChat's popup event, each send uses one, and
    a 43101 answer or a rejection clears it. One acceptance reported by both counts once:
    `balance` is how many more acceptances the client reported than WeChat (negative: WeChat
    reported more), and a report adds to `remaining` only while its source is not behind.
    """

    id = fields.BigIntField(primary_key=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="subscribe_grants", on_delete=fields.CASCADE
    )
    person_id: int
    template_id = fields.CharField(max_length=64)
    remaining = fields.IntField(default=0)
    balance = fields.IntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "notify_subscribe_grant"
        unique_together = (("person", "template_id"),)


class PushDevice(Model):
    """An app installation that receives a person's push messages, by its push token.

    A token reaches one installation, so it belongs to at most one person: registering it for
    another person moves it. A token is no personal data in the sense of a phone or an ID
    number (it names an app installation, and only our push gateway key can send to it), so it
    is stored as it is (a unique column); it is kept out of logs and answers (masked), and
    a token the push gateway reports invalid is dropped.
    """

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="push_devices", on_delete=fields.CASCADE
    )
    person_id: int
    platform = fields.CharEnumField(Platform, max_length=16)
    token = fields.CharField(max_length=512, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    registered_at = fields.DatetimeField()

    class Meta:
        table = "notify_push_device"


class OfficialAccountFollower(Model):
    """Whether an official-account openid follows the account, as WeChat's subscribe and
    unsubscribe events last said. Keyed by the openid's blind index (an openid may follow
    before its person signs in); the newest event wins, whatever the arrival order."""

    id = fields.BigIntField(primary_key=True)
    openid_index = fields.CharField(max_length=64, unique=True)
    following = fields.BooleanField()
    event_time = fields.BigIntField()  # WeChat's CreateTime of the event that set it
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "notify_oa_follower"
