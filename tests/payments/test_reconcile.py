"""Reconciliation (对账): each channel's statement format read exactly (or refused by line),
each of the four differences found and nothing else, orphans shown, operators' notes kept
across re-runs, and `yiwang payments ...` end to end."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tortoise.exceptions import BaseORMException

from api.kit import clock
from api.kit.clock import HALL_TIMEZONE
from api.kit.db import default_client
from api.kit.ids import new_public_id
from api.kit.settings import Settings
from auth.models import Person
from payments import errors
from payments.gateways.channel import (
    ChannelRefused,
    ChannelUnavailable,
    OrderToPay,
    PaymentChannel,
    RemoteOrder,
)
from payments.gateways.wechatpay_client import WeChatPayClient
from payments.models import (
    Channel,
    DifferenceKind,
    OrderStatus,
    PaymentOrder,
    PaymentOrphan,
    ReconciliationDifference,
    ReconciliationRun,
    Refund,
)
from payments.reconcile import (
    Reconciliation,
    StatementRow,
    Word,
    channel_of_statement,
    parse_nontax_statement,
    parse_wechat_bill,
    yuan_to_fen,
)
from payments.service import FeeItemIn, FeeNoticeIn, PaymentNotice, Payments
from tests.conftest import free_port
from tests.payments.test_wechatpay_client import OPENID as SANDBOX_PAYER
from tests.payments.test_wechatpay_client import (  # the sandbox's fixtures, shared
    PaySite,
    an_order,
    pay_site_server,  # noqa: F401
    site,  # noqa: F401
    wxpay,  # noqa: F401
)
from tests.yiwang_cli import yiwang

K = DifferenceKind
S = OrderStatus
DAY = date(2026, 12, 1)
TOTAL = 2_500
OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"  # the payer's openid: never kept, never shown
payments = Payments()
_numbers = itertools.count(1)


def at(hour: int, minute: int = 0, second: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute, second), HALL_TIMEZONE)


async def a_paid_order(channel: Channel, paid_at: datetime) -> PaymentOrder:
    """An order paid the way a channel's callback pays it."""
    person = await Person.create(public_id=new_public_id("per"), level=2)
    notice = FeeNoticeIn(
        notice_number=f"R{next(_numbers):08d}",
        payee_code="110101001",
        region_code="110101",
        total_fen=TOTAL,
        due_date=date(2026, 12, 31),
        items=(FeeItemIn(code="0101", name="工本费", amount_fen=TOTAL),),
    )
    order = await payments.order_for_fee_notice(notice, person.id, "app_x")
    await payments.move(order, S.PAYING, source="citizen", channel=channel)
    await payments.payment_notified(
        PaymentNotice(
            source="wechatpay" if channel is Channel.WECHAT else "nontax",
            notification_id=new_public_id("ntf"),
            channel=channel,
            order_public_id=order.public_id,
            channel_ref=f"tx{order.id:08d}",
            paid_fen=TOTAL,
            payee_is_us=True,
            paid_at=paid_at,
        )
    )
    return await PaymentOrder.get(id=order.id)


async def a_refund(order: PaymentOrder, fen: int, refund_no: str, *, finished: bool = True) -> None:
    await payments.request_refund(order.public_id, fen, "多缴", "stf_recon", refund_no)
    if finished:
        await payments.finish_refund(refund_no, succeeded=True)


# --- WeChat Pay's trade bill -----------------------------------------------------------------

WECHAT_HEADER = (
    "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
    "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,"
    "退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注"
)
WECHAT_SUMMARY = (
    "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额"
)


@dataclass(frozen=True)
class Line:
    """One detail line of a trade bill, amounts in fen."""

    when: datetime
    order_id: str
    paid: int = 0  # a payment line's
    refund: int = 0  # a refund line's
    refund_no: str = ""
    refund_status: str = "SUCCESS"
    fee: int = 0

    def values(self) -> list[str]:
        refund_line = bool(self.refund_no)
        return [
            self.when.strftime("%Y-%m-%d %H:%M:%S"),
            "wx2421b1c4370ec43b",
            "1900000001",
            "0",
            "",
            f"4200{abs(hash(self.order_id)) % 10**12:012d}",
            self.order_id,
            OPENID,
            "JSAPI",
            "REFUND" if refund_line else "SUCCESS",
            "OTHERS",
            "CNY",
            yuan(self.paid),
            "0.00",
            f"5030{abs(hash(self.refund_no)) % 10**12:012d}" if refund_line else "",
            self.refund_no,
            yuan(self.refund),
            "0.00",
            "ORIGINAL" if refund_line else "",
            self.refund_status if refund_line else "",
            "工本费,加急",  # a comma inside a value: the backticks keep the columns
            "",
            yuan(self.fee),
            "0.60%",
            yuan(self.paid),
            yuan(self.refund),
            "",
        ]


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def backticked(values: Sequence[str]) -> str:
    return ",".join(f"`{value}" for value in values)


