"""`yiwang serve | migrate | makemigrations | demo | check`.

Exit codes say what failed, so scripts and orchestrators can act on them:
0 ok, 1 usage or unexpected, 2 settings, 3 database, 4 Redis, 5 migrations pending or missing,
6 the committed contract differs from the routes, 7 the core approval system did not answer,
8 a payment channel did not answer (its statement could not be downloaded).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from api.kit.settings import MEMORY_REDIS, Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from collections.abc import Mapping

    from payments.gateways.channel import PaymentChannel
    from payments.models import Channel, ReconciliationDifference
    from payments.reconcile import ReconciliationReport

EXIT_OK = 0
EXIT_SETTINGS = 2
EXIT_DATABASE = 3
EXIT_REDIS = 4
EXIT_MIGRATIONS = 5
EXIT_CONTRACT = 6
EXIT_CORE = 7
EXIT_CHANNEL = 8

T = TypeVar("T")


class CommandFailed(Exception):
    def __init__(self, exit_code: int, message: str) -> None:
        self.exit_code = exit_code
        super().__init__(message)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except SettingsError as exc:
        print(f"yiwang: {exc}", file=sys.stderr)
        return EXIT_SETTINGS
    except CommandFailed as exc:
        print(f"yiwang: {exc}", file=sys.stderr)
        return exc.exit_code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yiwang", description="一网 Yiwang service hall backend")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host", help="listen address (YIWANG_HOST)")
    serve.add_argument("--port", type=int, help="listen port (YIWANG_PORT)")
    serve.add_argument("--workers", type=int, help="worker processes (YIWANG_WORKERS)")
    serve.set_defaults(run=_serve)

    migrate = commands.add_parser("migrate", help="apply pending database migrations")
    migrate.set_defaults(run=_migrate)

    make = commands.add_parser("makemigrations", help="write the next migration from the models")
    make.add_argument("name", nargs="?", default="update")
    make.add_argument("--check", action="store_true", help="fail if the models need a migration")
    make.set_defaults(run=_makemigrations)

    worker = commands.add_parser("worker", help="run the background dispatcher until SIGTERM")
    worker.set_defaults(run=_worker)

    notify = commands.add_parser("notify", help="notifications").add_subparsers(required=True)
    dead = notify.add_parser("dead", help="list dead deliveries, newest first")
    dead.add_argument("--limit", type=int, default=50)
    dead.set_defaults(run=_notify_dead)
    redrive = notify.add_parser("redrive", help="send dead deliveries again")
    redrive.set_defaults(run=_notify_redrive)
    show = notify.add_parser("show", help="every delivery of an event")
    show.add_argument("event_id")
    show.set_defaults(run=_notify_show)

    demo = commands.add_parser("demo", help="seed demo data (idempotent)")
    demo.set_defaults(run=_demo)

    catalog = commands.add_parser("catalog", help="the service item catalogue").add_subparsers(
        required=True
    )
    sync = catalog.add_parser("sync", help="pull the catalogue from the core approval system")
    sync.set_defaults(run=_catalog_sync)

    contract = commands.add_parser("contract", help="the published API contract").add_subparsers(
        required=True
    )
    export = contract.add_parser(
        "export", help="write miniprogram_contract/openapi.json from the routes' declarations"
    )
    export.add_argument(
        "--check", action="store_true", help="fail if the committed document differs"
    )
    export.set_defaults(run=_contract_export)
    publish = contract.add_parser(
        "publish",
        help="keep the current document as a published version (the base of the breaking check)",
    )
    publish.set_defaults(run=_contract_publish)

    check = commands.add_parser("check", help="validate settings and reach every dependency")
    check.set_defaults(run=_check)

    staff = commands.add_parser("staff", help="staff accounts").add_subparsers(required=True)
    create = staff.add_parser("create", help="create a staff account")
    create.add_argument("username")
    create.add_argument(
        "--role", action="append", required=True, choices=("clerk", "hall_admin", "operator")
    )
    create.add_argument("--hall", help="hall code the account works in")
    create.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (else one is generated)",
    )
    create.set_defaults(run=_staff_create)
    unlock = staff.add_parser("unlock", help="lift a lockout")
    unlock.add_argument("username")
    unlock.set_defaults(run=_staff_unlock)

    device = commands.add_parser(
        "device", help="hall kiosks, displays and evaluation pads"
    ).add_subparsers(required=True)
    add = device.add_parser("create", help="register a device and print its key once")
    add.add_argument("name")
    add.add_argument("--kind", choices=("kiosk", "display", "pad"), required=True)
    add.add_argument("--hall", required=True)
    add.set_defaults(run=_device_create)
    revoke = device.add_parser("revoke", help="revoke a device key (final)")
    revoke.add_argument("device_id")
    revoke.set_defaults(run=_device_revoke)

    keys = commands.add_parser("keys", help="encryption keys").add_subparsers(required=True)
    rotate = keys.add_parser("rotate", help="re-seal personal data with the current vault key")
    rotate.set_defaults(run=_keys_rotate)

    _payments_commands(commands)

    audit = commands.add_parser("audit", help="the security audit log").add_subparsers(
        required=True
    )
    purge = audit.add_parser("purge", help="delete audit events older than the retention")
    purge.add_argument("--days", type=int, default=365)
    purge.set_defaults(run=_audit_purge)
    return parser


def _settings_with(args: argparse.Namespace) -> Settings:
    """The settings with the command line's options, which the environment carries on to the
    processes this one starts (Sanic's workers)."""
    for option in ("host", "port", "workers"):
        value = getattr(args, option, None)
        if value is not None:
            os.environ[f"YIWANG_{option.upper()}"] = str(value)
    return load_settings()


def _settings() -> Settings:
    """The settings, with the private PostgreSQL started (or joined) when they name none."""
    from api.kit.private_postgres import with_private_database

    return with_private_database(load_settings())


def _serve(args: argparse.Namespace) -> int:
    from api.kit.private_postgres import with_private_database

    settings = _settings_with(args)
    if settings.cache_url == MEMORY_REDIS and settings.workers > 1:
        raise CommandFailed(
            EXIT_SETTINGS,
            "the in-process Redis of the embedded mode serves one worker; "
            "set YIWANG_REDIS_URL for more",
        )
    settings = with_private_database(settings)  # after the checks: a refusal starts nothing
    _prepare_database(settings)
    _share_metrics_between_workers(settings)
    from api.kit.logs import configure_logging

    configure_logging(settings.log_level)
    print(
        f"Yiwang serving on http://{settings.host}:{settings.port} "
        f"({'embedded' if settings.embedded else 'external'} storage, "
        f"{settings.gateway_mode} gateways) - API docs: "
        f"http://{settings.host}:{settings.port}/docs",
        flush=True,
    )
    _run_server(settings)
    return EXIT_OK


def _prepare_database(settings: Settings) -> None:
    """The private cluster is ours to migrate; an external one is migrated by its operator."""
    from api.demo import seed_demo_data
    from api.schema import apply_migrations

    if settings.private_database:
        _run(apply_migrations(settings.db_url))
    pending = _run(_pending(settings))
    if pending:
        raise CommandFailed(
            EXIT_MIGRATIONS,
            f"{len(pending)} migration(s) pending ({', '.join(pending)}): run `yiwang migrate`",
        )
    if settings.seeds_demo_data:
        _run(_with_database(settings, seed_demo_data))


async def _pending(settings: Settings) -> list[str]:
    from api.schema import pending_migrations

    try:
        return await _with_database(settings, pending_migrations)
    except (OSError, ConnectionError) as exc:
        raise CommandFailed(EXIT_DATABASE, f"database unreachable ({type(exc).__name__})") from None


def _share_metrics_between_workers(settings: Settings) -> None:
    """Give every worker one fresh directory for Prometheus samples (see api.metrics)."""
    if settings.workers == 1 or os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return
    directory = (settings.var_dir / f"prometheus-{os.getpid()}").resolve()
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)


