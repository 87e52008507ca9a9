"""One wiring for every process: `build_services(settings, redis)` makes the gateway clients,
the token caches and one service object per domain, with the hooks between them.

`yiwang serve` builds them when the server starts, `yiwang worker` when it starts, and the
worker inside the embedded server uses the server's own: each gateway client (and WeChat's
access-token cache behind it) exists once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import redis.asyncio as redis

from api.approval import storage
from api.approval.delivery import (
    DeliveryFee,
    DeliveryReports,
    release_paid_deliveries,
    ship_results_by_ems,
)
from api.approval.demo import demo_elicences, demo_items
from api.approval.fees import order_for_each_fee_notice, settle_fee_notice
from api.approval.gateways import core as core_gateway
from api.approval.gateways.core import CoreApproval
from api.approval.local_engine import LocalCoreEngine
from api.approval.service import Approval, build_approval
from api.kit.settings import Settings
from auth import keys as auth_keys
from auth.gateways.idverify import IdVerifyClient
from auth.gateways.wechat import Credentials, WeChatClient
from auth.service import Identity
from auth.tokens import TokenSigner
from auth.vault import Vault
from booking import hall as booking_hall
from booking import live, live_queue
from booking import service as booking_service
from booking.checkin import CheckinTokens
from express.addresses import Addresses
from express.gateways import ems_client
from express.gateways.courier import Party
from express.gateways.ems_client import EmsClient
from express.pickups import Pickups
from express.shipments import Shipments
from notify import service as notify_service
from notify.gateways.push import PushClient
from notify.gateways.sms import SmsClient
from notify.service import Notifier, SmsLoginCodeSender
from notify.wechat_events import WeChatEvents
from payments.callbacks import (
    NonTaxNotifications,
    WeChatPayNotifications,
    notifications_from_settings,
)
from payments.checkout import Checkout
from payments.gateways import nontax_client, wechatpay_client
from payments.gateways.nontax_client import NonTaxClient
from payments.gateways.wechatpay_client import WeChatPayClient
from payments.models import Channel
from payments.receipts import Receipts
from payments.reconcile import Reconciliation
from payments.service import Payments


@dataclass
class Gateways:
    """The outside systems' clients of one process."""

    sms: SmsClient
    wechat: WeChatClient
    idverify: IdVerifyClient
    push: PushClient
    core: CoreApproval
    files: storage.BlobStore
    wechatpay: WeChatPayClient
    nontax: NonTaxClient
    ems: EmsClient

    async def aclose(self) -> None:
        for client in (
            self.sms,
            self.wechat,
            self.idverify,
            self.push,
            self.core,
            self.files,
            self.wechatpay,
            self.nontax,
            self.ems,
        ):
            await client.aclose()


@dataclass
class Services:
    """Everything a process serves with, built once from its settings."""

    settings: Settings
    redis: redis.Redis
    gateways: Gateways
    vault: Vault
    signer: TokenSigner
    notifier: Notifier
    identity: Identity
    booking: booking_service.Booking
    live_queue: live_queue.LiveQueue
    hall_setup: booking_hall.HallSetup
    checkin_tokens: CheckinTokens
    live_hub: live.StatusHub  # subscribes on the first stream
    wechat_events: WeChatEvents
    approval: Approval
    payments: Payments
    checkout: Checkout
    receipts: Receipts
    reconciliation: Reconciliation
    wechatpay_notifications: WeChatPayNotifications
    nontax_notifications: NonTaxNotifications
    addresses: Addresses
    shipments: Shipments
    pickups: Pickups
    delivery_reports: DeliveryReports

    async def aclose(self) -> None:
        await self.gateways.aclose()


def gateways_for(settings: Settings, redis_client: redis.Redis) -> Gateways:
    timeout = settings.gateway_timeout_seconds
    return Gateways(
        sms=SmsClient(
            settings.gateway_url("sms"),
            settings.sms_access_key_id,
            settings.sms_access_key_secret,
            settings.sms_sign_name,
            timeout=timeout,
        ),
        wechat=WeChatClient(
            settings.gateway_url("wechat"),
            settings.wechat_open_base_url or settings.gateway_url("wechat"),
            mini_program=Credentials(settings.wechat_mp_appid, settings.wechat_mp_secret),
            official_account=Credentials(settings.wechat_oa_appid, settings.wechat_oa_secret),
            redis_client=redis_client,
            timeout=timeout,
        ),
        idverify=IdVerifyClient(
            settings.gateway_url("idverify"),
            settings.idverify_app_id,
            settings.idverify_secret,
            timeout=timeout,
        ),
        push=PushClient(settings.gateway_url("push"), settings.push_api_key, timeout=timeout),
        core=core_for(settings),
        files=storage.blob_store_from_settings(settings),
        wechatpay=wechatpay_client.client_from_settings(settings),
        nontax=nontax_client.client_from_settings(settings),
        ems=ems_client.client_from_settings(settings),
    )


