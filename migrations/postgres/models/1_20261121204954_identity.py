from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "audit_event" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "at" TIMESTAMPTZ NOT NULL,
    "kind" VARCHAR(48) NOT NULL,
    "actor" VARCHAR(64),
    "person_public_id" VARCHAR(32),
    "request_id" VARCHAR(128),
    "detail" JSONB NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_audit_event_at_500752" ON "audit_event" ("at");
CREATE INDEX IF NOT EXISTS "idx_audit_event_kind_b9de88" ON "audit_event" ("kind");
CREATE INDEX IF NOT EXISTS "idx_audit_event_person__2abfa1" ON "audit_event" ("person_public_id");
COMMENT ON TABLE "audit_event" IS 'Append-only security events. Holds opaque ids and masked values, never personal data.';
        CREATE TABLE IF NOT EXISTS "device" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(64) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "hall_code" VARCHAR(32) NOT NULL,
    "key_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ
);
COMMENT ON TABLE "device" IS 'A hall kiosk or display. Its key is stored hashed; revoking it is final.';
        CREATE TABLE IF NOT EXISTS "person" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "level" SMALLINT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "merged_into" VARCHAR(32),
    "name_sealed" TEXT,
    "id_number_sealed" TEXT,
    "id_number_index" VARCHAR(64) UNIQUE,
    "verified_at" TIMESTAMPTZ,
    "face_verified_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "deleted_at" TIMESTAMPTZ
);
COMMENT ON COLUMN "person"."status" IS 'ACTIVE: active\nMERGED: merged\nDELETED: deleted';
        CREATE TABLE IF NOT EXISTS "staff_account" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "username" VARCHAR(64) NOT NULL UNIQUE,
    "password_hash" VARCHAR(255) NOT NULL,
    "roles" JSONB NOT NULL,
    "hall_code" VARCHAR(32),
    "failed_attempts" SMALLINT NOT NULL,
    "locked_until" TIMESTAMPTZ,
    "disabled" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "password_changed_at" TIMESTAMPTZ NOT NULL
);
        CREATE TABLE IF NOT EXISTS "auth_session" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "audience" VARCHAR(16) NOT NULL,
    "channel" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_used_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "revoked_reason" VARCHAR(32),
    "person_id" BIGINT REFERENCES "person" ("id") ON DELETE CASCADE,
    "staff_id" BIGINT REFERENCES "staff_account" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "auth_session"."audience" IS 'CITIZEN: citizen\nSTAFF: staff';
COMMENT ON TABLE "auth_session" IS 'One signed-in session; its refresh tokens form one family.';
        CREATE TABLE IF NOT EXISTS "binding" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "kind" VARCHAR(16) NOT NULL,
    "value_index" VARCHAR(64) NOT NULL,
    "value_sealed" TEXT NOT NULL,
    "session_key_sealed" TEXT,
    "verified" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_used_at" TIMESTAMPTZ,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_binding_kind_b06cb1" UNIQUE ("kind", "value_index")
);
COMMENT ON COLUMN "binding"."kind" IS 'MP_OPENID: mp_openid\nOA_OPENID: oa_openid\nUNIONID: unionid\nPHONE: phone\nAPP_DEVICE: app_device';
COMMENT ON TABLE "binding" IS 'A way to reach a person: an openid, a unionid, a phone, an app device.';
        CREATE TABLE IF NOT EXISTS "consent" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "policy_version" VARCHAR(32) NOT NULL,
    "channel" VARCHAR(16) NOT NULL,
    "accepted_at" TIMESTAMPTZ NOT NULL,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_consent_person__180268" UNIQUE ("person_id", "policy_version")
);
COMMENT ON TABLE "consent" IS 'Which privacy-policy version a person accepted, and when (a ledger: rows are added).';
        CREATE TABLE IF NOT EXISTS "refresh_token" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "session_id" BIGINT NOT NULL REFERENCES "auth_session" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "refresh_token" IS 'Stored as a SHA-256 hash. `used_at` is set once, by a conditional UPDATE.';
-- Written by hand: rules the database itself enforces.
ALTER TABLE "person" ADD CONSTRAINT "person_level_range" CHECK ("level" BETWEEN 1 AND 3);
ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_one_owner"
    CHECK (("person_id" IS NULL) <> ("staff_id" IS NULL));
ALTER TABLE "staff_account" ADD CONSTRAINT "staff_failed_attempts_range"
    CHECK ("failed_attempts" >= 0);