def wechat_bill(lines: Sequence[Line], *, summary: Sequence[str] | None = None) -> bytes:
    paid = sum(line.paid for line in lines)
    refunded = sum(line.refund for line in lines)
    fees = sum(line.fee for line in lines)
    totals = summary or [
        str(len(lines)),
        yuan(paid),
        yuan(refunded),
        "0.00",
        yuan(fees),
        yuan(paid),
        yuan(refunded),
    ]
    text = [WECHAT_HEADER, *(backticked(line.values()) for line in lines)]
    text += [WECHAT_SUMMARY, backticked(totals)]
    return ("\r\n".join(text) + "\r\n").encode()


MORNING = at(10)

# --- the non-tax platform's statement --------------------------------------------------------

NONTAX_HEADER = "订单号,缴款码,平台流水号,执收单位编码,缴款金额(分),退款金额(分),状态,缴款时间"


@dataclass(frozen=True)
class Row:
    order_id: str
    paid: int
    refunded: int = 0
    status: str = "已缴款"
    when: datetime = MORNING

    def text(self) -> str:
        return ",".join(
            [
                self.order_id,
                "35" + "0" * 17 + "1",
                f"NT{abs(hash(self.order_id)) % 10**10:010d}",
                "110101001",
                str(self.paid),
                str(self.refunded),
                self.status,
                self.when.strftime("%Y-%m-%d %H:%M:%S"),
            ]
        )


def nontax_statement(rows: Sequence[Row], *, total: str | None = None) -> bytes:
    paid = sum(row.paid for row in rows)
    refunded = sum(row.refunded for row in rows)
    last = total or f"合计,{len(rows)},{paid},{refunded},,,,"
    return ("\n".join([NONTAX_HEADER, *(row.text() for row in rows), last]) + "\n").encode()


def kinds(differences: Sequence[ReconciliationDifference]) -> dict[str, DifferenceKind]:
    return {
        d.order_public_id + (f"/{d.refund_no}" if d.refund_no else ""): d.kind for d in differences
    }


# --- parsers ---------------------------------------------------------------------------------


def test_a_wechat_bill_reads_into_typed_rows_without_the_openid() -> None:
    bill = wechat_bill(
        [
            Line(at(9, 30), "pay_a", paid=1999, fee=12),
            Line(at(10), "pay_a", refund=29, refund_no="rf_1", fee=-1),
            Line(at(11), "pay_b", refund=100, refund_no="rf_2", refund_status="PROCESSING"),
        ]
    )
    rows = parse_wechat_bill(bill)
    assert [row.line for row in rows] == [2, 3, 4]
    payment, refund, processing = rows
    assert payment == StatementRow(
        line=2,
        order_id="pay_a",
        channel_ref=payment.channel_ref,
        paid_fen=1999,
        refunded_fen=0,
        status=Word.PAID,
        paid_at=at(9, 30),
    )
    assert (refund.refund_no, refund.refunded_fen, refund.status) == ("rf_1", 29, Word.REFUNDED)
    assert processing.status is Word.REFUND_PENDING
    assert OPENID not in repr(rows)
    assert channel_of_statement(bill) is Channel.WECHAT


def test_yuan_become_fen_exactly() -> None:
    for text, fen in (("0.29", 29), ("19.99", 1999), ("1234567.89", 123456789), ("0.00", 0)):
        assert yuan_to_fen(text, 1, "订单金额") == fen
    assert yuan_to_fen("-0.15", 1, "手续费", negative=True) == -15
    for bad in ("1.5", "1.505", "1e3", "-1.00", "１.00", "1,00"):
        with pytest.raises(errors.StatementMalformed):
            yuan_to_fen(bad, 1, "订单金额")


def test_both_formats_may_start_with_a_bom() -> None:
    bill = wechat_bill([Line(at(9), "pay_a", paid=TOTAL)])
    assert parse_wechat_bill(b"\xef\xbb\xbf" + bill) == parse_wechat_bill(bill)
    statement = nontax_statement([Row("pay_a", TOTAL)])
    assert parse_nontax_statement(b"\xef\xbb\xbf" + statement) == parse_nontax_statement(statement)
    assert channel_of_statement(b"\xef\xbb\xbf" + statement) is Channel.NONTAX


def test_the_wechat_summary_is_checked_against_the_lines() -> None:
    lines = [
        Line(at(9), "pay_a", paid=TOTAL, fee=15),
        Line(at(10), "pay_a", refund=500, refund_no="r"),
    ]
    right = ["2", "25.00", "5.00", "0.00", "0.15", "25.00", "5.00"]
    assert len(parse_wechat_bill(wechat_bill(lines, summary=right))) == 2
    for column, wrong in (
        (0, "3"),
        (1, "25.01"),
        (2, "4.99"),
        (4, "0.14"),
        (5, "24.00"),
        (6, "0.00"),
    ):
        summary = list(right)
        summary[column] = wrong
        with pytest.raises(errors.StatementMalformed) as refused:
            parse_wechat_bill(wechat_bill(lines, summary=summary))
        assert "第 5 行" in refused.value.detail  # the summary line


def _wechat_text(lines: Sequence[Line]) -> list[str]:
    return wechat_bill(lines).decode().split("\r\n")


