"""The display board (叫号屏) in a real browser: a ticket taken through the API is on the board
within a second, a call is shown (masked name) and said, and the board reconnects by itself
when its server goes away and comes back."""

from __future__ import annotations

from playwright.async_api import Page, expect

from booking.models import Hall
from tests.booking.test_booking import citizen
from tests.booking.test_tickets import take
from tests.conftest import LiveServer
from tests.screens.conftest import screenshot, serious_accessibility_problems
from tests.screens.support import (
    device_key,
    hall_of_its_own,
    hall_with_window,
    named_citizen,
    staff_headers,
)

# The page's speech goes to a list the test reads (headless Chromium has no voice to hear).
RECORD_SPEECH = """
window.__spoken = [];
window.speechSynthesis.speak = function (utterance) { window.__spoken.push(utterance.text); };
"""


async def open_board(
    page: Page, base_url: str, key: str, hall_code: str, *, check: bool = False
) -> None:
    await page.goto(f"{base_url}/screens/halls/{hall_code}/board")
    if check:  # the device's set-up form too
        await expect(page.get_by_role("heading", name="设置叫号屏")).to_be_visible()
        assert await serious_accessibility_problems(page) == []
    await page.get_by_label("设备密钥").fill(key)
    await page.get_by_role("button", name="保存").click()
    await expect(page.locator("#link")).to_have_attribute("data-state", "live")


def waiting_in(page: Page, queue: str = "passport"):
    return page.locator(f'#waiting tr[data-queue="{queue}"] td.number')


async def test_a_ticket_and_its_call_reach_the_board(server, client, new_page) -> None:
    hall, _, window = await hall_with_window(number=3, code=hall_of_its_own())
    await Hall.filter(id=hall.id).update(announcement="请携带身份证原件，留意叫号")
    page = await new_page()
    await page.add_init_script(RECORD_SPEECH)
    await open_board(
        page, server.url, await device_key("display", hall.code), hall.code, check=True
    )
    await expect(waiting_in(page)).to_have_text("0 人")
    await expect(page.locator("#announcement")).to_have_text("请携带身份证原件，留意叫号")
    await page.get_by_label("语音叫号").check()

    _, headers = await named_citizen(server, "张小三")
    assert (await take(client, headers, hall.code)).status_code == 201
    # The measure: on the board within a second of the API's answer.
    await expect(waiting_in(page)).to_have_text("1 人", timeout=1000)

    clerk = await staff_headers(client, hall_code=hall.code)
    called = await client.post(f"/api/v1/staff/windows/{window.public_id}/call-next", headers=clerk)
    assert called.json()["number"] == "A001"
    await expect(page.locator('#windows tr[data-window="3"]')).to_contain_text("A001")
    await expect(waiting_in(page)).to_have_text("0 人")
    latest = page.locator("#calls li").first
    await expect(latest).to_contain_text("A001")
    await expect(latest).to_contain_text("3号窗口")
    await expect(latest).to_contain_text("张*三")  # masked; the clear name never reaches it
    await expect(page.locator("#callout")).to_have_text("请 A001 号 到 3 号窗口")
    assert await page.evaluate("window.__spoken") == ["请A001号到3号窗口办理"]
    assert "张小三" not in await page.content()

    recalled = await client.post(
        f"/api/v1/staff/tickets/{called.json()['ticket_id']}/recall", headers=clerk
    )
    assert recalled.status_code == 200
    await expect(page.locator("#callout")).to_have_attribute("data-calls", "2")
    assert await page.evaluate("window.__spoken") == ["请A001号到3号窗口办理"] * 2

    assert await serious_accessibility_problems(page) == []
    await screenshot(page, "board")


async def test_the_board_reconnects_by_itself(server, make_app, client, new_page) -> None:
    """Its server stops (the stream ends, nothing answers) and a new one starts on the same
    address: the board says it is reconnecting, then shows what changed meanwhile."""
    hall, _, _ = await hall_with_window(code=hall_of_its_own())
    first = LiveServer(make_app())
    await first.start()
    page = await new_page()
    try:
        await open_board(page, first.url, await device_key("display", hall.code), hall.code)
        await expect(waiting_in(page)).to_have_text("0 人")
    finally:
        await first.stop()
    await expect(page.locator("#link")).to_have_attribute("data-state", "reconnecting")
    await expect(page.locator("#link")).to_have_text("连接中断，正在重新连接…")
    await screenshot(page, "board-reconnecting")

    _, headers = await citizen(server, level=1)  # a ticket taken meanwhile, elsewhere
    assert (await take(client, headers, hall.code)).status_code == 201
    second = LiveServer(make_app(port=first.port))
    await second.start()
    try:
        await expect(page.locator("#link")).to_have_attribute("data-state", "live", timeout=40_000)
        await expect(waiting_in(page)).to_have_text("1 人")
    finally:
        await second.stop()