CREATE INDEX IF NOT EXISTS "idx_binding_person" ON "binding" ("person_id");
CREATE INDEX IF NOT EXISTS "idx_auth_session_person" ON "auth_session" ("person_id");
CREATE INDEX IF NOT EXISTS "idx_auth_session_staff" ON "auth_session" ("staff_id");
CREATE INDEX IF NOT EXISTS "idx_refresh_token_session" ON "refresh_token" ("session_id");
CREATE INDEX IF NOT EXISTS "idx_consent_person" ON "consent" ("person_id");
CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'audit_event is append-only';
    END IF;
    IF OLD."at" > now() - interval '180 days' THEN
        RAISE EXCEPTION 'audit events are kept at least 180 days';
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER "audit_event_append_only" BEFORE UPDATE OR DELETE ON "audit_event"
    FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "staff_account";
        DROP TABLE IF EXISTS "binding";
        DROP TABLE IF EXISTS "auth_session";
        DROP TABLE IF EXISTS "consent";
        DROP TABLE IF EXISTS "refresh_token";
        DROP TABLE IF EXISTS "audit_event";
        DROP TABLE IF EXISTS "device";
        DROP TABLE IF EXISTS "person";
        DROP FUNCTION IF EXISTS "audit_event_append_only"();"""


MODELS_STATE = (
    "eJztXW1z4rYW/isaPm1nSCZLXpveuTMkIRvuJiET2G1nm44rbAEajORaIlna5r9fye+vxC"
    "YYjNefQiQdSX6OLJ3z6Ej+pzGjGtLZfnuuYd55RoQ3zsE/DQJnSPxIyG2CBjQMP08mcDjU"
    "reJQllOQV3DIuAlVWeUI6gyJJA0x1cQGx5RIgbZhIKLtUaIvAEPq3MR8ASx5tg9uqK4xQA"
    "341xwBLH5CooEZZFOkgWeozxFrAiIKm8BAJqME6kCDHO7LpjWqirYxGRfaypxgIaVwOkZ8"
    "gkzR1u9/iGRMNPQdMfdfY6qMMNK1ELJYkxVY6QpfGFbaBR53Cb+2yspnGCoq1ecz4pc3Fn"
    "xCiSeAbZzHiCATciRb4OZc4kzmuu5oxYXe7qxfxO5lQEZDIzjXpbaktN0BP62hKPe9gdLv"
    "DBSlEdOkKxGA3UlSKZGjQHSVWQCMZRf2fm61Dg9PWweHJ2fHR6enx2cHZ6Ks1d941umr3R"
    "kfLbsqC7Pup+79QHaIiqFmD0OZ8GrJCEXZUpYyfPQhj6N/JRDkeIaS8bclIvhrjsi++yOq"
    "DRf7ZepwE7akDxNBrSfeDKfdJVAPuned/qB99yCbmzH2l27B1h50ZE7LSl1EUj+c/BTWjV"
    "cJ+LU7uAHyX/Ctd9+x0KWMj02rRb/c4FtD9gnOOVUIfVGgFoDITXVhFCV9JU8FonE1X06g"
    "maxit3xEyQKtHVTrDH5XdETGfCL+PTpbotav7cfLm/bjh6OziKrunZyWlfUawlbM6tTMA6"
    "4nsBK6DnRLwPUXmI2je3KUAd2To1R0ZVYYXXulUYz5UMeqkrRUpAOdJFsQ5tsb0IetDJAf"
    "tlIhl1lhyE0knpLxnGCHpao3tD+2sswcolQq0lZeGGoNcYj1OMz/6/fuk2H2JaILMFY5+B"
    "fomMUModXm6DjWjf+M5kSVMILhHOscE7Yvm/1voyANLAFcIhRafF2cP9y1f4uq4PK2dxFd"
    "VWUFF0Id0iwdTQOmkUwYQnX6Ak1NieXQFk0rG8+atWbRFEjg2IJXPrF8Ps+v4JM+YsxGKM"
    "Ht8LPf8Dv4RGGBkm86Hj2CAMNjgrQ9TIAj+gvAnAETjQRaE8DpFBEGRtScASqKj+AM64u4"
    "d/G+qmoXYkddiNUW53evyiVTRcGrsiQUEFFRMsYdMp9ZOHdFp6BTLGx1BuSLMuvXsTw3Lr"
    "uD7rfO/TlQMcd/I/JEhPNzfX0OxIONRtE5J9PSfZJl5Y66Z4GF+ySqDHUCCUEJC3f6eA+I"
    "lBn+Va2j9UMsvHEBhpKfnwhLboan2Cz01SUqdChciDlbSe9R2Vrzu6R59N3AorYV9B6WrK"
    "DWd0TLLiZL1WyiZ+EBrPJ6hyXXoOaS0Q1V1LKYrpjth2ankaKS1aOS1u8cOExnXjc4JPa2"
    "N7wDOG/QH/bRtxyT3OAHpWrs82Afo+yiL0JcEdfURHhMPqNFzEuOYO8Qbg9eRbulhVd3mL"
    "mpfhdN+OJRZ+FXX/wQD424PTe3+5ftq04jPsTXAGtf1tNWVTrfxSGeFdzgq52MbTrJHFxE"
    "LcpUsSnThMnFkb/+/Ih0yHHicung/mjXNZBV7a4FHAP+tUhK/kI8rN2pGB3vZjWXUfHDQK"
    "G3w3/AC1wAToEwfNQJgE6IzTmABFADEaw1RaLQB3V+GkLLoh6RLXoANPSMVZQQ77O2ahPY"
    "+d+9OAErOkixBkfjj5q0L8tC2axJ++3a5elxN28T9kXH4KyFrL97UHoPnfvu1TmYGYo9oz"
    "yRXttLpdBL/XLf7VlpznTzRB5uhP95bs85T6T98KBcdb52L0WSmHwUe/IpB+EfnOByvC8R"
    "sTKrsjQRPzZmDEEdJbw7A/Q9ZXmIylUC7GWkUOe3QYgPikVAeJzQbe/+k1s8GhYRcWXtPX"
    "tlihYrqCBZugoEzqb18IxMLBpLspAo1REkKe9AQCwC+1DIFfUCeCmbRf6i17sNIX/RjUL7"
    "5e6iI6Z6Sw2iEOYpFE6925g+31d3z6lku407NOeVSNGZNiS2RpCX7m3+MVnasqlhjTTtdu"
    "JVL0XPU47IuVnNZeSYGij0Jjn26wSrE2CY+Bmqiz2D6lhdAGHrSGPT47QAVFVkiBHQtM6t"
    "vUwQAR8gEEboGJnnwKQvDEATATFrIO2nOFVWVCOJxJn/BtgNKU5DNXtWngmsuYw9C2stpo"
    "klFFpMshKOatFMWh1xWTjH5U5tKxjDEdHaCyqLcZzFC6pt49o2LpMadt42vrI3LhJM4ytv"
    "SyPdMva3PbLsGk+groMppmwKqAk0zAwdLvZBlzMwRQuAGWBcjBxNFGQTpP0CrAA7AT/AXO"
    "aOMIF60r7x+iquz3WVeCZaauTWW8TFG7bW3xz4uuUraNKufy+xbPdeVMpfkCuEwE7LNXxD"
    "QhWEuYAYErRQ5BqbaxwHZCo3B69/mqh3/9Khr67fWx9FqurOX0nu9HA88AQ/0PfN0/1Anw"
    "h40w9MV2zte9W+V1XW/fWbVjp6TtpS6M+EkZo6zj2hzXGeH4sd6oet0xNvcMt/lg3n/l37"
    "9jbxDByfJxxSyRbr7EtvziWQ9/DhZ7cvmSOe25eD7lcZoWxJP5G7zuOnjgx/RqZYBJ7IVe"
    "e2M5AJNh2pRam17fhqdu8U0RzNM6FExKoQybkJPmeF0NmIWBWQ3nTMLNYUMdEMkbkC/Emy"
    "tQ7eo4PcZyUSRNeigRJZMAUclnACvldwYiOitRdbNi82qOcRVJHyDmUnydcaL7PGa04yfV"
    "KtLic5N7QVtR6WrLVeFq0nvOxO74PXQFuu4gpaD0vWM3p5lJybiY4dwnznlR+RK6N3Uu/x"
    "Cz+Cr41zwcY7cQrc5bFjM2ImkJyDFu8EKXCmoyogFbnzE7puJ2H/J3odT/ouUOgSoEybQY"
    "2+HZcHGYCgf9Peax2fWEF6++BP57zin1b4HuKAElVUMFyIkgIgDcsqoA6+PMgJMx4VuNaa"
    "662pHd2asoZi7pCUsFTlNqfqoJTaFViLA7jaafT6IPr21ZuJ1nGvSMl9W2hIrj5us67jNo"
    "FP5bzzvE0+f6tsysh66CY8Dst06iZ0tWiCzR29ejTd5rav74SBonUA1g9n5dYBWBsIlhBm"
    "i5n3AExQpnIQF/ABTcjYCxWTa16HLSZYwdMarePjDHiLUqmAW3mR72dSHSXQbenfdPQEyv"
    "FJR9neTn/SsQSHlErmQRU9j48g1i0HlKOZkcQ1Lw+pTRDfnIdzUKwZs47gWp2q8riJsEaT"
    "Phb7xj11EdmaHigzPaBhJkHOe+9nUKy+97O+97MmWZffeOOatvKKqPFK6k+poh4HZR8HdU"
    "TGDu2jt5GJ1Ukjgc1zcppLv4XulykNgfejsHetj0enR2eHJ0ee7eulLDOA3+blVrhysdp3"
    "LRbCYciXKgfCTvEKovvx4CDLWbyDg/TDeDIvYnVSwp1oqqwcUUBk8yzRdpy3tfFBW70O4P"
    "X/Shkq6A=="
)
