"""Settings from the environment (prefix YIWANG_), validated once at start.

Two modes. In `dev` anything missing gets a safe local default: a private PostgreSQL under the
var directory (see `api.kit.private_postgres`), the in-process Redis (`memory://`), the sandbox
gateways, and keys generated once into `var/keys` and reused. In `production` every one of
those defaults is refused, and `load_settings` reports every missing or refused setting in one
message.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, SettingsConfigDict

from api.kit.masking import mask_url_password

ENV_PREFIX = "YIWANG_"
MEMORY_REDIS = "memory://"
# Written into every key file dev mode generates, so production can recognise and refuse it.
DEV_KEY_MARKER = "# yiwang dev-generated key: never use in production\n"


class SettingsError(Exception):
    """The settings cannot be used. `problems` names each offending setting."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid settings:\n  " + "\n  ".join(problems))


@dataclass(frozen=True)
class SecretSpec:
    name: str
    # bytes32 / bytes16: that many random bytes, base64; ascii32: 32 printable ASCII characters
    # as they are
    # (WeChat Pay's APIv3 key is set and used as such text); *_pem: a PEM private key.
    kind: Literal["bytes32", "bytes16", "ascii32", "ec_p256_pem", "rsa2048_pem"]
    purpose: str

    @property
    def env_var(self) -> str:
        return f"{ENV_PREFIX}{self.name.upper()}"

    @property
    def file_env_var(self) -> str:
        return f"{self.env_var}_FILE"


# The keys the service signs and encrypts with. A value comes from YIWANG_<NAME> (base64 for
# bytes, PEM for keys) or from the file named by YIWANG_<NAME>_FILE.
SECRETS: tuple[SecretSpec, ...] = (
    SecretSpec("token_signing_key", "ec_p256_pem", "signs citizen and staff access tokens (ES256)"),
    SecretSpec(
        "vault_key", "bytes32", "encrypts personal data at rest (AEAD key ring, current key)"
    ),
    SecretSpec("blind_index_key", "bytes32", "keys the blind index used to find personal data"),
    SecretSpec("file_encryption_key", "bytes32", "encrypts uploaded application files at rest"),
    SecretSpec("download_link_key", "bytes32", "signs short-lived file download links"),
    SecretSpec(
        "wechatpay_api_v3_key",
        "ascii32",
        "opens WeChat Pay's callback resources (the merchant's APIv3 key, 32 characters)",
    ),
    SecretSpec(
        "wechatpay_merchant_key",
        "rsa2048_pem",
        "signs our calls to WeChat Pay and the mini-program's payment parameters "
        "(the private key of the merchant's API certificate)",
    ),
    SecretSpec(
        "ems_sm4_key",
        "bytes16",
        "encrypts the business payload of our calls to EMS and opens its pushes (SM4, 16 bytes)",
    ),
    SecretSpec(
        "nontax_client_key",
        "rsa2048_pem",
        "signs our calls to the non-tax payment platform (the key whose public half it holds)",
    ),
)
# Keys only the sandbox gateway mode uses: generated in dev, never asked of production.
SANDBOX_SECRETS: tuple[SecretSpec, ...] = (
    SecretSpec(
        "wechatpay_sandbox_platform_key",
        "rsa2048_pem",
        "signs the WeChat Pay sandbox's callbacks, as WeChat Pay's platform key would",
    ),
    SecretSpec(
        "nontax_sandbox_platform_key",
        "rsa2048_pem",
        "signs the non-tax platform sandbox's notices and answers, as the platform's key would",
    ),
)