def app_from_environment() -> object:
    """The app factory each worker process calls (settings come from the environment)."""
    from api.app import create_app
    from api.kit.logs import configure_logging

    settings = _settings()
    configure_logging(settings.log_level)
    return create_app(settings)


def _run_server(settings: Settings) -> None:
    from sanic import Sanic
    from sanic.worker.loader import AppLoader

    loader = AppLoader(factory=partial(app_from_environment))  # type: ignore[arg-type]
    app = loader.load()
    single = settings.workers == 1
    app.prepare(
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        single_process=single,
        access_log=False,
        motd=False,
        backlog=settings.listen_backlog,
    )
    if single:
        Sanic.serve_single(primary=app)
    else:
        Sanic.serve(primary=app, app_loader=loader)


def _migrate(args: argparse.Namespace) -> int:
    from api.schema import apply_migrations

    settings = _settings()
    applied = _run(apply_migrations(settings.db_url))
    print(f"applied {len(applied)} migration(s)" + (f": {', '.join(applied)}" if applied else ""))
    return EXIT_OK


def _makemigrations(args: argparse.Namespace) -> int:
    from api.schema import make_migration, unmigrated_changes

    if args.check:
        missing = _run(unmigrated_changes())
        if missing:
            print(f"the models changed without a migration:\n{missing}")
            return EXIT_MIGRATIONS
        print("migrations match the models")
        return EXIT_OK
    written = _run(make_migration(args.name))
    print(f"wrote {written}" if written else "no changes")
    return EXIT_OK