@pytest.mark.parametrize(
    ("edit", "line"),
    [
        (lambda t: ["交易时间,商户订单号", *t[1:]], 1),
        (lambda t: [t[0], t[1].replace("`", "", 1), *t[2:]], 2),
        (lambda t: [t[0], t[1].replace("`25.00", "`25.0", 1), *t[2:]], 2),
        (lambda t: [t[0], t[1].replace("`SUCCESS", "`REVOKED", 1), *t[2:]], 2),
        (lambda t: [t[0], t[1].replace("`CNY", "`USD", 1), *t[2:]], 2),
        (lambda t: [t[0], t[1].replace("`2026-12-01 09:00:00", "`2026/12/01 09:00", 1), *t[2:]], 2),
        (lambda t: [t[0], t[1].rsplit(",`", 1)[0], *t[2:]], 2),  # a column short
        (lambda t: [t[0], t[1].replace(",`pay_a,", ",`,", 1), *t[2:]], 2),  # no order number
        (
            lambda t: [
                t[0],
                t[1].replace("`25.00", "`0.00"),
                t[2],
                "`1,`0.00,`0.00,`0.00,`0.00,`0.00,`0.00",
            ],
            2,
        ),
        (lambda t: t[:2], 2),  # no summary
        (lambda t: [*t[:3], ""], 3),  # a summary header without its line
        (lambda t: [*t, "`1,`2"], 6),  # something after the summary line
    ],
)
def test_a_malformed_wechat_bill_is_refused_naming_the_line(edit, line: int) -> None:
    text = edit(_wechat_text([Line(at(9), "pay_a", paid=TOTAL)]))
    with pytest.raises(errors.StatementMalformed) as refused:
        parse_wechat_bill("\r\n".join(text).encode())
    assert f"第 {line} 行" in refused.value.detail, refused.value.detail
    assert OPENID not in refused.value.detail


def test_a_nontax_statement_reads_and_its_totals_are_checked() -> None:
    rows = parse_nontax_statement(
        nontax_statement(
            [Row("pay_a", TOTAL), Row("pay_b", TOTAL, 500, "部分退款", at(23, 59, 59))]
        )
    )
    assert [(r.order_id, r.paid_fen, r.refunded_fen, r.status) for r in rows] == [
        ("pay_a", TOTAL, 0, Word.PAID),
        ("pay_b", TOTAL, 500, Word.PARTIALLY_REFUNDED),
    ]
    assert rows[1].paid_at == at(23, 59, 59)
    for total in (
        "合计,3,5000,500,,,,",
        "合计,2,5001,500,,,,",
        "合计,2,5000,0,,,,",
        "合计,2,5000,500,x,,,",
    ):
        with pytest.raises(errors.StatementMalformed) as refused:
            parse_nontax_statement(
                nontax_statement(
                    [Row("pay_a", TOTAL), Row("pay_b", TOTAL, 500, "部分退款")], total=total
                )
            )
        assert "第 4 行" in refused.value.detail


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"", 1),
        ("订单号,缴款金额\n".encode(), 1),
        (f"{NONTAX_HEADER}\n{Row('pay_a', TOTAL).text()}\n".encode(), 2),  # no totals line
        (nontax_statement([Row("pay_a", TOTAL, status="已支付")]), 2),
        (nontax_statement([Row("pay_a", TOTAL, refunded=100)]), 2),  # 已缴款 with a refund
        (nontax_statement([Row("pay_a", TOTAL, refunded=TOTAL, status="部分退款")]), 2),
        (nontax_statement([Row("pay_a", -5)]), 2),
        (nontax_statement([Row("pay_a", TOTAL)]).replace(b"2026-12-01 10:00:00", b"2026-12-01"), 2),
        (nontax_statement([Row("pay_a", TOTAL)]) + b"pay_z,1,2,3,4,5,6,7\n", 4),
        (NONTAX_HEADER.encode() + b"\npay_a,\xff\xfe\n", 2),  # not UTF-8
        (NONTAX_HEADER.encode() + b'\n"pay_a' + b"x" * 200_000 + b'",1\n', 2),  # a huge field
    ],
)
def test_a_malformed_nontax_statement_is_refused_naming_the_line(data: bytes, line: int) -> None:
    with pytest.raises(errors.StatementMalformed) as refused:
        parse_nontax_statement(data)
    assert f"第 {line} 行" in refused.value.detail, refused.value.detail


_VALID = {
    "wechat": wechat_bill(
        [Line(at(9), "pay_a", paid=TOTAL), Line(at(10), "pay_a", refund=1, refund_no="r")]
    ),
    "nontax": nontax_statement([Row("pay_a", TOTAL), Row("pay_b", TOTAL, 1, "部分退款")]),
}


@settings(max_examples=150, deadline=None)
@given(
    which=st.sampled_from(sorted(_VALID)),
    cut=st.integers(0, 2000),
    length=st.integers(0, 40),
    noise=st.binary(max_size=40),
)
def test_any_bytes_parse_or_are_refused_never_a_traceback(
    which: str, cut: int, length: int, noise: bytes
) -> None:
    """A valid file with a piece replaced by noise, and the noise alone, through both parsers."""
    valid = _VALID[which]
    cut %= len(valid)
    for data in (valid[:cut] + noise + valid[cut + length :], noise):
        for parse in (parse_wechat_bill, parse_nontax_statement, channel_of_statement):
            try:
                parse(data)
            except errors.StatementMalformed as refused:
                assert refused.detail.startswith("第 "), refused.detail