def core_for(settings: Settings) -> CoreApproval:
    """The hall's core approval system, or the embedded engine that plays it (the default),
    which serves the demo catalogue and the demo citizens' e-licences."""
    if settings.core_gateway == "http":
        return core_gateway.client_from_settings(settings)
    return LocalCoreEngine(demo_items(), demo_elicences())


def build_services(
    settings: Settings, redis_client: redis.Redis, signer: TokenSigner | None = None
) -> Services:
    """`signer`: the one the process's authenticators already hold, so that an access token
    signed here is known to them (they skip its first signature check)."""
    gateways = gateways_for(settings, redis_client)
    vault = auth_keys.vault_from_settings(settings)
    signer = signer or auth_keys.signer_from_settings(settings)
    notifier = Notifier(vault)
    addresses = Addresses(vault)
    displays = live_queue.LiveStatus(redis_client)
    booking = booking_service.Booking(notifier, redis_client, queue_changed=displays.hall_changed)
    identity = Identity(
        vault=vault,
        signer=signer,
        redis=redis_client,
        code_sender=SmsLoginCodeSender(gateways.sms, settings.sms_code_template),
        wechat=gateways.wechat,
        idverify=gateways.idverify,
        policy_version=settings.privacy_policy_version,
        refresh_lifetime=timedelta(days=settings.refresh_token_days),
        redirect_allowlist=settings.redirect_allowlist,
        # Every package that owns data about persons moves or forgets it with them.
        merge_hooks=[notify_service.move_person, booking.move_person, addresses.move_person],
        deletion_hooks=[
            notify_service.forget_person,
            booking.forget_person,
            addresses.forget_person,
        ],
        release_notices=[notifier.tell_real_name_released],
    )
    hall = hall_sender(settings)
    shipments = Shipments(gateways.ems, notifier, addresses=addresses, hall=hall)
    pickups = Pickups(gateways.ems, addresses, hall=hall, hall_code=settings.ems_pickup_hall_code)
    # A paid order settles its fee notice, or releases the result its delivery fee was for,
    # in the transaction that makes it paid.
    payments = Payments(
        notifier, paid_hooks=[settle_fee_notice(), release_paid_deliveries(shipments)]
    )
    services = Services(
        settings=settings,
        redis=redis_client,
        gateways=gateways,
        vault=vault,
        signer=signer,
        notifier=notifier,
        identity=identity,
        booking=booking,
        live_queue=live_queue.LiveQueue(notifier, displays),
        hall_setup=booking_hall.HallSetup(notifier, booking.full_slots),
        checkin_tokens=CheckinTokens(settings.secret("token_signing_key")),
        live_hub=live.StatusHub(
            redis_client,
            per_process=settings.live_streams_per_process,
            per_address=settings.live_streams_per_address,
            heartbeat=settings.live_stream_heartbeat_seconds,
            lifetime=settings.live_stream_max_seconds,
        ),
        wechat_events=WeChatEvents(vault),
        approval=build_approval(
            gateways.core,
            vault=vault,
            notifier=notifier,
            file_vault=storage.file_vault_from_settings(settings, gateways.files),
            links=storage.download_links_from_settings(settings),
            addresses=addresses,
            pickups=pickups,
        ),
        payments=payments,
        checkout=Checkout(
            payments,
            gateways.nontax,
            gateways.wechatpay,
            openid_of=identity.persons.mini_program_openid,
            province_prefix=settings.nontax_province_prefix,
            query_after=timedelta(minutes=settings.payments_query_after_minutes),
        ),
        receipts=Receipts(gateways.nontax),
        reconciliation=Reconciliation(
            {Channel.NONTAX: gateways.nontax, Channel.WECHAT: gateways.wechatpay}
        ),
        wechatpay_notifications=notifications_from_settings(settings, payments),
        nontax_notifications=NonTaxNotifications(
            payments, nontax_client.platform_verifier_from_settings(settings)
        ),
        addresses=addresses,
        shipments=shipments,
        pickups=pickups,
        delivery_reports=DeliveryReports(gateways.core),
    )
    # Each fee notice the core system issues becomes its order, in the same transaction.
    services.approval.progress.add_fee_notice_hook(order_for_each_fee_notice(payments))
    # A result that goes by post is handed to express when it is ready (its delivery fee, if
    # the hall charges one, becoming the citizen's payment order with it).
    fee = DeliveryFee(
        settings.ems_delivery_fee_fen,
        settings.ems_delivery_fee_payee_code,
        settings.ems_delivery_fee_region_code,
    )
    services.approval.progress.add_result_ready_hook(ship_results_by_ems(shipments, payments, fee))
    return services


def hall_sender(settings: Settings) -> Party:
    """Where results leave from: the hall, as EMS needs a sender."""
    return Party(
        name=settings.hall_sender_name,
        phone=settings.hall_sender_phone,
        province_code=settings.hall_sender_province_code,
        city_code=settings.hall_sender_city_code,
        district_code=settings.hall_sender_district_code,
        address=settings.hall_sender_address,
    )