def _catalog_sync(args: argparse.Namespace) -> int:
    """Exit 7 when the core system does not answer: the catalogue stays as it was."""
    from api.approval.catalogue import Catalogue
    from api.approval.gateways.core import CoreUnavailable
    from api.wiring import core_for

    settings = _settings()

    async def pull() -> str:
        core = core_for(settings)
        try:
            report = await Catalogue().sync(core)
        finally:
            await core.aclose()
        return f"added {report.added}, updated {report.updated}, withdrawn {report.withdrawn}"

    try:
        print(f"catalogue synced: {_run(_with_database(settings, pull))}")
    except CoreUnavailable as outage:
        problem = f"the core approval system did not answer: {outage}"
        raise CommandFailed(EXIT_CORE, problem) from None
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from api.demo import seed_demo_data

    settings = _settings()
    if _run(_pending(settings)):
        raise CommandFailed(EXIT_MIGRATIONS, "migrations pending: run `yiwang migrate` first")
    created = _run(_with_database(settings, seed_demo_data))
    print(f"demo data: {created or 'no seeders registered'}")
    return EXIT_OK


def _staff_create(args: argparse.Namespace) -> int:
    from auth import errors
    from auth.staff import create_staff

    settings = _settings()
    generated = not args.password_stdin
    password = _generated_password() if generated else sys.stdin.readline().rstrip("\n")
    try:
        account = _run(
            _with_database(
                settings, lambda: create_staff(args.username, password, set(args.role), args.hall)
            )
        )
    except errors.PasswordTooWeak as exc:
        raise CommandFailed(1, f"password too weak: {exc.detail}") from None
    print(f"staff {account.username} ({account.public_id}) roles={','.join(account.roles)}")
    if generated:
        print(f"password (shown once): {password}")
    return EXIT_OK


def _generated_password() -> str:
    import secrets

    return f"{secrets.token_urlsafe(12)}-{secrets.randbelow(90) + 10}!"


def _staff_unlock(args: argparse.Namespace) -> int:
    from auth.staff import unlock_staff

    settings = _settings()
    found = _run(_with_database(settings, lambda: unlock_staff(args.username)))
    print("unlocked" if found else "no such account")
    return EXIT_OK if found else 1