# --- matching --------------------------------------------------------------------------------

service = Reconciliation({})


async def test_wechat_each_difference_is_found_and_nothing_else(clean) -> None:
    matching = await a_paid_order(Channel.WECHAT, at(9))
    refunded = await a_paid_order(Channel.WECHAT, at(10))
    await a_refund(refunded, 500, "rf_ok")
    absent = await a_paid_order(Channel.WECHAT, at(11))  # the bill lacks it
    other_amount = await a_paid_order(Channel.WECHAT, at(12))
    pending = await a_paid_order(Channel.WECHAT, at(13))
    await a_refund(pending, TOTAL, "rf_pending", finished=False)
    await a_paid_order(Channel.NONTAX, at(14))  # the other channel's: not this bill's business
    paid_early = await a_paid_order(Channel.WECHAT, at(9, day=DAY - timedelta(days=3)))
    await a_refund(paid_early, 700, "rf_early")  # refunded today, paid days ago
    bill = wechat_bill(
        [
            Line(at(9), matching.public_id, paid=TOTAL, fee=15),
            Line(at(10), refunded.public_id, paid=TOTAL, fee=15),
            Line(at(10, 30), refunded.public_id, refund=500, refund_no="rf_ok", fee=-3),
            Line(at(12), other_amount.public_id, paid=TOTAL + 100),
            Line(at(12, 30), "pay_unknown", paid=TOTAL),
            Line(at(13), pending.public_id, paid=TOTAL),
            Line(at(13, 30), pending.public_id, refund=TOTAL, refund_no="rf_pending"),
            Line(at(15), paid_early.public_id, refund=700, refund_no="rf_early"),
        ]
    )
    report = await service.reconcile(DAY, Channel.WECHAT, bill)
    assert kinds(report.differences) == {
        "pay_unknown": K.MISSING_LOCALLY,
        absent.public_id: K.MISSING_AT_CHANNEL,
        other_amount.public_id: K.AMOUNT_DIFFERS,
        f"{pending.public_id}/rf_pending": K.STATUS_DIFFERS,
    }
    run = report.run
    assert (run.rows_read, run.source, run.channel) == (8, "file", Channel.WECHAT)
    assert (
        run.missing_locally,
        run.missing_at_channel,
        run.amount_differs,
        run.status_differs,
    ) == (
        1,
        1,
        1,
        1,
    )
    by_kind = {d.kind: d for d in report.differences}
    amount = by_kind[K.AMOUNT_DIFFERS]
    assert (amount.local_paid_fen, amount.channel_paid_fen) == (TOTAL, TOTAL + 100)
    status = by_kind[K.STATUS_DIFFERS]
    assert (status.local_status, status.channel_status) == ("refund_pending", "refunded")


async def test_a_matching_wechat_bill_has_no_difference(clean) -> None:
    order = await a_paid_order(Channel.WECHAT, at(9))
    await a_refund(order, TOTAL, "rf_all")
    bill = wechat_bill(
        [
            Line(at(9), order.public_id, paid=TOTAL),
            Line(at(16), order.public_id, refund=TOTAL, refund_no="rf_all"),
        ]
    )
    report = await service.reconcile(DAY, Channel.WECHAT, bill)
    assert report.differences == ()
    assert await ReconciliationDifference.all().count() == 0


async def test_nontax_each_difference_is_found_and_nothing_else(clean) -> None:
    matching = await a_paid_order(Channel.NONTAX, at(9))
    partly = await a_paid_order(Channel.NONTAX, at(10))
    await a_refund(partly, 500, "rf_part")
    absent = await a_paid_order(Channel.NONTAX, at(11))
    other_amount = await a_paid_order(Channel.NONTAX, at(12))
    refunded_there = await a_paid_order(Channel.NONTAX, at(13))
    unpaid_here = await a_paid_order(Channel.WECHAT, at(14))  # paid here through WeChat Pay
    statement = nontax_statement(
        [
            Row(matching.public_id, TOTAL, when=at(9)),
            Row(partly.public_id, TOTAL, 500, "部分退款", at(10)),
            Row(other_amount.public_id, TOTAL + 1, when=at(12)),
            Row(refunded_there.public_id, TOTAL, TOTAL, "已退款", at(13)),
            Row("pay_unknown", TOTAL, when=at(15)),
        ]
    )
    report = await service.reconcile(DAY, Channel.NONTAX, statement)
    assert kinds(report.differences) == {
        "pay_unknown": K.MISSING_LOCALLY,
        absent.public_id: K.MISSING_AT_CHANNEL,
        other_amount.public_id: K.AMOUNT_DIFFERS,
        refunded_there.public_id: K.STATUS_DIFFERS,
    }
    status = next(d for d in report.differences if d.kind is K.STATUS_DIFFERS)
    assert (status.local_status, status.channel_status) == ("paid", "refunded")
    assert (status.local_refunded_fen, status.channel_refunded_fen) == (0, TOTAL)
    # The same order paid here through the other channel: the platform's money is not ours.
    later = DAY + timedelta(days=5)
    elsewhere = nontax_statement([Row(unpaid_here.public_id, TOTAL, when=at(14, day=later))])
    again = await service.reconcile(later, Channel.NONTAX, elsewhere)
    assert [(d.kind, d.local_status) for d in again.differences] == [
        (K.MISSING_LOCALLY, "paid_elsewhere")
    ]


