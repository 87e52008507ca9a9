"""Reconciliation (对账): a channel's daily statement matched against our orders.

Two parts. The parsers (one per channel format) are pure: bytes in, typed rows out, and a file
that is not the format is refused with `StatementMalformed` naming the line, never a traceback.
`Reconciliation` matches the rows against the database and stores what differs, for an
operator to resolve with a note.

WeChat Pay's trade bill (交易账单, bill_type=ALL), as its documentation describes the format
("交易账单详细说明", pay.weixin.qq.com/docs/merchant/products/bill-download/format-trade.html):
a header line; one detail line per payment made that day (交易状态 SUCCESS) and per refund
started that day (交易状态 REFUND, repeating the order and carrying the refund's numbers and
amounts); a summary header; one summary line. Fields are comma-separated and every value, in
the detail lines and in the summary line, starts with a backtick (so that Excel keeps long
numbers). Amounts are yuan with two decimals, turned into fen with Decimal, exactly. 交易时间 is
the payment's (or the refund's start) time, `yyyy-MM-dd HH:mm:ss`, Beijing time. We take the
paid amount from 订单金额 (the order's total: what WeChat Pay's notifications call
amount.total and what our orders record) and a refund's from 申请退款金额 (the amount we asked
for: our refund's amount); 应结订单金额 and 退款金额 are the settled amounts, lower than those
only when a merchant coupon paid part, which this hall does not issue. Every summary total is
checked against the sum of its column; the count against the detail lines. 用户标识 (the
payer's openid) is personal data: it is read past and never kept, shown or logged.

The non-tax platform's statement: UTF-8 CSV, one row per order paid that day with its state
when the statement was made (已缴款, 部分退款, 已退款), amounts in fen, and a last line
`合计,<rows>,<sum paid>,<sum refunded>` that is checked.

Both may start with a UTF-8 BOM.

Matching rules (what `Reconciliation.reconcile` reports, one difference per order or refund):

- The statement's side: every order it names is looked up by its number whatever the day it was
  paid here, so a payment made at 23:59:58 that we recorded at 00:00:01 matches.
- The local side: our orders of that channel with money in (paid, partially refunded, refunded,
  amount_mismatch, paid_after_close) whose paid_at falls on the day in hall time (Asia/Shanghai).
  One the statement lacks is missing at the channel, unless the statement of the day before or
  after (the latest run of that day) names it: the two sides put a payment near midnight on
  different days. For WeChat Pay's bill, whose refund lines are the refunds accepted that day,
  the same goes for our succeeded refunds through it asked for that day (by refund number).
  Reconciling a day also withdraws the open "missing at the channel" differences of the
  neighbouring days for the payments and refunds its statement names, whichever day is
  reconciled first.
- Missing locally: the statement names an order we do not have, one we have not recorded as
  paid (created, paying, closed), one paid here through the other channel, or a refund number
  we never sent. Orphans (`PaymentOrphan`: money a channel's callback reported that fits no
  order) received that day through the channel are missing locally too: linked to the
  statement's difference for the same order or refund, or a difference of their own.
- Status: orders compare in common words (`Word`): created, paying and closed are unpaid;
  paid, amount_mismatch and paid_after_close are paid (the two exception states hold the money
  already and an officer resolves them through the order itself); partially_refunded and
  refunded are themselves. The non-tax statement gives each order's state, so its status and
  both amounts are compared. WeChat Pay's bill gives the day's movements, not states: a payment
  line is compared on the paid amount; a refund line is matched by our refund number to our
  refund (succeeded: refunded, requested: refund pending, failed: refund failed) and compared on
  status and amount. A refund WeChat Pay shows but ours is still requested is "refunded at the
  channel, pending here": a status difference.
- A status difference is reported before an amount difference of the same order.

Re-running a day: a new run; the day's open differences for the channel are replaced; resolved
ones are kept with their notes, and a difference found again exactly as one resolved (same
kind, order, refund, amounts and statuses) is not stored a second time (the run counts it).
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from api.kit import clock
from api.kit.clock import HALL_TIMEZONE
from api.kit.db import rows_of, transaction
from payments import callbacks, errors
from payments.gateways.channel import ChannelRefused, PaymentChannel
from payments.models import (
    Channel,
    DifferenceKind,
    OrderStatus,
    PaymentOrder,
    PaymentOrphan,
    ReconciliationDifference,
    ReconciliationRun,
    Refund,
    RefundStatus,
)
from payments.transitions import MONEY_IN

K = DifferenceKind
log = logging.getLogger("yiwang.payments")
BOM = "\ufeff"
# The callback source each channel's orphans are recorded under.
ORPHAN_SOURCES: Mapping[Channel, str] = {
    Channel.WECHAT: callbacks.SOURCE,
    Channel.NONTAX: callbacks.NONTAX_SOURCE,
}


class Word(StrEnum):
    """A payment's or a refund's state in words common to both sides."""

    UNPAID = "unpaid"
    PAID = "paid"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"
    REFUND_PENDING = "refund_pending"
    REFUND_FAILED = "refund_failed"
    PAID_ELSEWHERE = "paid_elsewhere"  # our order's money came through the other channel


@dataclass(frozen=True)
class StatementRow:
    """One detail line of a statement. A WeChat Pay refund line names the refund (`refund_no`,
    and `channel_ref` is WeChat's refund id) and carries its amount in `refunded_fen`."""

    line: int
    order_id: str
    channel_ref: str
    paid_fen: int
    refunded_fen: int
    status: Word
    paid_at: datetime  # aware; a refund line's is when the refund was started
    refund_no: str = ""

    @property
    def is_refund_line(self) -> bool:
        return bool(self.refund_no)


# ---------------------------------------------------------------------------------------------
# Parsers


WECHAT_HEADER = [
    "交易时间",
    "公众账号ID",
    "商户号",
    "特约商户号",
    "设备号",
    "微信订单号",
    "商户订单号",
    "用户标识",
    "交易类型",
    "交易状态",
    "付款银行",
    "货币种类",
    "应结订单金额",
    "代金券金额",
    "微信退款单号",
    "商户退款单号",
    "退款金额",
    "充值券退款金额",
    "退款类型",
    "退款状态",
    "商品名称",
    "商户数据包",
    "手续费",
    "费率",
    "订单金额",
    "申请退款金额",
    "费率备注",
]
WECHAT_SUMMARY_HEADER = [
    "总交易单数",
    "应结订单总金额",
    "退款总金额",
    "充值券退款总金额",
    "手续费总金额",
    "订单总金额",
    "申请退款总金额",
]
# Each summary total and the detail column it adds up.
WECHAT_TOTALS = {
    "应结订单总金额": "应结订单金额",
    "退款总金额": "退款金额",
    "充值券退款总金额": "充值券退款金额",
    "手续费总金额": "手续费",
    "订单总金额": "订单金额",
    "申请退款总金额": "申请退款金额",
}
EMPTY_WECHAT_BILL = "\r\n".join(
    [
        ",".join(WECHAT_HEADER),
        ",".join(WECHAT_SUMMARY_HEADER),
        "`0,`0.00,`0.00,`0.00,`0.00,`0.00,`0.00",
    ]
).encode()
NONTAX_HEADER = [
    "订单号",
    "缴款码",
    "平台流水号",
    "执收单位编码",
    "缴款金额(分)",
    "退款金额(分)",
    "状态",
    "缴款时间",
]
NONTAX_STATUSES = {
    "已缴款": Word.PAID,
    "部分退款": Word.PARTIALLY_REFUNDED,
    "已退款": Word.REFUNDED,
}
_YUAN = re.compile(r"-?[0-9]{1,12}\.[0-9]{2}")
_FEN = re.compile(r"[0-9]{1,14}")
_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def malformed(line: int, problem: str) -> errors.StatementMalformed:
    return errors.StatementMalformed(f"第 {line} 行：{problem}")


def _text_of(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise malformed(line, "不是 UTF-8 文本") from None
    return text.removeprefix(BOM)


def _numbered_lines(text: str) -> list[tuple[int, str]]:
    """The lines with their numbers (from 1), blank ones left out."""
    return [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]


def _hall_time(value: str, line: int, column: str) -> datetime:
    try:
        moment = datetime.strptime(value, _TIME_FORMAT)
    except ValueError:
        raise malformed(line, f"{column} 应为 YYYY-MM-DD HH:MM:SS") from None
    return moment.replace(tzinfo=HALL_TIMEZONE)


def yuan_to_fen(value: str, line: int, column: str, *, negative: bool = False) -> int:
    """Yuan with exactly two decimals as integer fen (Decimal: no binary rounding). An empty
    value is zero (a payment line leaves the refund columns so)."""
    if value == "":
        return 0
    if not _YUAN.fullmatch(value) or (value.startswith("-") and not negative):
        raise malformed(line, f"{column} 应为两位小数的元金额")
    return int(Decimal(value) * 100)


def _wechat_values(line: int, text: str, width: int) -> list[str]:
    """A detail or summary line's values without their backticks. Split on ",`" rather than on
    "," so that a comma inside a product name does not shift the columns."""
    if not text.startswith("`"):
        raise malformed(line, "每个值应以反引号 ` 开头")
    values = text.rstrip("\r")[1:].split(",`")
    if len(values) != width:
        raise malformed(line, f"应有 {width} 列，实有 {len(values)} 列")
    return [value.strip() for value in values]


def parse_wechat_bill(data: bytes) -> tuple[StatementRow, ...]:
    """WeChat Pay's trade bill (bill_type=ALL); the format in this module's docstring."""
    lines = _numbered_lines(_text_of(data))
    if not lines or lines[0][1].strip().split(",") != WECHAT_HEADER:
        raise malformed(lines[0][0] if lines else 1, "不是微信支付交易账单（ALL）的表头")
    summary_at = next(
        (i for i, (_, t) in enumerate(lines) if t.strip().split(",") == WECHAT_SUMMARY_HEADER),
        None,
    )
    if summary_at is None:
        raise malformed(lines[-1][0], "缺少汇总表头（总交易单数,…）")
    details = [
        _wechat_detail(n, _wechat_values(n, t, len(WECHAT_HEADER))) for n, t in lines[1:summary_at]
    ]
    if len(lines) == summary_at + 1:
        raise malformed(lines[summary_at][0], "汇总表头后缺少汇总数据")
    if len(lines) > summary_at + 2:
        raise malformed(lines[summary_at + 2][0], "汇总数据之后不应再有内容")
    n, text = lines[summary_at + 1]
    _check_wechat_totals(n, _wechat_values(n, text, len(WECHAT_SUMMARY_HEADER)), details)
    return tuple(row for row, _ in details)


def _wechat_detail(line: int, values: list[str]) -> tuple[StatementRow, dict[str, int]]:
    """The row, and the line's amounts by column (for the totals)."""
    cell = dict(zip(WECHAT_HEADER, values, strict=True))
    amounts = {
        column: yuan_to_fen(cell[column], line, column, negative=column == "手续费")
        for column in WECHAT_TOTALS.values()
    }
    if cell["货币种类"] != "CNY":
        raise malformed(line, "货币种类应为 CNY")
    order_id = _required(cell, "商户订单号", line)
    at = _hall_time(cell["交易时间"], line, "交易时间")
    state = cell["交易状态"]
    if state == "SUCCESS" and amounts["订单金额"] <= 0:
        raise malformed(line, "支付行的订单金额应大于零")
    if state == "REFUND" and amounts["申请退款金额"] <= 0:
        raise malformed(line, "退款行的申请退款金额应大于零")
    if state == "SUCCESS":
        row = StatementRow(
            line=line,
            order_id=order_id,
            channel_ref=_required(cell, "微信订单号", line),
            paid_fen=amounts["订单金额"],
            refunded_fen=0,
            status=Word.PAID,
            paid_at=at,
        )
    elif state == "REFUND":
        succeeded = cell["退款状态"] == "SUCCESS"
        row = StatementRow(
            line=line,
            order_id=order_id,
            channel_ref=_required(cell, "微信退款单号", line),
            paid_fen=0,
            refunded_fen=amounts["申请退款金额"],
            status=Word.REFUNDED if succeeded else Word.REFUND_PENDING,
            paid_at=at,
            refund_no=_required(cell, "商户退款单号", line),
        )
    else:
        raise malformed(line, "交易状态应为 SUCCESS 或 REFUND")
    return row, amounts


def _required(cell: Mapping[str, str], column: str, line: int) -> str:
    value = cell[column]
    if not value or len(value) > 64:
        raise malformed(line, f"{column} 为空或过长")
    return value


def _check_wechat_totals(
    line: int, values: list[str], details: Sequence[tuple[StatementRow, dict[str, int]]]
) -> None:
    total = dict(zip(WECHAT_SUMMARY_HEADER, values, strict=True))
    if total["总交易单数"] != str(len(details)):
        raise malformed(line, f"总交易单数 {total['总交易单数']} 与明细行数 {len(details)} 不符")
    for total_column, column in WECHAT_TOTALS.items():
        stated = yuan_to_fen(total[total_column], line, total_column, negative=True)
        summed = sum(amounts[column] for _, amounts in details)
        if stated != summed:
            raise malformed(line, f"{total_column} {_yuan(stated)} 与明细之和 {_yuan(summed)} 不符")


def parse_nontax_statement(data: bytes) -> tuple[StatementRow, ...]:
    """The non-tax platform's daily statement; the format in this module's docstring."""
    lines = _csv_lines(_text_of(data))
    if not lines:
        raise malformed(1, "文件为空")
    first, header = lines[0]
    if [value.strip() for value in header] != NONTAX_HEADER:
        raise malformed(first, "不是非税缴款对账单的表头")
    rows: list[StatementRow] = []
    for at, (line, values) in enumerate(lines[1:], start=1):
        if values[0].strip() != "合计":
            rows.append(_nontax_row(line, values))
            continue
        _check_nontax_totals(line, values, rows)
        if at + 1 < len(lines):
            raise malformed(lines[at + 1][0], "合计行之后不应再有内容")
        return tuple(rows)
    raise malformed(lines[-1][0], "缺少合计行")


def _csv_lines(text: str) -> list[tuple[int, list[str]]]:
    """The CSV's records with the line each ends on, blank ones left out."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    try:
        for values in reader:
            if any(value.strip() for value in values):
                records.append((reader.line_num, values))
    except csv.Error:
        raise malformed(max(reader.line_num, 1), "不是有效的 CSV") from None
    return records


def _nontax_row(line: int, values: list[str]) -> StatementRow:
    if len(values) != len(NONTAX_HEADER):
        raise malformed(line, f"应有 {len(NONTAX_HEADER)} 列，实有 {len(values)} 列")
    cell = dict(zip(NONTAX_HEADER, (value.strip() for value in values), strict=True))
    paid = _fen(cell["缴款金额(分)"], line, "缴款金额(分)")
    refunded = _fen(cell["退款金额(分)"], line, "退款金额(分)")
    status = NONTAX_STATUSES.get(cell["状态"])
    if status is None:
        raise malformed(line, "状态应为 已缴款、部分退款 或 已退款")
    if not _amounts_fit(status, paid, refunded):
        raise malformed(line, f"状态 {cell['状态']} 与金额不符")
    return StatementRow(
        line=line,
        order_id=_required(cell, "订单号", line),
        channel_ref=_required(cell, "平台流水号", line),
        paid_fen=paid,
        refunded_fen=refunded,
        status=status,
        paid_at=_hall_time(cell["缴款时间"], line, "缴款时间"),
    )


def _fen(value: str, line: int, column: str) -> int:
    if not _FEN.fullmatch(value):
        raise malformed(line, f"{column} 应为非负整数（分）")
    return int(value)


def _amounts_fit(status: Word, paid: int, refunded: int) -> bool:
    if paid <= 0:
        return False
    if status is Word.PAID:
        return refunded == 0
    if status is Word.PARTIALLY_REFUNDED:
        return 0 < refunded < paid
    return refunded == paid


def _check_nontax_totals(line: int, values: list[str], rows: Sequence[StatementRow]) -> None:
    if len(values) != len(NONTAX_HEADER) or any(value.strip() for value in values[4:]):
        raise malformed(line, "合计行应为 合计,<笔数>,<缴款金额合计>,<退款金额合计>，其余列为空")
    count = _fen(values[1].strip(), line, "笔数")
    paid = _fen(values[2].strip(), line, "缴款金额合计")
    refunded = _fen(values[3].strip(), line, "退款金额合计")
    if count != len(rows):
        raise malformed(line, f"合计笔数 {count} 与明细行数 {len(rows)} 不符")
    if paid != sum(row.paid_fen for row in rows):
        raise malformed(line, "缴款金额合计与明细之和不符")
    if refunded != sum(row.refunded_fen for row in rows):
        raise malformed(line, "退款金额合计与明细之和不符")


PARSERS: Mapping[Channel, Callable[[bytes], tuple[StatementRow, ...]]] = {
    Channel.WECHAT: parse_wechat_bill,
    Channel.NONTAX: parse_nontax_statement,
}
# Whether the statement gives each order's state (the platform's) rather than the day's
# movements (WeChat Pay's: a refund is a line of the day it was made).
GIVES_STATE: Mapping[Channel, bool] = {Channel.WECHAT: False, Channel.NONTAX: True}


def channel_of_statement(data: bytes) -> Channel:
    """Which channel's format a statement file is, by its header line."""
    first = _text_of(data).lstrip().split("\n", 1)[0].strip().split(",")
    if first == WECHAT_HEADER:
        return Channel.WECHAT
    if first == NONTAX_HEADER:
        return Channel.NONTAX
    raise malformed(1, "表头既不是微信支付交易账单，也不是非税缴款对账单")


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def yuan(fen: int | None) -> str:
    """Fen shown as yuan with two decimals (a dash for none)."""
    return "-" if fen is None else _yuan(fen)


# ---------------------------------------------------------------------------------------------
# Matching


@dataclass(frozen=True)
class Found:
    """A difference before it is stored."""

    kind: DifferenceKind
    order_public_id: str
    channel_ref: str = ""
    refund_no: str = ""
    local_paid_fen: int | None = None
    local_refunded_fen: int | None = None
    local_status: str = ""
    channel_paid_fen: int | None = None
    channel_refunded_fen: int | None = None
    channel_status: str = ""
    orphan_id: int | None = None

    def same_as(self, stored: ReconciliationDifference) -> bool:
        """Found again exactly as stored: same kind, order, refund, amounts, statuses, orphan
        (the channel's reference is left out: it names the same money)."""
        return all(getattr(self, name) == getattr(stored, name) for name in _COMPARED)


_COMPARED = (
    "kind",
    "order_public_id",
    "refund_no",
    "local_paid_fen",
    "local_refunded_fen",
    "local_status",
    "channel_paid_fen",
    "channel_refunded_fen",
    "channel_status",
    "orphan_id",
)


@dataclass(frozen=True)
class ReconciliationReport:
    """What one run found: the differences it stored (open), how many it found again exactly
    as an operator had already resolved them, and how many open "missing at the channel"
    differences of the neighbouring days it withdrew."""

    run: ReconciliationRun
    differences: tuple[ReconciliationDifference, ...]
    already_resolved: int
    withdrawn: int


@dataclass
class _Local:
    """What the database holds for the orders and refunds a statement names."""

    orders: dict[str, PaymentOrder] = field(default_factory=dict)
    refunds: dict[str, Refund] = field(default_factory=dict)
    refund_orders: dict[int, str] = field(default_factory=dict)  # order id -> public id


class Reconciliation:
    """Matches channels' statements against our orders and keeps the differences."""

    def __init__(self, channels: Mapping[Channel, PaymentChannel]) -> None:
        self._channels = channels

    async def reconcile(
        self, day: date, channel: Channel, statement: bytes | None
    ) -> ReconciliationReport:
        """Reconcile one channel's statement of `day`: the given bytes, or the statement
        downloaded through the channel's gateway (`ChannelUnavailable` when it does not
        answer, `errors.ChannelRefusedError` when it refuses, `StatementUnavailable` when this
        process has no gateway for the channel). A statement that is not the channel's format,
        or has a line off the day, is refused whole (`StatementMalformed`): nothing is stored.
        The run, its differences, the replaced open ones and the withdrawn neighbours' are
        written in one transaction, one run of a day and channel at a time."""
        source = "file" if statement is not None else "download"
        data = statement if statement is not None else await self._download(day, channel)
        rows = PARSERS[channel](data)
        _check_day(day, rows)
        found = await differences_between(day, channel, rows)
        paid_ids = sorted({row.order_id for row in rows if not row.is_refund_line})
        refund_nos = sorted({row.refund_no for row in rows if row.is_refund_line})
        async with transaction():
            await _one_run_at_a_time(day, channel)
            found = await _without_neighbours_payments(day, channel, found)
            run = await ReconciliationRun.create(
                day=day,
                channel=channel,
                source=source,
                file_sha256=hashlib.sha256(data).hexdigest(),
                rows_read=len(rows),
                order_ids=paid_ids,
                refund_nos=refund_nos,
                missing_locally=_count(found, K.MISSING_LOCALLY),
                missing_at_channel=_count(found, K.MISSING_AT_CHANNEL),
                amount_differs=_count(found, K.AMOUNT_DIFFERS),
                status_differs=_count(found, K.STATUS_DIFFERS),
            )
            stored, already = await _replace_open_differences(run, found)
            withdrawn = await _withdraw_neighbours_missing(day, channel, paid_ids, refund_nos)
        log.info(
            "reconciliation run",
            extra={
                "run": run.id,
                "day": day.isoformat(),
                "channel": channel.value,
                "rows": len(rows),
                "differences": len(found),
                "already_resolved": already,
            },
        )
        return ReconciliationReport(
            run=run, differences=tuple(stored), already_resolved=already, withdrawn=withdrawn
        )

    async def differences(
        self, open_only: bool = True, day: date | None = None
    ) -> list[ReconciliationDifference]:
        """Differences by day, channel and id; open ones only unless asked."""
        query = ReconciliationDifference.all()
        if open_only:
            query = query.filter(resolved_at=None)
        if day is not None:
            query = query.filter(day=day)
        return await query.order_by("day", "channel", "id")

    async def resolve(
        self, difference_id: int, note: str, operator: str
    ) -> ReconciliationDifference:
        """Record how a difference was resolved, once. The UPDATE is conditional, so a second
        resolution (or a racing one) changes nothing and is refused."""
        if not 0 < difference_id < 2**63:  # no row has such an id (nor could the column hold it)
            raise errors.DifferenceNotFound()
        note, operator = note.strip(), operator.strip()
        if not note or len(note) > 500 or not operator or len(operator) > 64:
            raise errors.ResolutionNoteRequired()
        changed = await ReconciliationDifference.filter(id=difference_id, resolved_at=None).update(
            resolved_at=clock.now(), resolved_by=operator, resolution_note=note
        )
        difference = await ReconciliationDifference.get_or_none(id=difference_id)
        if difference is None:
            raise errors.DifferenceNotFound()
        if not changed:
            raise errors.DifferenceAlreadyResolved()
        return difference

    async def _download(self, day: date, channel: Channel) -> bytes:
        """The channel's statement of the day. WeChat Pay answers NO_STATEMENT_EXIST for a day
        without a trade: an empty bill (every payment of ours that day is then missing at the
        channel). Any other refusal is the channel's word, passed on."""
        gateway = self._channels.get(channel)
        if gateway is None:
            raise errors.StatementUnavailable(
                f"{channel.value} 渠道未配置网关，请用 --file 提供对账单"
            )
        try:
            return await gateway.statement(day)
        except ChannelRefused as refused:
            if channel is Channel.WECHAT and refused.code == "NO_STATEMENT_EXIST":
                return EMPTY_WECHAT_BILL
            raise errors.ChannelRefusedError(refused.code, refused.message) from None


def _check_day(day: date, rows: Sequence[StatementRow]) -> None:
    """A channel's statement of a day has only that day's lines (by the channel's clock, in
    Beijing time): another day's file is refused before it floods the day with differences."""
    start, end = day_bounds(day)
    for row in rows:
        if not start <= row.paid_at < end:
            raise malformed(row.line, f"时间 {row.paid_at:%Y-%m-%d %H:%M:%S} 不在 {day} 当日")


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The hall's business day as a half-open interval of instants."""
    start = datetime.combine(day, time(), HALL_TIMEZONE)
    return start, datetime.combine(day + timedelta(days=1), time(), HALL_TIMEZONE)


def local_word(order: PaymentOrder) -> Word:
    if order.status not in MONEY_IN:
        return Word.UNPAID
    if order.status is OrderStatus.REFUNDED:
        return Word.REFUNDED
    if order.status is OrderStatus.PARTIALLY_REFUNDED:
        return Word.PARTIALLY_REFUNDED
    return Word.PAID  # paid, and the exception states: the money is in


REFUND_WORDS = {
    RefundStatus.SUCCEEDED: Word.REFUNDED,
    RefundStatus.REQUESTED: Word.REFUND_PENDING,
    RefundStatus.FAILED: Word.REFUND_FAILED,
}


async def differences_between(
    day: date, channel: Channel, rows: Sequence[StatementRow]
) -> list[Found]:
    """Every difference between the statement's rows and the database (not stored)."""
    local = await _local_side(rows)
    found: list[Found] = []
    for payment in _payments_by_order(rows):
        found.extend(_payment_difference(channel, payment, local.orders.get(payment.order_id)))
    for refund_line in (row for row in rows if row.is_refund_line):
        found.extend(_refund_difference(refund_line, local))
    named = {row.order_id for row in rows if not row.is_refund_line}
    found.extend(await _missing_at_channel(day, channel, named))
    if not GIVES_STATE[channel]:  # a bill of movements lists the day's refunds
        refunds_named = {row.refund_no for row in rows if row.is_refund_line}
        found.extend(await _refunds_missing_at_channel(day, channel, refunds_named))
    return await _with_orphans(day, channel, found)


def _payments_by_order(rows: Iterable[StatementRow]) -> list[StatementRow]:
    """One payment per order: WeChat Pay takes one payment per order number, but should a
    statement list two, their amounts add up (and differ from ours)."""
    merged: dict[str, StatementRow] = {}
    for row in rows:
        if row.is_refund_line:
            continue
        earlier = merged.get(row.order_id)
        merged[row.order_id] = (
            row
            if earlier is None
            else replace(
                earlier,
                paid_fen=earlier.paid_fen + row.paid_fen,
                refunded_fen=earlier.refunded_fen + row.refunded_fen,
            )
        )
    return list(merged.values())


async def _local_side(rows: Sequence[StatementRow]) -> _Local:
    order_ids = {row.order_id for row in rows}
    refund_nos = {row.refund_no for row in rows if row.is_refund_line}
    local = _Local()
    if order_ids:
        orders = await PaymentOrder.filter(public_id__in=order_ids)
        local.orders = {order.public_id: order for order in orders}
    if refund_nos:
        refunds = await Refund.filter(refund_no__in=refund_nos)
        local.refunds = {refund.refund_no: refund for refund in refunds}
        of_refunds = await PaymentOrder.filter(id__in={r.order_id for r in refunds})
        local.refund_orders = {order.id: order.public_id for order in of_refunds}
    return local


def _payment_difference(
    channel: Channel, row: StatementRow, order: PaymentOrder | None
) -> list[Found]:
    theirs = Found(
        kind=K.MISSING_LOCALLY,
        order_public_id=row.order_id,
        channel_ref=row.channel_ref,
        channel_paid_fen=row.paid_fen,
        channel_refunded_fen=row.refunded_fen if GIVES_STATE[channel] else None,
        channel_status=row.status.value,
    )
    if order is None:
        return [theirs]
    ours = replace(
        theirs,
        local_paid_fen=order.paid_fen,
        local_refunded_fen=order.refunded_fen,
        local_status=local_word(order).value,
    )
    if order.status not in MONEY_IN:
        return [ours]  # no payment recorded here
    if order.channel is not channel:
        return [replace(ours, local_status=Word.PAID_ELSEWHERE.value)]
    if GIVES_STATE[channel]:
        if local_word(order) is not row.status:
            return [replace(ours, kind=K.STATUS_DIFFERS)]
        if (order.paid_fen, order.refunded_fen) != (row.paid_fen, row.refunded_fen):
            return [replace(ours, kind=K.AMOUNT_DIFFERS)]
        return []
    if order.paid_fen != row.paid_fen:  # a bill of movements: the refunds are lines of their own
        return [replace(ours, kind=K.AMOUNT_DIFFERS)]
    return []


def _refund_difference(row: StatementRow, local: _Local) -> list[Found]:
    theirs = Found(
        kind=K.MISSING_LOCALLY,
        order_public_id=row.order_id,
        channel_ref=row.channel_ref,
        refund_no=row.refund_no,
        channel_refunded_fen=row.refunded_fen,
        channel_status=row.status.value,
    )
    refund = local.refunds.get(row.refund_no)
    if refund is None or local.refund_orders.get(refund.order_id) != row.order_id:
        return [theirs]  # a refund number we never sent (or sent for another order)
    ours = replace(
        theirs,
        local_refunded_fen=refund.amount_fen,
        local_status=REFUND_WORDS[refund.status].value,
    )
    if REFUND_WORDS[refund.status] is not row.status:
        return [replace(ours, kind=K.STATUS_DIFFERS)]
    if refund.amount_fen != row.refunded_fen:
        return [replace(ours, kind=K.AMOUNT_DIFFERS)]
    return []


async def _missing_at_channel(day: date, channel: Channel, named: set[str]) -> list[Found]:
    start, end = day_bounds(day)
    paid_that_day = await PaymentOrder.filter(
        channel=channel, status__in=list(MONEY_IN), paid_at__gte=start, paid_at__lt=end
    ).order_by("paid_at", "id")
    return [
        Found(
            kind=K.MISSING_AT_CHANNEL,
            order_public_id=order.public_id,
            local_paid_fen=order.paid_fen,
            local_refunded_fen=order.refunded_fen,
            local_status=local_word(order).value,
        )
        for order in paid_that_day
        if order.public_id not in named
    ]


async def _refunds_missing_at_channel(day: date, channel: Channel, named: set[str]) -> list[Found]:
    """Our refunds through the channel that succeeded, asked for that day (WeChat Pay bills a
    refund on the day it accepted the request), that the bill lacks."""
    start, end = day_bounds(day)
    asked_that_day = await Refund.filter(
        order__channel=channel,
        status=RefundStatus.SUCCEEDED,
        created_at__gte=start,
        created_at__lt=end,
    ).order_by("created_at", "id")
    orders = await PaymentOrder.filter(id__in={refund.order_id for refund in asked_that_day})
    public_ids = {order.id: order.public_id for order in orders}
    return [
        Found(
            kind=K.MISSING_AT_CHANNEL,
            order_public_id=public_ids[refund.order_id],
            refund_no=refund.refund_no,
            local_refunded_fen=refund.amount_fen,
            local_status=Word.REFUNDED.value,
        )
        for refund in asked_that_day
        if refund.refund_no not in named
    ]


async def _with_orphans(day: date, channel: Channel, found: list[Found]) -> list[Found]:
    """Link each orphan received that day through the channel to the statement's "missing
    locally" difference for the same order (or refund), else give it one of its own."""
    start, end = day_bounds(day)
    orphans = await PaymentOrphan.filter(
        source=ORPHAN_SOURCES[channel], received_at__gte=start, received_at__lt=end
    ).order_by("id")
    result = list(found)
    for orphan in orphans:
        refund_no = orphan.out_refund_no or ""
        at = next(
            (
                i
                for i, f in enumerate(result)
                if f.kind is K.MISSING_LOCALLY
                and f.orphan_id is None
                and f.order_public_id == orphan.out_trade_no
                and f.refund_no == refund_no
            ),
            None,
        )
        if at is not None:
            result[at] = replace(result[at], orphan_id=orphan.id)
            continue
        is_refund = orphan.kind == "refund"
        result.append(
            Found(
                kind=K.MISSING_LOCALLY,
                order_public_id=orphan.out_trade_no,
                channel_ref=orphan.channel_ref,
                refund_no=refund_no,
                channel_paid_fen=None if is_refund else orphan.amount_fen,
                channel_refunded_fen=orphan.amount_fen if is_refund else None,
                channel_status=(Word.REFUNDED if is_refund else Word.PAID).value,
                orphan_id=orphan.id,
            )
        )
    return result


async def _one_run_at_a_time(day: date, channel: Channel) -> None:
    """Two runs of one day and channel at once would each replace the other's differences:
    the second waits for the first's transaction."""
    await rows_of(
        "SELECT pg_advisory_xact_lock(hashtext('reconciliation:' || $1::text)) AS locked",
        [f"{channel.value}:{day.isoformat()}"],
    )


async def _without_neighbours_payments(
    day: date, channel: Channel, found: list[Found]
) -> list[Found]:
    """Drop "missing at the channel" for payments (by order number) and refunds (by refund
    number) the latest statement of the day before or after names: the channel put them on
    the other side of midnight."""
    if not any(f.kind is K.MISSING_AT_CHANNEL for f in found):
        return found
    orders: set[str] = set()
    refunds: set[str] = set()
    for neighbour in (day - timedelta(days=1), day + timedelta(days=1)):
        latest = (
            await ReconciliationRun.filter(day=neighbour, channel=channel).order_by("-id").first()
        )
        if latest is not None:
            orders.update(latest.order_ids)
            refunds.update(latest.refund_nos)

    def named_next_door(f: Found) -> bool:
        return f.refund_no in refunds if f.refund_no else f.order_public_id in orders

    return [f for f in found if not (f.kind is K.MISSING_AT_CHANNEL and named_next_door(f))]


def _count(found: Sequence[Found], kind: DifferenceKind) -> int:
    return sum(1 for f in found if f.kind is kind)


async def _replace_open_differences(
    run: ReconciliationRun, found: Sequence[Found]
) -> tuple[list[ReconciliationDifference], int]:
    """Delete the day's open differences for the channel and store the run's, except those an
    operator already resolved exactly so. The resolved ones are never touched."""
    await ReconciliationDifference.filter(
        day=run.day, channel=run.channel, resolved_at=None
    ).delete()
    resolved = await ReconciliationDifference.filter(
        day=run.day, channel=run.channel, resolved_at__isnull=False
    )
    stored: list[ReconciliationDifference] = []
    already = 0
    for f in found:
        if any(f.same_as(earlier) for earlier in resolved):
            already += 1
            continue
        stored.append(await _store(run, f))
    return stored, already


async def _store(run: ReconciliationRun, f: Found) -> ReconciliationDifference:
    return await ReconciliationDifference.create(
        run_id=run.id,
        day=run.day,
        channel=run.channel,
        kind=f.kind,
        order_public_id=f.order_public_id,
        channel_ref=f.channel_ref,
        refund_no=f.refund_no,
        local_paid_fen=f.local_paid_fen,
        local_refunded_fen=f.local_refunded_fen,
        local_status=f.local_status,
        channel_paid_fen=f.channel_paid_fen,
        channel_refunded_fen=f.channel_refunded_fen,
        channel_status=f.channel_status,
        orphan_id=f.orphan_id,
    )


async def _withdraw_neighbours_missing(
    day: date, channel: Channel, paid_ids: Sequence[str], refund_nos: Sequence[str]
) -> int:
    """The neighbouring days' open "missing at the channel" differences for the payments and
    refunds this statement names: the channel put them on this side of midnight."""
    neighbours = ReconciliationDifference.filter(
        channel=channel,
        day__in=[day - timedelta(days=1), day + timedelta(days=1)],
        kind=K.MISSING_AT_CHANNEL,
        resolved_at=None,
    )
    withdrawn = 0
    if paid_ids:
        withdrawn += await neighbours.filter(
            refund_no="", order_public_id__in=list(paid_ids)
        ).delete()
    if refund_nos:
        withdrawn += await neighbours.filter(refund_no__in=list(refund_nos)).delete()
    return withdrawn
