"""The window clerk's console in a real browser: signing in, the clerk's click calling the
ticket (and the board changing with it), the appointment's service item and materials
checklist, and recall, complete, missed, transfer and pause by their keyboard shortcuts."""

from __future__ import annotations

from playwright.async_api import Page, expect

from booking.models import Category, ServiceCategory, Ticket, TicketStatus, Window
from tests.booking.test_booking import citizen
from tests.booking.test_tickets import take
from tests.screens.conftest import screenshot, serious_accessibility_problems
from tests.screens.support import (
    appointment_starting_soon,
    clerk,
    device_key,
    hall_of_its_own,
    hall_with_window,
    named_citizen,
)
from tests.screens.test_board import open_board

ID_CARD = "11440100007501-002"  # 居民身份证换领, in the demo catalogue


async def sign_in(page: Page, base_url: str, window: Window, hall_code: str) -> None:
    username, password = await clerk(hall_code=hall_code)
    await page.goto(f"{base_url}/screens/windows/{window.public_id}")
    await expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()
    assert await serious_accessibility_problems(page) == []  # the sign-in form too
    await page.get_by_label("用户名").fill(username)
    await page.get_by_label("密码").fill(password)
    await page.get_by_role("button", name="登录").click()
    await expect(page.locator("#link")).to_have_attribute("data-state", "live")


async def test_the_clerks_click_calls_the_ticket_and_the_board_changes(
    server, client, new_page
) -> None:
    hall, passport, window = await hall_with_window(number=2, code=hall_of_its_own())
    await Category.create(hall=hall, code="visa", name="签证", prefix="V")
    approval = server.app.ctx.services.approval
    await approval.catalogue.sync(approval.core)
    await ServiceCategory.create(hall=hall, service_code=ID_CARD, category=passport)
    # A checked-in appointment for the ID card (A001, priority) and a walk-in (A002).
    person, _ = await named_citizen(server, "李小四")
    appointment = await appointment_starting_soon(hall, passport, person, ID_CARD)
    await server.app.ctx.services.live_queue.check_in(appointment.public_id, hall.code)
    _, headers = await citizen(server, level=1)
    assert (await take(client, headers, hall.code)).status_code == 201

    board = await new_page()
    await open_board(board, server.url, await device_key("display", hall.code), hall.code)
    console = await new_page()
    await sign_in(console, server.url, window, hall.code)
    await expect(console.locator("#title")).to_have_text("市民中心 2号窗口")
    await expect(console.locator("#current-number")).to_have_text("—")
    await expect(console.locator('#waiting tr[data-queue="passport"]')).to_contain_text("2 人")

    await console.get_by_role("button", name="叫下一号").click()
    await expect(console.locator("#current-number")).to_have_text("A001")
    await expect(board.locator('#windows tr[data-window="2"]')).to_contain_text("A001")
    await expect(console.locator("#message")).to_have_text("已叫号 A001")
    await expect(console.locator("#current-meta")).to_contain_text(appointment.public_id)
    checklist = console.locator("#checklists")
    await expect(checklist.get_by_role("heading", name="居民身份证换领")).to_be_visible()
    await expect(checklist.get_by_label("原居民身份证（原件）")).to_be_visible()
    await expect(checklist.get_by_label("居民户口簿（原件）")).to_be_visible()
    await checklist.get_by_label("居民户口簿（原件）").check()
    assert await serious_accessibility_problems(console) == []
    await screenshot(console, "console")

    await console.keyboard.press("r")
    await expect(console.locator("#message")).to_have_text("已重新叫号 A001")
    first = await Ticket.get(label="A001")
    assert first.calls == 2

    await console.keyboard.press("c")
    await expect(console.locator("#message")).to_have_text("A001 已办结，请市民在评价器上评价")
    await expect(console.locator("#current-number")).to_have_text("—")
    await expect(board.locator('#windows tr[data-window="2"]')).to_contain_text("空闲")
    assert (await Ticket.get(label="A001")).status == TicketStatus.COMPLETED

    await console.keyboard.press("n")  # the walk-in: its queue's service items to check
    await expect(console.locator("#current-number")).to_have_text("A002")
    await expect(checklist.get_by_role("heading", name="居民身份证换领")).to_be_visible()
    await console.keyboard.press("m")
    await expect(console.locator("#message")).to_have_text("A002 过号，已排回队尾")
    await console.keyboard.press("n")
    await expect(console.locator("#current-number")).to_have_text("A002")
    await console.get_by_label("转到业务").select_option("visa")
    await console.get_by_label("转到业务").evaluate("select => select.blur()")
    await console.keyboard.press("t")
    await expect(console.locator("#message")).to_have_text("A002 已转到 V 签证")
    moved = await Ticket.get(label="A002")
    assert moved.status == TicketStatus.WAITING
    assert moved.category_id == (await Category.get(code="visa")).id

    await console.keyboard.press("p")
    await expect(console.locator("#message")).to_have_text("窗口已暂停")
    await expect(board.locator('#windows tr[data-window="2"]')).to_contain_text("暂停服务")
    assert (await Window.get(id=window.id)).status == "paused"
    await expect(console.get_by_role("button", name="叫下一号")).to_be_disabled()
    await console.keyboard.press("p")
    await expect(console.locator("#message")).to_have_text("窗口已恢复")
    assert (await Window.get(id=window.id)).status == "open"