async def test_a_matching_nontax_statement_has_no_difference(clean) -> None:
    order = await a_paid_order(Channel.NONTAX, at(0, 0, 0))
    late = await a_paid_order(Channel.NONTAX, at(23, 59, 59))
    statement = nontax_statement(
        [Row(order.public_id, TOTAL, when=at(0)), Row(late.public_id, TOTAL, when=at(23, 59, 59))]
    )
    assert (await service.reconcile(DAY, Channel.NONTAX, statement)).differences == ()


async def test_another_days_statement_is_refused(clean) -> None:
    statement = nontax_statement(
        [
            Row("pay_a", TOTAL, when=at(9)),
            Row("pay_b", TOTAL, when=at(0, day=DAY + timedelta(days=1))),
        ]
    )
    with pytest.raises(errors.StatementMalformed) as refused:
        await service.reconcile(DAY, Channel.NONTAX, statement)
    assert "第 3 行" in refused.value.detail
    assert await ReconciliationRun.all().count() == 0


async def test_a_payment_near_midnight_is_missing_only_when_truly_absent(clean) -> None:
    # Paid here at 23:59:59 on DAY; the platform put it on the next day's statement.
    late = await a_paid_order(Channel.NONTAX, at(23, 59, 59))
    next_day = DAY + timedelta(days=1)
    first = await service.reconcile(DAY, Channel.NONTAX, nontax_statement([]))
    assert kinds(first.differences) == {late.public_id: K.MISSING_AT_CHANNEL}
    following = nontax_statement([Row(late.public_id, TOTAL, when=at(0, 0, 1, day=next_day))])
    report = await service.reconcile(next_day, Channel.NONTAX, following)
    assert report.differences == () and report.withdrawn == 1  # found on the other side
    assert await service.differences() == []
    again = await service.reconcile(DAY, Channel.NONTAX, nontax_statement([]))
    assert again.differences == ()  # the next day's statement, already read, names it
    # Truly absent: on neither day's statement.
    lost = await a_paid_order(Channel.NONTAX, at(23, 59, 58))
    await service.reconcile(next_day, Channel.NONTAX, following)
    final = await service.reconcile(DAY, Channel.NONTAX, nontax_statement([]))
    assert kinds(final.differences) == {lost.public_id: K.MISSING_AT_CHANNEL}


async def test_a_refund_of_ours_the_wechat_bill_lacks_is_missing_at_the_channel(clean) -> None:
    order = await a_paid_order(Channel.WECHAT, at(9, day=DAY - timedelta(days=2)))
    await a_refund(order, 500, "rf_lost")
    await a_refund(order, 700, "rf_late")
    await _asked_at("rf_lost", at(15))
    await _asked_at("rf_late", at(23, 59, 59))  # WeChat Pay billed it the next day
    report = await service.reconcile(DAY, Channel.WECHAT, wechat_bill([]))
    assert kinds(report.differences) == {
        f"{order.public_id}/rf_lost": K.MISSING_AT_CHANNEL,
        f"{order.public_id}/rf_late": K.MISSING_AT_CHANNEL,
    }
    next_bill = wechat_bill(
        [
            Line(
                at(0, 0, 1, day=DAY + timedelta(days=1)),
                order.public_id,
                refund=700,
                refund_no="rf_late",
            )
        ]
    )
    following = await service.reconcile(DAY + timedelta(days=1), Channel.WECHAT, next_bill)
    assert following.differences == () and following.withdrawn == 1
    assert kinds(await service.differences()) == {
        f"{order.public_id}/rf_lost": K.MISSING_AT_CHANNEL
    }
    again = await service.reconcile(DAY, Channel.WECHAT, wechat_bill([]))
    assert kinds(again.differences) == {f"{order.public_id}/rf_lost": K.MISSING_AT_CHANNEL}


async def _asked_at(refund_no: str, moment: datetime) -> None:
    await Refund.filter(refund_no=refund_no).update(created_at=moment)


async def test_orphans_of_the_day_show_as_missing_locally(clean) -> None:
    linked = await _an_orphan("pay_ghost", "tx_ghost", at(12, 5))
    alone = await _an_orphan("pay_lone", "tx_lone", at(18))
    await _an_orphan("pay_other_day", "tx_od", at(18, day=DAY + timedelta(days=1)))
    bill = wechat_bill([Line(at(12), "pay_ghost", paid=TOTAL)])
    report = await service.reconcile(DAY, Channel.WECHAT, bill)
    found = {d.order_public_id: d for d in report.differences}
    assert set(found) == {"pay_ghost", "pay_lone"}
    assert found["pay_ghost"].orphan_id == linked.id
    assert found["pay_ghost"].kind is K.MISSING_LOCALLY
    assert (found["pay_lone"].orphan_id, found["pay_lone"].channel_paid_fen) == (alone.id, TOTAL)
    assert found["pay_lone"].kind is K.MISSING_LOCALLY


