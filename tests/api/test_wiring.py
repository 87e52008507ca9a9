"""One wiring: a process builds its gateway clients and services once, whoever runs in it."""

from __future__ import annotations

from api.wiring import Services, build_services
from tests.conftest import LiveServer


async def test_the_embedded_worker_sends_through_the_servers_own_clients(make_app, clean) -> None:
    app = make_app(worker_in_process=True)
    live = LiveServer(app)
    await live.start()
    try:
        services: Services = app.ctx.services
        channels = app.ctx.worker.dispatcher.channels
        assert channels["sms"]._client is services.gateways.sms
        assert channels["app_push"]._client is services.gateways.push
        # Identity signs in through the same WeChat client: one access-token cache for both.
        assert services.identity.sign_in.wechat is services.gateways.wechat
        assert (
            app.ctx.services.identity is services.identity
            and app.ctx.services.booking is services.booking
        )
    finally:
        await live.stop()  # its dispatcher and sweeps must not serve the other tests' data


async def test_identity_moves_and_forgets_persons_through_the_same_booking_service(
    settings, clean
) -> None:
    services = build_services(settings, clean.redis)
    try:
        assert services.booking.move_person in services.identity.merge_hooks
        assert services.booking.forget_person in services.identity.deletion_hooks
    finally:
        await services.aclose()