def _device_create(args: argparse.Namespace) -> int:
    from auth.staff import create_device

    settings = _settings()
    device, key = _run(
        _with_database(settings, lambda: create_device(args.name, args.kind, args.hall))
    )
    print(f"device {device.public_id} ({device.kind}, hall {device.hall_code})")
    print(f"key (shown once; send it as X-Device-Key): {key}")
    return EXIT_OK


def _device_revoke(args: argparse.Namespace) -> int:
    from auth.staff import revoke_device

    settings = _settings()
    revoked = _run(_with_database(settings, lambda: revoke_device(args.device_id)))
    print("revoked" if revoked else "no such active device")
    return EXIT_OK if revoked else 1


def _keys_rotate(args: argparse.Namespace) -> int:
    from auth.jobs import reseal_all
    from auth.keys import vault_from_settings

    settings = _settings()
    vault = vault_from_settings(settings)
    count = _run(_with_database(settings, lambda: reseal_all(vault)))
    print(
        f"re-sealed {count} value(s) with key {settings.vault_key_id} ({settings.vault_algorithm})"
    )
    return EXIT_OK


def _audit_purge(args: argparse.Namespace) -> int:
    from auth.audit import purge_audit_events

    settings = _settings()
    try:
        deleted = _run(_with_database(settings, lambda: purge_audit_events(args.days)))
    except ValueError as exc:
        raise CommandFailed(1, str(exc)) from None
    print(f"deleted {deleted} audit event(s) older than {args.days} days")
    return EXIT_OK


def _payments_commands(commands: Any) -> None:
    payments = commands.add_parser("payments", help="payments").add_subparsers(required=True)
    reconcile = payments.add_parser(
        "reconcile",
        help="match a channel's daily statement against our orders (对账) and store the "
        "differences; without --file the statement is downloaded, without --channel the "
        "file's header names it (and without either, both channels are downloaded)",
    )
    reconcile.add_argument("--date", required=True, type=_day, help="the hall's day, YYYY-MM-DD")
    reconcile.add_argument("--file", type=Path, help="the statement file, as the channel gave it")
    reconcile.add_argument("--channel", choices=("wechat", "nontax"))
    reconcile.set_defaults(run=_payments_reconcile)
    differences = payments.add_parser("differences", help="reconciliation differences")
    differences.add_argument("--all", action="store_true", help="resolved ones too")
    differences.add_argument("--date", type=_day, help="one day's only")
    differences.set_defaults(run=_payments_differences)
    resolve = payments.add_parser("resolve", help="resolve a difference with a note")
    resolve.add_argument("difference_id", type=int)
    resolve.add_argument("--note", required=True, help="what was found and done")
    resolve.add_argument("--by", required=True, dest="operator", help="the operator's name")
    resolve.set_defaults(run=_payments_resolve)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def payment_channels_for(settings: Settings) -> Mapping[Channel, PaymentChannel]:
    """The channels' clients, for downloading statements: the configured WeChat Pay and
    non-tax platform, or the sandboxes a running `yiwang serve` of these settings serves.
    Tests replace this function."""
    from payments.gateways import nontax_client, wechatpay_client
    from payments.models import Channel

    try:
        return {
            Channel.WECHAT: wechatpay_client.client_from_settings(settings),
            Channel.NONTAX: nontax_client.client_from_settings(settings),
        }
    except ValueError as exc:  # a key or an address the live clients need is missing
        raise CommandFailed(EXIT_SETTINGS, f"payment channels: {exc}") from None