LIVE_GATEWAYS = ("wechat", "idverify", "sms", "push", "wechatpay", "nontax", "ems")
SANDBOX_CREDENTIALS = (
    "wechat_mp_appid",
    "wechat_mp_secret",
    "wechat_oa_appid",
    "wechat_oa_secret",
    "idverify_app_id",
    "idverify_secret",
    "sms_access_key_id",
    "sms_access_key_secret",
    "push_api_key",
    "wechat_mp_push_token",
    "wechat_mp_encoding_aes_key",
    "wechat_oa_push_token",
    "wechat_oa_encoding_aes_key",
    "wechatpay_mchid",
    "wechatpay_merchant_serial",
    "nontax_app_id",
    "ems_sender_no",
    "ems_authorization",
)
# WeChat's EncodingAESKey: 43 characters of base64 (32 bytes once WeChat's "=" is added).
ENCODING_AES_KEY = r"^[A-Za-z0-9+/]{43}$"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_ignore_empty=True, extra="ignore", frozen=True
    )

    env: Literal["dev", "production"] = "dev"
    var_dir: Path = Path("var")
    database_url: str | None = None
    # Set by `yiwang` itself once it has started its private PostgreSQL (no URL was given), so
    # the processes it starts join that cluster and know they run in the embedded mode.
    private_database: bool = False
    redis_url: str | None = None
    gateways: Literal["sandbox", "live"] | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    graceful_shutdown_seconds: float = Field(default=15.0, ge=0)
    # Connections the kernel queues before the server accepts them. Sanic's 100 drops
    # connections when thousands of citizens arrive in the same second (08:00 on release day).
    listen_backlog: int = Field(default=2048, ge=16, le=65535)
    # Behind the hall's load balancer: how many proxies in X-Forwarded-For to trust (or the
    # header the proxy sets), so per-IP limits and the audit see the citizen, not the proxy.
    proxies_count: int = Field(default=0, ge=0, le=8)
    real_ip_header: str | None = None
    dependency_timeout_seconds: float = Field(default=2.0, gt=0)
    database_pool_size: int = Field(default=20, ge=1, le=200)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    access_log: bool = True
    demo_data: bool | None = None

    # Identity
    token_issuer: str = "yiwang"  # noqa: S105 - an issuer name, not a secret
    access_token_minutes: int = Field(default=15, ge=1, le=60)
    refresh_token_days: int = Field(default=30, ge=1, le=90)
    token_retired_public_keys_file: Path | None = None
    vault_algorithm: Literal["aes-256-gcm", "sm4-gcm"] = "aes-256-gcm"
    vault_key_id: str = "1"
    vault_previous_keys: str = ""  # "id:base64,id:base64": retired keys that still open old values
    privacy_policy_version: str = "2026-11"
    oauth_redirect_allowlist: str = "http://127.0.0.1,http://localhost"

    # Outside systems. With `gateways=sandbox` every URL defaults to the sandbox this process
    # serves under /sandbox; in production each URL and credential is required.
    wechat_base_url: str | None = None
    wechat_open_base_url: str | None = None  # where browsers authorise; the sandbox by default
    wechat_mp_appid: str = "wxsandboxminiprog"
    wechat_mp_secret: str = "sandbox-mp-secret"  # noqa: S105 - public sandbox value, refused in production
    wechat_oa_appid: str = "wxsandboxofficial"
    wechat_oa_secret: str = "sandbox-oa-secret"  # noqa: S105 - public sandbox value, refused in production
    # WeChat's message push (消息推送), per account: the Token and EncodingAESKey configured
    # with the callback URL /callbacks/wechat/mp and /oa, in safe mode.
    wechat_mp_push_token: str = Field(
        default="sandboxmppushtoken",
        pattern=r"^[A-Za-z0-9]{3,32}$",
    )
    wechat_mp_encoding_aes_key: str = Field(
        default="sandboxMiniProgramEncodingAesKey00000000000", pattern=ENCODING_AES_KEY
    )
    wechat_oa_push_token: str = Field(
        default="sandboxoapushtoken",
        pattern=r"^[A-Za-z0-9]{3,32}$",
    )
    wechat_oa_encoding_aes_key: str = Field(
        default="sandboxOfficialAccountEncodingAesKey0000000", pattern=ENCODING_AES_KEY
    )
    idverify_base_url: str | None = None
    idverify_app_id: str = "sandbox-idverify"
    idverify_secret: str = "sandbox-idverify-secret"  # noqa: S105 - public sandbox value, refused in production
    sms_base_url: str | None = None
    sms_access_key_id: str = "sandbox-sms-key"
    sms_access_key_secret: str = "sandbox-sms-secret"  # noqa: S105 - public sandbox value, refused in production
    sms_sign_name: str = "一网通办"
    sms_code_template: str = "SMS_CODE_0001"
    # WeChat message templates, as the hall registered them: {"event.type": "template id"}.
    # The sandbox accepts any id; the defaults name the event type.
    wechat_subscribe_templates: dict[str, str] = Field(default_factory=dict)
    wechat_oa_templates: dict[str, str] = Field(default_factory=dict)
    push_base_url: str | None = None
    # WeChat Pay (API v3): our merchant number, and WeChat Pay's platform certificates or
    # platform public keys that sign its callbacks, as {serial or PUB_KEY_ID_...: PEM}. Hold the
    # old and the new one while WeChat Pay switches. In the sandbox gateway mode the sandbox's
    # own key (the secret wechatpay_sandbox_platform_key) is added to these.
    wechatpay_mchid: str = "sandbox-mchid"
    wechatpay_platform_keys: dict[str, str] = Field(default_factory=dict)
    # WeChat Pay's API (or its sandbox under /sandbox/wechatpay), and the serial number of the
    # merchant API certificate whose key (the secret wechatpay_merchant_key) signs our calls.
    # The mini-program's app id (wechat_mp_appid) is the payer's app.
    wechatpay_base_url: str | None = None
    wechatpay_merchant_serial: str = "sandbox-merchant-serial"
    # Our public HTTPS address of /callbacks/payments/wechat, told to WeChat Pay with each
    # prepay and refund (in the sandbox gateway mode: this process's own route).
    wechatpay_notify_url: str | None = None
    # The provincial non-tax payment platform (统一公共支付平台): its API (or its sandbox under
    # /sandbox/nontax), our app id there, how it signs its notices and answers
    # (RSA-SHA256 with a PEM public key, or SM2-SM3 with a hex public key; in the sandbox
    # gateway mode the sandbox's own key), and the province prefix of its payment codes.
    nontax_base_url: str | None = None
    nontax_app_id: str = "sandbox-nontax-app"
    nontax_sign_algorithm: Literal["RSA-SHA256", "SM2-SM3"] = "RSA-SHA256"
    nontax_platform_public_key: str = ""
    nontax_province_prefix: str = Field(default="35", pattern=r"^[1-9][0-9]$")
    # EMS (China Post's contract-customer API, or its sandbox under /sandbox/ems): our sender
    # number (协议客户号) and authorisation code there; the SM4 key of the business payload is the
    # secret ems_sm4_key. The hall's return address is where pickups go and results leave from.
    ems_base_url: str | None = None
    ems_sender_no: str = "sandbox-ems-sender"
    ems_authorization: str = "sandbox-ems-authorization"
    # Where results leave from and pickups go to: the hall's EMS sender (its division codes are
    # GB/T 2260's, as an address book's).
    hall_sender_name: str = "一网通办政务服务中心"
    hall_sender_phone: str = "059187000000"
    hall_sender_province_code: str = Field(default="350000", pattern=r"^[0-9]{6}$")
    hall_sender_city_code: str = Field(default="350100", pattern=r"^[0-9]{6}$")
    hall_sender_district_code: str = Field(default="350102", pattern=r"^[0-9]{6}$")
    hall_sender_address: str = "福建省福州市鼓楼区鼓屏路1号政务服务中心"
    # The hall (booking's code) at that address: citizens' originals are picked up for it
    # (上门揽收) in two-hour windows inside its opening hours, and its staff see them coming.
    ems_pickup_hall_code: str = Field(default="CIVIC", min_length=1, max_length=32)
    # What sending a result by EMS costs the citizen, in fen (0: the hall pays). Charged as a
    # payment order to this payee (执收单位) and region; the waybill waits for the payment.
    ems_delivery_fee_fen: int = Field(default=0, ge=0, le=100_000)
    ems_delivery_fee_payee_code: str = Field(default="350100001", min_length=1, max_length=32)
    ems_delivery_fee_region_code: str = Field(default="350100", min_length=1, max_length=12)
    # Orders paying this long with no callback are queried at the channel by the sweep.
    payments_query_after_minutes: int = Field(default=5, ge=1, le=1440)
    push_api_key: str = "sandbox-push-key"
    # The hall's core approval system: "local" is the embedded reference engine (cases in our
    # database, the embedded default); "http" is the core system's API (or its sandbox under
    # /sandbox/core in the sandbox gateway mode).
    core_gateway: Literal["local", "http"] = "local"
    core_base_url: str | None = None
    core_app_id: str = "sandbox-core"
    core_secret: str = "sandbox-core-secret"  # noqa: S105 - public sandbox value, refused in production
    gateway_timeout_seconds: float = Field(default=5.0, gt=0, le=30)
    # Uploaded application files (api.approval.storage). On disk under the var directory by
    # default: one machine only, or a mount every machine shares. With several machines and no
    # shared mount, S3-compatible object storage (MinIO, the cloud OSS): the bucket is created
    # by the operators, never by us.
    storage_backend: Literal["disk", "s3"] = "disk"
    storage_dir: Path | None = None  # default: <var_dir>/files
    s3_endpoint_url: str | None = None
    s3_bucket: str | None = None
    s3_access_key: str | None = None
    s3_secret_key: str | None = None
    s3_region: str = "us-east-1"
    # Connect and per-read timeout of object storage; a whole call gives up after three.
    storage_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    download_link_lifetime_seconds: int = Field(default=300, ge=10, le=3600)
    # Notification dispatch
    worker_in_process: bool | None = None  # default: in the embedded mode only
    dispatch_concurrency: int = Field(default=32, ge=1, le=512)
    dispatch_batch: int = Field(default=100, ge=1, le=1000)
    dispatch_lease_seconds: int = Field(default=60, ge=5, le=3600)
    dispatch_max_attempts: int = Field(default=8, ge=1, le=50)
    dispatch_poll_seconds: float | None = Field(default=None, gt=0, le=300)  # NOTIFY wakes it
    # How long a minute of the periodic jobs' schedule lasts (see api.kit.periodic): 60 in
    # production; tests shorten it so that a sweep's "every minute" comes within seconds.
    sweep_seconds: float = Field(default=60.0, gt=0, le=3600)
    # Live queue status streams (server-sent events). One Redis subscription per process feeds
    # them all; these cap how many a process and one client address hold, how often a quiet
    # stream sends a heartbeat, and how long one lasts before the browser reconnects.
    live_streams_per_process: int = Field(default=2000, ge=1, le=100_000)
    live_streams_per_address: int = Field(default=20, ge=1, le=100_000)
    live_stream_heartbeat_seconds: float = Field(default=15.0, gt=0, le=300)
    live_stream_max_seconds: float = Field(default=1800.0, gt=0, le=86_400)

    @property
    def is_dev(self) -> bool:
        return self.env == "dev"

    @property
    def db_url(self) -> str:
        if not self.database_url:
            raise SettingsError(
                [f"{ENV_PREFIX}DATABASE_URL is not set and no private PostgreSQL was started"]
            )
        return self.database_url

    @property
    def private_pgdata(self) -> Path:
        """Where the private PostgreSQL of the embedded mode keeps its data."""
        return self.var_dir / "postgres"

    @property
    def blob_dir(self) -> Path:
        """Where the disk blob store keeps uploaded files."""
        return self.storage_dir or self.var_dir / "files"

    @property
    def cache_url(self) -> str:
        return self.redis_url or MEMORY_REDIS

    @property
    def gateway_mode(self) -> Literal["sandbox", "live"]:
        return self.gateways or ("sandbox" if self.is_dev else "live")

    @property
    def embedded(self) -> bool:
        """The private PostgreSQL or the in-process Redis: for trying Yiwang, never production."""
        return not self.database_url or self.private_database or self.cache_url == MEMORY_REDIS

    @property
    def runs_worker_in_process(self) -> bool:
        if self.worker_in_process is not None:
            return self.worker_in_process
        return self.embedded

    @property
    def seeds_demo_data(self) -> bool:
        return self.demo_data if self.demo_data is not None else self.embedded and self.is_dev

    def gateway_url(self, system: str) -> str:
        """Where an outside system is reached: its configured URL, or our own sandbox of it."""
        configured: str | None = getattr(self, f"{system}_base_url")
        if configured:
            return configured.rstrip("/")
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host  # noqa: S104
        return f"http://{host}:{self.port}/sandbox/{system}"

    @property
    def redirect_allowlist(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in self.oauth_redirect_allowlist.split(",") if p.strip())

    def describe(self) -> dict[str, str]:
        """What `yiwang check` prints: every setting, with passwords masked."""
        return {
            "env": self.env,
            "database": mask_url_password(self.database_url)
            if self.database_url
            else f"private PostgreSQL under {self.private_pgdata}",
            "redis": mask_url_password(self.cache_url),
            "gateways": self.gateway_mode,
            "listen": f"{self.host}:{self.port} x{self.workers}",
            "storage": f"s3 {self.s3_endpoint_url} bucket {self.s3_bucket}"
            if self.storage_backend == "s3"
            else f"disk under {self.blob_dir}",
        }

    def secret(self, name: str) -> bytes:
        """The raw value of a declared secret, generating it in dev mode when absent."""
        spec = _secret_spec(name)
        value = _read_configured_secret(spec)
        if value is not None:
            return value
        if not self.is_dev:
            raise SettingsError([f"{spec.env_var} is not set ({spec.purpose})"])
        return _dev_secret(spec, self.var_dir / "keys")

    def production_problems(self) -> list[str]:
        problems: list[str] = []
        if not self.database_url or self.private_database:
            problems.append(f"{ENV_PREFIX}DATABASE_URL is not set (postgres://...)")
        elif not self.database_url.startswith(("postgres://", "asyncpg://", "psql://")):
            problems.append(f"{ENV_PREFIX}DATABASE_URL must name PostgreSQL in production")
        if not self.redis_url or self.redis_url == MEMORY_REDIS:
            problems.append(
                f"{ENV_PREFIX}REDIS_URL is not set (redis://...); memory:// is dev only"
            )
        if self.gateway_mode != "live":
            problems.append(
                f"{ENV_PREFIX}GATEWAYS must be 'live' in production (sandboxes are dev only)"
            )
        if self.demo_data:
            problems.append(f"{ENV_PREFIX}DEMO_DATA must not be set in production")
        for system in LIVE_GATEWAYS:
            if not getattr(self, f"{system}_base_url"):
                problems.append(f"{ENV_PREFIX}{system.upper()}_BASE_URL is not set")
        for name in SANDBOX_CREDENTIALS:
            if str(getattr(self, name)).startswith(("sandbox", "wxsandbox")):
                problems.append(f"{ENV_PREFIX}{name.upper()} is a sandbox credential")
        if not self.wechatpay_platform_keys:
            problems.append(
                f"{ENV_PREFIX}WECHATPAY_PLATFORM_KEYS is not set "
                "(WeChat Pay's platform certificates or public keys, by serial)"
            )
        if not (self.wechatpay_notify_url or "").startswith("https://"):
            problems.append(
                f"{ENV_PREFIX}WECHATPAY_NOTIFY_URL is not set to our public https:// address of "
                "/callbacks/payments/wechat"
            )
        if not self.nontax_platform_public_key:
            problems.append(
                f"{ENV_PREFIX}NONTAX_PLATFORM_PUBLIC_KEY is not set "
                "(the non-tax platform's key that signs its notices)"
            )
        problems.extend(self._core_gateway_problems())
        problems.extend(self.storage_problems())
        for spec in SECRETS:
            problems.extend(_secret_problems(spec))
        return problems

    def _core_gateway_problems(self) -> list[str]:
        """The core system's URL and credentials are needed only when it is reached over HTTP
        (the embedded engine needs neither)."""
        if self.core_gateway != "http":
            return []
        problems = []
        if not self.core_base_url:
            problems.append(f"{ENV_PREFIX}CORE_BASE_URL is not set (core_gateway is http)")
        for name in ("core_app_id", "core_secret"):
            if str(getattr(self, name)).startswith("sandbox"):
                problems.append(f"{ENV_PREFIX}{name.upper()} is a sandbox credential")
        return problems

    def storage_problems(self) -> list[str]:
        if self.storage_backend != "s3":
            return []
        return [
            f"{ENV_PREFIX}{name.upper()} is not set (needed with {ENV_PREFIX}STORAGE_BACKEND=s3)"
            for name in ("s3_endpoint_url", "s3_bucket", "s3_access_key", "s3_secret_key")
            if not getattr(self, name)
        ]