async def test_a_refund_orphan_links_to_the_bills_refund_line(clean) -> None:
    order = await a_paid_order(Channel.WECHAT, at(9))
    orphan = await _an_orphan(order.public_id, "5030_x", at(16), refund_no="rf_never_sent")
    bill = wechat_bill(
        [
            Line(at(9), order.public_id, paid=TOTAL),
            Line(at(15), order.public_id, refund=TOTAL, refund_no="rf_never_sent"),
        ]
    )
    report = await service.reconcile(DAY, Channel.WECHAT, bill)
    (difference,) = report.differences
    assert (difference.kind, difference.refund_no, difference.orphan_id) == (
        K.MISSING_LOCALLY,
        "rf_never_sent",
        orphan.id,
    )
    assert (difference.channel_refunded_fen, difference.channel_status) == (TOTAL, "refunded")


async def _an_orphan(
    order_id: str, channel_ref: str, received_at: datetime, refund_no: str | None = None
) -> PaymentOrphan:
    orphan = await PaymentOrphan.create(
        source="wechatpay",
        notification_id=new_public_id("ntf"),
        kind="transaction" if refund_no is None else "refund",
        out_trade_no=order_id,
        out_refund_no=refund_no,
        channel_ref=channel_ref,
        amount_fen=TOTAL,
        reason="无此订单" if refund_no is None else "无此退款单",
    )
    await PaymentOrphan.filter(id=orphan.id).update(received_at=received_at)
    return orphan


# --- resolving -------------------------------------------------------------------------------


async def test_resolve_with_a_note_once_and_a_rerun_keeps_the_note(clean) -> None:
    absent = await a_paid_order(Channel.NONTAX, at(11))
    statement = nontax_statement([Row("pay_unknown", TOTAL, when=at(15))])
    report = await service.reconcile(DAY, Channel.NONTAX, statement)
    missing_here, missing_there = sorted(report.differences, key=lambda d: d.kind.value)
    assert (
        missing_here.kind is K.MISSING_AT_CHANNEL
        and missing_here.order_public_id == absent.public_id
    )

    with pytest.raises(errors.ResolutionNoteRequired):
        await service.resolve(missing_there.id, "   ", "张三")
    resolved = await service.resolve(missing_there.id, "平台误收，已联系平台退回", "张三")
    assert resolved.resolved_by == "张三" and resolved.resolved_at is not None
    with pytest.raises(errors.DifferenceAlreadyResolved):
        await service.resolve(missing_there.id, "再次处理", "李四")
    with pytest.raises(errors.DifferenceNotFound):
        await service.resolve(999_999, "无", "李四")

    rerun = await service.reconcile(DAY, Channel.NONTAX, statement)
    assert rerun.already_resolved == 1  # found again exactly as resolved: not stored twice
    assert [d.kind for d in rerun.differences] == [K.MISSING_AT_CHANNEL]
    assert rerun.differences[0].id != missing_here.id  # the open one was replaced
    everything = await service.differences(open_only=False, day=DAY)
    assert len(everything) == 2
    kept = await ReconciliationDifference.get(id=missing_there.id)
    assert (kept.resolution_note, kept.resolved_by) == ("平台误收，已联系平台退回", "张三")
    assert [d.id for d in await service.differences()] == [rerun.differences[0].id]
    assert await ReconciliationRun.filter(day=DAY).count() == 2


async def test_the_database_keeps_a_resolution(clean) -> None:
    statement = nontax_statement([Row("pay_unknown", TOTAL), Row("pay_unknown_2", TOTAL)])
    report = await service.reconcile(DAY, Channel.NONTAX, statement)
    difference, still_open = report.differences
    await service.resolve(difference.id, "已核实", "王五")
    with pytest.raises(BaseORMException):
        await ReconciliationDifference.filter(id=difference.id).delete()
    with pytest.raises(BaseORMException):
        await ReconciliationDifference.filter(id=difference.id).update(resolution_note="改写")
    with pytest.raises(BaseORMException):
        await default_client().execute_query(
            "UPDATE payment_reconciliation_difference SET kind = 'something_else' WHERE id = $1",
            [still_open.id],
        )
    with pytest.raises(BaseORMException):  # a resolution names who and why
        await ReconciliationDifference.filter(id=still_open.id).update(resolved_at=at(12))


class _Down:
    channel = Channel.WECHAT

    async def statement(self, day: date) -> bytes:
        raise ChannelUnavailable(Channel.WECHAT, "timeout")


class _Up:
    channel = Channel.WECHAT

    def __init__(self, bill: bytes) -> None:
        self.bill = bill

    async def statement(self, day: date) -> bytes:
        return self.bill


class _Refusing:
    channel = Channel.WECHAT

    def __init__(self, code: str) -> None:
        self.code = code

    async def statement(self, day: date) -> bytes:
        raise ChannelRefused(Channel.WECHAT, self.code, "账单文件不存在")