def _payments_reconcile(args: argparse.Namespace) -> int:
    from payments import errors
    from payments.gateways.channel import ChannelUnavailable
    from payments.models import Channel
    from payments.reconcile import Reconciliation, channel_of_statement

    # The file first: a path mistyped starts no database.
    statement = _read_statement(args.file) if args.file is not None else None
    settings = _settings()
    try:
        if args.channel is not None:
            channels = [Channel(args.channel)]
        elif statement is not None:
            channels = [channel_of_statement(statement)]
        else:
            channels = list(Channel)
        gateways = payment_channels_for(settings) if statement is None else {}

        async def reconcile_each() -> None:
            service = Reconciliation(gateways)
            try:
                for channel in channels:
                    report = await service.reconcile(args.date, channel, statement)
                    print(_report_text(report), flush=True)
            finally:
                await _close_all(gateways.values())

        _run(_with_database(settings, reconcile_each))
    except errors.StatementMalformed as exc:
        raise CommandFailed(1, f"{exc.title}：{exc.detail}") from None
    except errors.PaymentsError as exc:  # no gateway, or the channel refused
        raise CommandFailed(1, f"{exc.title}（{exc.code}）：{exc.detail}") from None
    except ChannelUnavailable as outage:
        problem = f"the payment channel did not answer ({outage}): try again later, or give --file"
        raise CommandFailed(EXIT_CHANNEL, problem) from None
    return EXIT_OK


async def _close_all(clients: Iterable[object]) -> None:
    """Close the clients that hold connections (the protocol does not say they do)."""
    for client in clients:
        close = getattr(client, "aclose", None)
        if close is not None:
            await close()