def load_settings() -> Settings:
    """Read and validate settings; raise SettingsError naming every problem at once."""
    try:
        settings = Settings()
    except ValidationError as exc:
        raise SettingsError([_describe_validation_error(err) for err in exc.errors()]) from None
    if not settings.is_dev:
        problems = settings.production_problems()
        if problems:
            raise SettingsError(problems)
    return settings


def _describe_validation_error(err: ErrorDetails) -> str:
    field = ".".join(str(part) for part in err.get("loc", ())) or "?"
    return f"{ENV_PREFIX}{field.upper()}: {err.get('msg', 'invalid')}"


def _secret_spec(name: str) -> SecretSpec:
    for spec in (*SECRETS, *SANDBOX_SECRETS):
        if spec.name == name:
            return spec
    raise KeyError(f"no secret named {name!r}")


def _read_configured_secret(spec: SecretSpec) -> bytes | None:
    inline = os.environ.get(spec.env_var)
    if inline:
        return _decode_secret(spec, inline)
    path = os.environ.get(spec.file_env_var)
    if path:
        return _decode_secret(spec, Path(path).read_text(encoding="utf-8"))
    return None


def _secret_problems(spec: SecretSpec) -> list[str]:
    inline = os.environ.get(spec.env_var)
    path = os.environ.get(spec.file_env_var)
    if not inline and not path:
        return [f"{spec.env_var} or {spec.file_env_var} is not set ({spec.purpose})"]
    try:
        text = inline or Path(str(path)).read_text(encoding="utf-8")
    except OSError as exc:
        return [f"{spec.file_env_var} cannot be read ({exc.strerror})"]
    if DEV_KEY_MARKER.strip() in text:
        return [f"{spec.env_var} is a key generated in dev mode; production needs its own"]
    try:
        _decode_secret(spec, text)
    except ValueError as exc:
        return [f"{spec.env_var} is not a valid {spec.kind} key ({exc})"]
    return []