async def test_a_day_without_a_wechat_bill_is_an_empty_bill(clean) -> None:
    paid = await a_paid_order(Channel.WECHAT, at(9))
    none = Reconciliation({Channel.WECHAT: cast("PaymentChannel", _Refusing("NO_STATEMENT_EXIST"))})
    report = await none.reconcile(DAY, Channel.WECHAT, None)
    assert report.run.rows_read == 0
    assert kinds(report.differences) == {paid.public_id: K.MISSING_AT_CHANNEL}
    other = Reconciliation({Channel.WECHAT: cast("PaymentChannel", _Refusing("SIGN_ERROR"))})
    with pytest.raises(errors.ChannelRefusedError):
        await other.reconcile(DAY, Channel.WECHAT, None)


async def test_a_statement_is_downloaded_when_no_file_is_given(clean) -> None:
    order = await a_paid_order(Channel.WECHAT, at(9))
    bill = wechat_bill([Line(at(9), order.public_id, paid=TOTAL)])
    up = Reconciliation({Channel.WECHAT: cast("PaymentChannel", _Up(bill))})
    report = await up.reconcile(DAY, Channel.WECHAT, None)
    assert report.run.source == "download" and report.differences == ()
    with pytest.raises(ChannelUnavailable):
        down = Reconciliation({Channel.WECHAT: cast("PaymentChannel", _Down())})
        await down.reconcile(DAY, Channel.WECHAT, None)
    with pytest.raises(errors.StatementUnavailable):
        await service.reconcile(DAY, Channel.NONTAX, None)


# --- the command line ------------------------------------------------------------------------


def _env(settings: Settings, tmp_path: Path) -> dict[str, str]:
    return {"YIWANG_VAR_DIR": str(tmp_path / "var"), "YIWANG_DATABASE_URL": settings.db_url}