def _read_statement(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandFailed(1, f"cannot read {path}: {exc.strerror}") from None


def _payments_differences(args: argparse.Namespace) -> int:
    from payments.reconcile import Reconciliation

    settings = _settings()
    service = Reconciliation({})
    found = _run(
        _with_database(settings, lambda: service.differences(open_only=not args.all, day=args.date))
    )
    print(_differences_table(found))
    print(f"{len(found)} 条{'差异' if args.all else '未处理差异'}")
    return EXIT_OK


def _payments_resolve(args: argparse.Namespace) -> int:
    from payments import errors
    from payments.reconcile import Reconciliation

    settings = _settings()
    service = Reconciliation({})
    try:
        resolved = _run(
            _with_database(
                settings, lambda: service.resolve(args.difference_id, args.note, args.operator)
            )
        )
    except errors.PaymentsError as exc:
        raise CommandFailed(1, f"{exc.title}（{exc.code}）") from None
    print(_differences_table([resolved]))
    print(f"差异 {resolved.id} 已由 {resolved.resolved_by} 处理")
    return EXIT_OK


CHANNEL_NAMES = {"wechat": "微信支付", "nontax": "非税平台"}
KIND_NAMES = {
    "missing_locally": "本地缺失",
    "missing_at_channel": "渠道缺失",
    "amount_differs": "金额不符",
    "status_differs": "状态不符",
}
WORD_NAMES = {
    "unpaid": "未缴款",
    "paid": "已缴款",
    "partially_refunded": "部分退款",
    "refunded": "已退款",
    "refund_pending": "退款处理中",
    "refund_failed": "退款失败",
    "paid_elsewhere": "经其他渠道缴款",
    "": "-",
}


def _report_text(report: ReconciliationReport) -> str:
    run = report.run
    counts = "，".join(
        f"{KIND_NAMES[kind]} {getattr(run, kind)}"
        for kind in ("missing_locally", "missing_at_channel", "amount_differs", "status_differs")
    )
    lines = [
        f"{run.day.isoformat()} {CHANNEL_NAMES[run.channel.value]} 对账（第 {run.id} 次，"
        f"{'文件' if run.source == 'file' else '下载'}，sha256 {run.file_sha256[:12]}…）："
        f"读入 {run.rows_read} 行；{counts}",
    ]
    if report.already_resolved:
        lines.append(f"其中 {report.already_resolved} 条与已处理的差异相同，未重复记录")
    if report.withdrawn:
        lines.append(f"撤销相邻日 {report.withdrawn} 条渠道缺失（跨零点入账）")
    lines.append(_differences_table(list(report.differences)) if report.differences else "无差异")
    return "\n".join(lines)


def _differences_table(differences: Sequence[ReconciliationDifference]) -> str:
    """Aligned for a terminal: a Chinese character takes two columns. Amounts in yuan, and
    the difference in fen where amounts differ."""
    headers = (
        "ID", "日期", "渠道", "差异", "订单号", "退款单号", "本地状态", "本地实缴",
        "本地已退", "渠道状态", "渠道实缴", "渠道已退", "差额(分)", "孤儿单", "处理",
    )  # fmt: skip
    rows = [_difference_cells(d) for d in differences]
    return _aligned([headers, *rows])


def _difference_cells(d: ReconciliationDifference) -> tuple[str, ...]:
    from payments.reconcile import yuan

    return (
        str(d.id),
        d.day.isoformat(),
        CHANNEL_NAMES[d.channel.value],
        KIND_NAMES[d.kind.value],
        d.order_public_id,
        d.refund_no or "-",
        WORD_NAMES.get(d.local_status, d.local_status),
        yuan(d.local_paid_fen),
        yuan(d.local_refunded_fen),
        WORD_NAMES.get(d.channel_status, d.channel_status),
        yuan(d.channel_paid_fen),
        yuan(d.channel_refunded_fen),
        _gap_fen(d),
        "-" if d.orphan_id is None else str(d.orphan_id),
        "未处理" if d.resolved_at is None else f"{d.resolved_by}：{d.resolution_note}",
    )


def _gap_fen(d: ReconciliationDifference) -> str:
    """Channel less ours, in fen, for what both sides state."""
    gaps = [
        f"{label}{theirs - ours:+d}"
        for label, ours, theirs in (
            ("缴", d.local_paid_fen, d.channel_paid_fen),
            ("退", d.local_refunded_fen, d.channel_refunded_fen),
        )
        if ours is not None and theirs is not None and ours != theirs
    ]
    return " ".join(gaps) or "-"


def _aligned(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(
            cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in rows
    )


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _worker(args: argparse.Namespace) -> int:
    from api.kit.logs import configure_logging
    from api.worker import run_worker

    settings = _settings()
    configure_logging(settings.log_level)
    if _run(_pending(settings)):
        raise CommandFailed(EXIT_MIGRATIONS, "migrations pending: run `yiwang migrate` first")
    _run(run_worker(settings))
    return EXIT_OK


def _notify_redrive(args: argparse.Namespace) -> int:
    from notify.service import redrive_dead

    settings = _settings()
    count = _run(_with_database(settings, redrive_dead))
    print(f"re-drove {count} dead deliver{'y' if count == 1 else 'ies'}")
    return EXIT_OK


def _notify_dead(args: argparse.Namespace) -> int:
    from notify.service import dead_deliveries

    settings = _settings()
    rows = _run(_with_database(settings, lambda: dead_deliveries(args.limit)))
    for d in rows:
        print(
            f"{d.public_id}  event={d.event_public_id} {d.event_type:<32} "
            f"{d.channel:<12} round={d.round} attempts={d.attempts} "
            f"error={d.last_error or '-'}"
        )
    print(f"{len(rows)} dead deliver{'y' if len(rows) == 1 else 'ies'} shown")
    return EXIT_OK


def _notify_show(args: argparse.Namespace) -> int:
    from notify.service import deliveries_of

    settings = _settings()
    deliveries = _run(_with_database(settings, lambda: deliveries_of(args.event_id)))
    if not deliveries:
        print("no such event, or it has no deliveries")
        return 1
    for d in deliveries:
        print(
            f"{d.public_id}  {d.channel:<10} pos={d.position} round={d.round} "
            f"{d.status.value:<9} attempts={d.attempts} due={d.due_at.isoformat()} "
            f"error={d.last_error or '-'}"
        )
    return EXIT_OK


def _contract_export(args: argparse.Namespace) -> int:
    """With --check: the committed document is what the routes declare, and it breaks no
    client of the last published version unless its major version was raised."""
    from api.contract import PUBLISHED, rendered

    document = _current_contract()
    text = rendered(document)
    if not args.check:
        PUBLISHED.write_text(text, encoding="utf-8")
        print(f"wrote {PUBLISHED}")
        return EXIT_OK
    committed = PUBLISHED.read_text(encoding="utf-8") if PUBLISHED.exists() else ""
    if text != committed:
        print(f"{PUBLISHED.name} differs from the routes: run `yiwang contract export`")
        return EXIT_CONTRACT
    print(f"{PUBLISHED.name} matches the routes")
    return _check_compatibility(document)


def _current_contract() -> dict[str, Any]:
    """Builds the app without starting anything: the document needs its routes only."""
    from api.app import create_app
    from api.contract import contract_document
    from api.kit.settings import Settings

    app = create_app(Settings(env="dev", database_url="postgres://offline@127.0.0.1:1/offline"))
    return contract_document(app.router, app.ctx)


def _check_compatibility(document: dict[str, Any]) -> int:
    from api.contract import breaking_changes, last_published, major

    published = last_published()
    if published is None:
        print("no published version yet: nothing to break")
        return EXIT_OK
    version, before = published
    breaking = breaking_changes(before, document)
    current = document["info"]["version"]
    if breaking and major(current) == major(version):
        print(f"breaking changes against the published {version} (raise the major version):")
        for change in breaking:
            print(f"  {change}")
        return EXIT_CONTRACT
    print(f"compatible with the published {version}" if not breaking else f"major {current}")
    return EXIT_OK


def _contract_publish(args: argparse.Namespace) -> int:
    from api.contract import PUBLISHED_DIR, rendered

    document = _current_contract()
    target = PUBLISHED_DIR / f"openapi-{document['info']['version']}.json"
    if target.exists():
        raise CommandFailed(EXIT_CONTRACT, f"{target.name} is published already: raise the version")
    PUBLISHED_DIR.mkdir(exist_ok=True)
    target.write_text(rendered(document), encoding="utf-8")
    print(f"published {target}")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    settings = _settings()
    for key, value in settings.describe().items():
        print(f"{key:>9}: {value}")
    print(" settings: ok")
    return _run(_check_dependencies(settings))


async def _check_dependencies(settings: Settings) -> int:
    from api.kit.cache import connect_redis, ping_redis
    from api.kit.db import ping_database
    from api.schema import pending_migrations

    timeout = settings.dependency_timeout_seconds

    async def ping_then_list_pending() -> list[str]:
        await asyncio.wait_for(ping_database(), timeout)
        return await pending_migrations()

    try:
        pending = await _with_database(settings, ping_then_list_pending)
    except Exception as exc:  # any failure to reach it is the answer we report
        print(f" database: unreachable ({type(exc).__name__})")
        return EXIT_DATABASE
    print(" database: ok")
    client = connect_redis(settings.cache_url)
    try:
        await asyncio.wait_for(ping_redis(client), timeout)
    except Exception as exc:
        print(f"    redis: unreachable ({type(exc).__name__})")
        return EXIT_REDIS
    finally:
        await client.aclose()
    print("    redis: ok")
    if pending:
        print(f"migrations: {len(pending)} pending ({', '.join(pending)})")
        return EXIT_MIGRATIONS
    print("migrations: up to date")
    return EXIT_OK


async def _with_database(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    from api.kit.db import database_of_this_task
    from api.lifecycle import MODEL_MODULES

    async with database_of_this_task(settings.db_url, MODEL_MODULES):
        return await work()


def _run(awaitable: Awaitable[T]) -> T:
    async def runner() -> T:
        return await awaitable

    return asyncio.run(runner())


if __name__ == "__main__":
    sys.exit(main())