def _decode_secret(spec: SecretSpec, text: str) -> bytes:
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#")).strip()
    if spec.kind in ("ec_p256_pem", "rsa2048_pem"):
        if "PRIVATE KEY" not in body:
            raise ValueError("expected a PEM private key")
        return body.encode() + b"\n"
    if spec.kind == "ascii32":
        if len(body) != 32 or not (body.isascii() and body.isprintable()):
            raise ValueError("expected 32 printable ASCII characters")
        return body.encode("ascii")
    size = 16 if spec.kind == "bytes16" else 32
    raw = base64.b64decode(body, validate=True)
    if len(raw) != size:
        raise ValueError(f"expected {size} bytes, base64-encoded")
    return raw


def _dev_secret(spec: SecretSpec, keys_dir: Path) -> bytes:
    """Generate the key once under var/keys and reuse it, so restarts keep tokens and data valid."""
    path = keys_dir / f"{spec.name}.key"
    if not path.exists():
        keys_dir.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".tmp")
        temp.write_text(DEV_KEY_MARKER + _generate(spec), encoding="utf-8")
        temp.chmod(0o600)
        os.replace(temp, path)
    return _decode_secret(spec, path.read_text(encoding="utf-8"))


def _generate(spec: SecretSpec) -> str:
    if spec.kind in ("bytes32", "bytes16"):
        size = 16 if spec.kind == "bytes16" else 32
        return base64.b64encode(secrets.token_bytes(size)).decode() + "\n"
    if spec.kind == "ascii32":
        return secrets.token_hex(16) + "\n"
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    if spec.kind == "rsa2048_pem":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
