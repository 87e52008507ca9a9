"""The evaluation pad (评价器) in a real browser: idle until the clerk completes a ticket at its
window, then 1-5 stars and tags, stored once in the 好差评 store."""

from __future__ import annotations

from playwright.async_api import expect

from api.approval.models import Evaluation
from booking.models import Ticket
from tests.booking.test_booking import citizen
from tests.booking.test_tickets import take
from tests.screens.conftest import screenshot, serious_accessibility_problems
from tests.screens.support import device_key, hall_of_its_own, hall_with_window, staff_headers


async def test_the_pads_rating_is_stored_once(server, client, new_page) -> None:
    hall, _, window = await hall_with_window(number=1, code=hall_of_its_own())
    _, headers = await citizen(server, level=1)
    assert (await take(client, headers, hall.code)).status_code == 201
    clerk = await staff_headers(client, hall_code=hall.code)
    called = await client.post(f"/api/v1/staff/windows/{window.public_id}/call-next", headers=clerk)
    ticket_id = called.json()["ticket_id"]
    key = await device_key("pad", hall.code)

    page = await new_page()
    await page.goto(f"{server.url}/screens/windows/{window.public_id}/pad")
    await page.get_by_label("设备密钥").fill(key)
    await page.get_by_role("button", name="保存").click()
    await expect(page.locator("#link")).to_have_attribute("data-state", "live")
    await expect(page.get_by_role("heading", name="欢迎您")).to_be_visible()
    await expect(page.locator("#title")).to_have_text("市民中心 1号窗口 服务评价")

    await client.post(f"/api/v1/staff/tickets/{ticket_id}/complete", headers=clerk)
    await expect(page.get_by_role("heading", name="请为 A001 号的服务评价")).to_be_visible()
    await expect(page.get_by_role("button", name="提交评价")).to_be_disabled()
    await page.get_by_text("★★ 不满意").click()
    await page.get_by_text("等待时间长").click()
    assert await serious_accessibility_problems(page) == []
    await screenshot(page, "pad")
    await page.get_by_role("button", name="提交评价").click()
    await expect(page.get_by_role("heading", name="感谢您的评价！")).to_be_visible()

    ticket = await Ticket.get(public_id=ticket_id)
    stored = await Evaluation.filter(ticket_id=ticket.id)
    assert len(stored) == 1
    assert (stored[0].stars, stored[0].tags, stored[0].window) == (
        2,
        ["等待时间长"],
        f"{hall.code}-1",
    )
    assert stored[0].application_id is None
    assert stored[0].follow_up_due_at is not None  # two stars: a bad review the hall follows up

    again = await client.post(
        f"/api/v1/screens/windows/{window.public_id}/evaluations",
        json={"ticket_id": ticket_id, "stars": 5, "tags": []},
        headers={"X-Device-Key": key},
    )
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")
    assert again.json()["code"] == "approval.ticket_already_evaluated"
    assert await Evaluation.filter(ticket_id=ticket.id).count() == 1

    await page.reload()  # the pad knows the ticket is rated: it asks nothing more
    await expect(page.get_by_role("heading", name="欢迎您")).to_be_visible()