async def test_yiwang_payments_reconcile_differences_resolve(
    clean, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other_amount = await a_paid_order(Channel.WECHAT, at(12))
    bill = tmp_path / "wechat-2026-12-01.csv"
    bill.write_bytes(
        b"\xef\xbb\xbf"
        + wechat_bill(
            [
                Line(at(12), other_amount.public_id, paid=2600),
                Line(at(13), "pay_unknown", paid=TOTAL),
            ]
        )
    )
    env = _env(settings, tmp_path)
    ran = yiwang("payments", "reconcile", "--date", "2026-12-01", "--file", str(bill), env=env)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "微信支付 对账" in ran.stdout and "读入 2 行" in ran.stdout
    assert "金额不符" in ran.stdout and "本地缺失" in ran.stdout
    assert "25.00" in ran.stdout and "26.00" in ran.stdout and "缴+100" in ran.stdout
    assert OPENID not in ran.stdout + ran.stderr
    table = [line for line in ran.stdout.splitlines() if re.match(r"ID |\d+ ", line)]
    assert len(table) == 3
    header, *rows = table
    assert all(_columns_at(row) == _columns_at(header)[: len(_columns_at(row))] for row in rows)

    listed = yiwang("payments", "differences", "--date", "2026-12-01", env=env)
    assert listed.returncode == 0 and "2 条未处理差异" in listed.stdout
    first = (await service.differences())[0]
    resolved = yiwang(
        "payments", "resolve", str(first.id), "--note", "渠道多收 1 元，已申请退回", "--by", "张三",
        env=env,
    )  # fmt: skip
    assert resolved.returncode == 0, resolved.stderr
    assert "已由 张三 处理" in resolved.stdout
    twice = yiwang("payments", "resolve", str(first.id), "--note", "x", "--by", "李四", env=env)
    assert twice.returncode == 1 and "payments.difference_already_resolved" in twice.stderr
    everything = yiwang("payments", "differences", "--all", env=env)
    assert "2 条差异" in everything.stdout and "渠道多收 1 元" in everything.stdout

    broken = tmp_path / "broken.csv"
    broken.write_bytes(
        wechat_bill([Line(at(12), "pay_x", paid=TOTAL)]).replace(b"`25.00", b"`25", 1)
    )
    refused = yiwang(
        "payments", "reconcile", "--date", "2026-12-01", "--file", str(broken), env=env
    )
    assert (
        refused.returncode == 1
        and "第 2 行" in refused.stderr
        and "Traceback" not in refused.stderr
    )

    # The real clients, sent to this settings' sandbox address where nothing listens.
    nobody = {**env, "YIWANG_PORT": str(free_port())}
    for channel in ("wechat", "nontax"):
        unreachable = yiwang(
            "payments", "reconcile", "--date", "2026-12-01", "--channel", channel, env=nobody
        )
        assert unreachable.returncode == 8, unreachable.stdout + unreachable.stderr
        assert "did not answer" in unreachable.stderr and "Traceback" not in unreachable.stderr

    import api.cli

    monkeypatch.setattr(api.cli, "payment_channels_for", lambda settings: {Channel.WECHAT: _Down()})
    down = yiwang("payments", "reconcile", "--date", "2026-12-01", "--channel", "wechat", env=env)
    assert down.returncode == api.cli.EXIT_CHANNEL == 8
    assert "did not answer" in down.stderr


def _columns_at(line: str) -> list[int]:
    """Where each cell starts, in terminal columns (a Chinese character takes two)."""
    import unicodedata

    starts, column, previous = [], 0, " "
    for char in line:
        if char != " " and previous == " ":
            starts.append(column)
        column += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        previous = char
    return starts


# --- the sandboxes' statements read as the real ones -----------------------------------------


def test_the_wechatpay_sandboxs_bill_reads() -> None:
    from payments.gateways import wechatpay_sandbox as sandbox

    order = {
        "paid_total": 1999,
        "success_time": "2026-12-01T23:59:59+08:00",
        "appid": "wx2421b1c4370ec43b",
        "paid_mchid": "1900000001",
        "transaction_id": "4200000001202612010000000001",
        "out_trade_no": "pay_sandbox",
        "payer": "digest-of-the-openid",
        "description": "工本费,加急",
    }
    refund = {
        "refund": 999,
        "create_time": "2026-12-01T12:00:00+08:00",
        "refund_id": "50300000012026120100000001",
        "out_refund_no": "rf_sandbox",
        "status": "SUCCESS",
    }
    rows = [sandbox._payment_row(order), sandbox._refund_row(order, refund)]
    payment, refunded = parse_wechat_bill(sandbox.trade_bill_csv(rows))
    assert (payment.order_id, payment.paid_fen, payment.status) == ("pay_sandbox", 1999, Word.PAID)
    assert payment.paid_at == at(23, 59, 59)
    assert (refunded.refund_no, refunded.refunded_fen, refunded.status) == (
        "rf_sandbox",
        999,
        Word.REFUNDED,
    )


def test_the_nontax_sandboxs_statement_reads() -> None:
    from payments.gateways.nontax_sandbox import statement_csv

    def paid(order_id: str, fen: int, refunded: int, when: str) -> dict[str, object]:
        return {
            "order_id": order_id,
            "payment_code": "35" + "0" * 17 + "1",
            "platform_serial": f"NT{order_id}",
            "paid_payee_code": "110101001",
            "paid_fen": fen,
            "refunded_fen": refunded,
            "paid_at": when,
        }

    text = statement_csv(
        [
            paid("pay_a", TOTAL, 0, "2026-12-01T01:00:00+00:00"),
            paid("pay_b", TOTAL, 500, "2026-12-01T02:00:00+00:00"),
            paid("pay_c", TOTAL, TOTAL, "2026-12-01T15:59:59+00:00"),
        ]
    )
    rows = parse_nontax_statement(text.encode())
    assert [(r.order_id, r.refunded_fen, r.status) for r in rows] == [
        ("pay_a", 0, Word.PAID),
        ("pay_b", 500, Word.PARTIALLY_REFUNDED),
        ("pay_c", TOTAL, Word.REFUNDED),
    ]
    assert rows[2].paid_at == at(23, 59, 59)


# --- end to end: WeChat Pay's sandbox, its bill downloaded by the real client ----------------


async def test_a_bill_downloaded_from_the_wechatpay_sandbox_reconciles(
    site: PaySite,  # noqa: F811 - the fixture imported above
    wxpay: WeChatPayClient,  # noqa: F811
) -> None:
    ours = await a_paid_order(Channel.WECHAT, clock.now())  # paid here, never at WeChat Pay
    order = await _paid_through_the_sandbox(site, wxpay, TOTAL)
    stranger = await _paid_through_the_sandbox(site, wxpay, TOTAL)  # never here
    await _pay_as_queried(order.order_id, await wxpay.query(order.order_id))
    today = clock.local(clock.now()).date()
    report = await Reconciliation({Channel.WECHAT: wxpay}).reconcile(today, Channel.WECHAT, None)
    assert report.run.source == "download" and report.run.rows_read == 2
    assert kinds(report.differences) == {
        stranger.order_id: K.MISSING_LOCALLY,
        ours.public_id: K.MISSING_AT_CHANNEL,
    }


async def _paid_through_the_sandbox(
    pay_site: PaySite, client: WeChatPayClient, total: int
) -> OrderToPay:
    order = an_order(total)
    await client.prepay(order, SANDBOX_PAYER)
    await pay_site.control("POST", "/pay", {"out_trade_no": order.order_id, "deliver": False})
    return order


async def _pay_as_queried(order_id: str, remote: RemoteOrder) -> None:
    """Our order of that number, paid the way the sweep applies a query's answer."""
    person = await Person.create(public_id=new_public_id("per"), level=2)
    order = await PaymentOrder.create(
        public_id=order_id,
        person_id=person.id,
        application_ref="app_x",
        notice_number=f"R{next(_numbers):08d}",
        payee_code="110101001",
        region_code="110101",
        items=[],
        total_fen=TOTAL,
        due_date=date(2026, 12, 31),
    )
    await payments.move(order, S.PAYING, source="citizen", channel=Channel.WECHAT)
    assert remote.paid_at is not None
    await payments.payment_notified(
        PaymentNotice(
            source="wechatpay",
            notification_id=new_public_id("ntf"),
            channel=Channel.WECHAT,
            order_public_id=order_id,
            channel_ref=remote.channel_ref,
            paid_fen=remote.paid_fen,
            payee_is_us=remote.payee_is_us,
            paid_at=remote.paid_at,
        )
    )
