from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "payment_order" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "application_ref" VARCHAR(32) NOT NULL,
    "notice_number" VARCHAR(32) NOT NULL UNIQUE,
    "payee_code" VARCHAR(32) NOT NULL,
    "region_code" VARCHAR(12) NOT NULL,
    "items" JSONB NOT NULL,
    "total_fen" BIGINT NOT NULL,
    "due_date" DATE NOT NULL,
    "payment_code" VARCHAR(20),
    "status" VARCHAR(20) NOT NULL,
    "channel" VARCHAR(8),
    "paid_fen" BIGINT NOT NULL,
    "refunded_fen" BIGINT NOT NULL,
    "paid_at" TIMESTAMPTZ,
    "closed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_payment_ord_person__623e71" ON "payment_order" ("person_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_payment_ord_status_25728e" ON "payment_order" ("status", "due_date");
COMMENT ON COLUMN "payment_order"."status" IS 'CREATED: created\nPAYING: paying\nPAID: paid\nPARTIALLY_REFUNDED: partially_refunded\nREFUNDED: refunded\nCLOSED: closed\nAMOUNT_MISMATCH: amount_mismatch\nPAID_AFTER_CLOSE: paid_after_close';
COMMENT ON COLUMN "payment_order"."channel" IS 'NONTAX: nontax\nWECHAT: wechat';
COMMENT ON TABLE "payment_order" IS 'A citizen''s order for one fee notice (缴款通知书).';
        CREATE TABLE IF NOT EXISTS "payment_event" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "from_status" VARCHAR(20),
    "to_status" VARCHAR(20) NOT NULL,
    "source" VARCHAR(32) NOT NULL,
    "note" VARCHAR(500) NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "order_id" BIGINT NOT NULL REFERENCES "payment_order" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_payment_eve_order_i_d1e16a" ON "payment_event" ("order_id", "at");
COMMENT ON TABLE "payment_event" IS 'One step of an order''s timeline: every status change, and who or what made it.';
        CREATE TABLE IF NOT EXISTS "payment_refund" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "refund_no" VARCHAR(64) NOT NULL UNIQUE,
    "amount_fen" BIGINT NOT NULL,
    "reason" VARCHAR(200) NOT NULL,
    "status" VARCHAR(12) NOT NULL,
    "operator" VARCHAR(32) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "order_id" BIGINT NOT NULL REFERENCES "payment_order" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_payment_ref_order_i_4f00f5" ON "payment_refund" ("order_id", "status");
COMMENT ON COLUMN "payment_refund"."status" IS 'REQUESTED: requested\nSUCCEEDED: succeeded\nFAILED: failed';
COMMENT ON TABLE "payment_refund" IS 'A refund of (part of) an order, known by the refund number sent to the channel.';
ALTER TABLE "payment_order" ADD CONSTRAINT payment_order_status_known CHECK (status IN (
    'created', 'paying', 'paid', 'partially_refunded', 'refunded', 'closed', 'amount_mismatch',
    'paid_after_close'));
ALTER TABLE "payment_order" ADD CONSTRAINT payment_order_channel_known CHECK (
    channel IS NULL OR channel IN ('nontax', 'wechat'));
ALTER TABLE "payment_order" ADD CONSTRAINT payment_order_payment_code CHECK (
    payment_code IS NULL OR payment_code ~ '^[0-9]{20}$');
ALTER TABLE "payment_order" ADD CONSTRAINT payment_order_amounts CHECK (
    total_fen > 0 AND paid_fen >= 0 AND refunded_fen >= 0 AND refunded_fen <= paid_fen);
ALTER TABLE "payment_order" ADD CONSTRAINT payment_order_amounts_fit_status CHECK (CASE
    WHEN status IN ('created', 'paying', 'closed') THEN paid_fen = 0 AND refunded_fen = 0
    WHEN status IN ('paid', 'amount_mismatch', 'paid_after_close') THEN
        paid_fen > 0 AND paid_at IS NOT NULL AND refunded_fen = 0
    WHEN status = 'partially_refunded' THEN paid_at IS NOT NULL AND refunded_fen > 0 AND refunded_fen < paid_fen
    WHEN status = 'refunded' THEN paid_at IS NOT NULL AND paid_fen > 0 AND refunded_fen = paid_fen
    END);
ALTER TABLE "payment_order" ADD CONSTRAINT payment_order_paying_has_channel CHECK (
    status <> 'paying' OR channel IS NOT NULL);
ALTER TABLE "payment_order" ADD CONSTRAINT payment_order_closed_has_time CHECK (
    status NOT IN ('closed', 'paid_after_close') OR closed_at IS NOT NULL);
ALTER TABLE "payment_refund" ADD CONSTRAINT payment_refund_amount CHECK (amount_fen > 0);
ALTER TABLE "payment_refund" ADD CONSTRAINT payment_refund_status_known CHECK (
    status IN ('requested', 'succeeded', 'failed'));
CREATE FUNCTION payment_order_rules() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- The transition table of payments/transitions.py; a status kept is no move.
    IF NEW."status" <> OLD."status" AND NOT (OLD."status", NEW."status") IN (
        ('created', 'paying'), ('created', 'closed'),
        ('paying', 'paid'), ('paying', 'closed'), ('paying', 'amount_mismatch'),
        ('paid', 'partially_refunded'), ('paid', 'refunded'),
        ('partially_refunded', 'refunded'),
        ('closed', 'paid_after_close'),
        ('amount_mismatch', 'paid'), ('amount_mismatch', 'refunded'),
        ('paid_after_close', 'paid'), ('paid_after_close', 'refunded')
    ) THEN
        RAISE EXCEPTION 'a payment order cannot move % -> %', OLD."status", NEW."status"
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    -- The bill itself is the fee notice's: it never changes under an order.
    IF NEW."notice_number" <> OLD."notice_number" OR NEW."total_fen" <> OLD."total_fen" THEN
        RAISE EXCEPTION 'a payment order''s notice and total never change'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    -- What was paid is written once, when the money arrives on an unpaid order.
    IF NEW."paid_fen" <> OLD."paid_fen" AND OLD."status" NOT IN ('created', 'paying', 'closed') THEN
        RAISE EXCEPTION 'a payment order''s paid amount is set once (% -> %)', OLD."paid_fen", NEW."paid_fen"
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW."refunded_fen" < OLD."refunded_fen" THEN
        RAISE EXCEPTION 'a payment order''s refunded amount only grows (% -> %)', OLD."refunded_fen", NEW."refunded_fen"
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    -- The channel is chosen (or switched) only by moving into paying.
    IF NEW."channel" IS DISTINCT FROM OLD."channel" AND NEW."status" <> 'paying' THEN
        RAISE EXCEPTION 'a payment order''s channel changes only when it moves to paying'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER payment_order_rules BEFORE UPDATE ON payment_order
    FOR EACH ROW EXECUTE FUNCTION payment_order_rules();
CREATE FUNCTION payment_refund_rules() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    paid BIGINT;
    held BIGINT;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW."order_id" <> OLD."order_id" OR NEW."amount_fen" <> OLD."amount_fen"
                OR NEW."refund_no" <> OLD."refund_no" THEN
            RAISE EXCEPTION 'a refund''s order, number and amount never change'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW."status" <> OLD."status" AND OLD."status" <> 'requested' THEN
            RAISE EXCEPTION 'a refund cannot move % -> %', OLD."status", NEW."status"
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF NEW."status" = 'failed' THEN
        RETURN NEW;  -- a failed refund holds no money
    END IF;
    -- The order's row lock serialises every refund of one order, whoever writes it: a second
    -- refund waits here for the first's transaction, and then (a new snapshot per statement)
    -- counts it.
    SELECT "paid_fen" INTO paid FROM "payment_order" WHERE "id" = NEW."order_id" FOR UPDATE;
    SELECT COALESCE(SUM("amount_fen"), 0) INTO held FROM "payment_refund"
        WHERE "order_id" = NEW."order_id" AND "status" IN ('requested', 'succeeded')
            AND "id" <> NEW."id";
    IF held + NEW."amount_fen" > COALESCE(paid, 0) THEN
        RAISE EXCEPTION 'refunds of payment order % would sum to % fen, above the % fen paid',
            NEW."order_id", held + NEW."amount_fen", COALESCE(paid, 0)
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER payment_refund_rules BEFORE INSERT OR UPDATE ON payment_refund
    FOR EACH ROW EXECUTE FUNCTION payment_refund_rules();"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP FUNCTION IF EXISTS payment_refund_rules() CASCADE;
        DROP FUNCTION IF EXISTS payment_order_rules() CASCADE;
        DROP TABLE IF EXISTS "payment_event";
        DROP TABLE IF EXISTS "payment_refund";
        DROP TABLE IF EXISTS "payment_order";"""


MODELS_STATE = (
    "eJztXetz4ji2/1dUfJmkiu7bSadf9K1bRRJ6mrtJyCZkenabLVrYArQxktePMOzd+d+vJN"
    "vgN7axwbj1ZaZj68jmd2TpvM//tRZURZr5+gpq2gQqzw9IoYba6oD/axG4QOwfCSPaoAV1"
    "fXOfX7DgRBMkijt2bGwGT0zLgIrFbk+hZiJ2SUWmYmDdwpRwoh5U5oDalolVBMyVaaHFLy"
    "bwpmoDZy6kAkoU1AGQXdARtMAUE9UE2DLdEQASFShzSGZIvJVKFfZoTGZVPWRECLXm7AHg"
    "xJojMKe2iYCuQcJmHrXc8Xw+cGJS21DYb0d/WMggUBtj9XTUOn3N39Mm+F82Glt0htg0Bn"
    "vb799bDgG/7SNp/eMf7AJ7I/QH+4lsHP9Tfx5PMdKCvMMCe3F9bK10ce0Sz/rE+iLGcngm"
    "Y4Vq9oJsxusra07JmgATi1+dIYIMaCH+BMuwOQeJrWkuzz2mOr9iM8R5Sx+NiqbQ1vg64N"
    "TOC2yutcbju8Fw/NgbjsetyBrxKHwcdS8plPD1xV7VFADM+Cu8+nR+/vbth/M3b99/fHfx"
    "4cO7j28+srHifaO3PvzpvMwGLWcqgVn/1/7dkL8QZYvYWeT8wp+CBlrQoRLM2KC/YV6QA1"
    "dzaMTjv6EI8YD9uDAPPMTTmOBd2HBh8/Htgw0L+MdYQ2Rmzdmfb89TEP6t+3D1tftw8vb8"
    "NAjznXvnXNzigG8A9n8TOVAOkTUQ6rPzjxmwZqMSwRb3gmiznQzhF6SOoRVF+5pBZeEFik"
    "c8RBpCXHVpX3v/OEb8DQTVAdFW7k6XAv+wf9t7HHZv7/njFqb5L00A2B32+J1zcXUVunry"
    "PsSp9STgW3/4FfA/wd8Hdz0BLzWtmSGeuBk3/HuLvxO0LTomdDmGqm9T9q56qP3JT5Tps2"
    "9X4xf4EbmEhjqO3KHnNGls9NbifBG+AgmcCZ5xcPlrukJHX0ULnVqIKKtkySQ6KFU4wZvh"
    "42e0yiacdIGiYUQsdqT7HvfqL2glJAF+7kNiLpEhZIQpNkyLSQpsZbL/z6gFTqCOXz9j67"
    "Xv6aediHhSzWNGhBImkTAqLuiw//G52E9vs//oFji/4DKLYaZIIfbkn0gRny5HTIofxyF+"
    "bLiWWf7YkDTwVPz0PsOh+Cm8027ORH4reCS6+0dWeN3hDYT2/UUGaN9fJELLb4WlDbGtjV"
    "XMVKxcizhKKQHPBLipsyeisWlByzajiD8u2OmRuHfHkG/fyGNgd/fp2qDubOVvzz+8X2/e"
    "/I+07frxtntz4+3PMQBPqBqzbQyZWrIFWo+w0HquGbBpAnLv92FANvaW7clt9/fTgHx8M7"
    "j71RvuW+ZXN4PLEPoKE9CtQspLkHI/uss+pZUjUVU8kOqqq9wjA1MVKw82acVoKf7bqfqJ"
    "7g4cG+7IDMqJRwP+SSdMd9AQNLm1ESHww9MIvCE/TjtCj1hS45mpAss5ZUPZilAxnw5q4O"
    "meczJGNSn/ISOyoC/IBD8I2/v472Xf2A9ACWD/NNkEmP0HK89JiklWNUT8P4cA4Y0vR2w4"
    "rCZSidCQrHP4GJl3mw2RNtBGdOwbbUCYYV9oPuXeoygkFRZi5ZtqZcK9qPcbxDVoOt/HJJ"
    "fOGSJrguhYtSYkIGNqjFFMXowhL2EzqxkPmrSXCYZNMcHmvDjDQ/SS43XjeE3UhK7NhODe"
    "CyJWK0ZL8N1NVRIgHzdG64HbdQRdR0R9RYm2AiZSbANbKyDozdfgK2VvDqgO2UIDmP2TOw"
    "gW0HxGKniBmo3MNiBssMF1AFMI8FwCfB1VEqp6yg7Sv3RCHNIJkX83baqZpWEe4oAbhCGa"
    "yw/ijq/KLn84DfsiS9zFRXLYxUUk6oLt6tTIA+6aQIr620V956QZ6/ZEw0rOMKI42oowP9"
    "yCLj9oy3PP5QM7SNW8pV1JxJaKLIi1KMz/+zi4i4d5QxE+gLFigf8ADZuVmWta/z21icJh"
    "BBMbaxYm5mv+2P9p7V+j4Qilu6DC3qbQqcon4C6o2mgd1vwRmaaDUIzasbm9Re+w5mPTN3"
    "Kr4jEgCJh4RpD6ChPgkn52Q6mnDK05sOgzIiaYUmMBeKTSFC6wtopqF7tNJVWII1Uhih3O"
    "O5/KNWNFxacyNyggkhSt3iP2QuDcZy8F3WFBqdNHX+dwm9ZVf9j/e++uAxRs4X8jMiJM+f"
    "nypQPYD5tOw3tOpqM7S1jZWXJY2VkkrIwnlhAUc3Anr3cfSZ3hLyodlQ/xUYWDyFD2cgwV"
    "wlJvm8Wt/D5ayflj4jz6Q8dstgJ8D1I2kOtHwuVsYQnohWkAxVKU/JTSfXcMXGbblenood"
    "nNSGHK5pmSylcOXEtnXjU4QNagYPA9B/4IxSQ3+H4qiX0e7CMmu/CHEGXEF2ogPCN/QauI"
    "lhzCfhMN7E50XFz401tm3tXNKxpwuTadBT999g/2o5Hl7M3dx6vuda8VXeIlwPrI5+kqCr"
    "WPcYlnBdf/acdjm2xk9h+iwmQ6dkymMZuLS//lLw9IgxaOPS5d3B+cuYZ8quOVgCPA/1ml"
    "Sf6S/VjnpSLmeO9WO80UP/ENypAisIQrYFHABB9lDqAbYtMBkACqI4LVNrvI+EHdf+qMy2"
    "wedpu9AVDRC1ZQTLxPadPG5h17cQIiOmgsFodMPq7PQdmWRvvDyuXJcTfbDfZVx+CUYqy/"
    "vR8P7nt3/esOWOhjZ0cZkUF3fZXC9dWnu/5AXHO3mxG5/8r0z46z54xI9/5+fN37rX/FLr"
    "HNZ+xsPvUw+Ps3uBzfS4iszqysTcSPg5mJoIZivp3kJNwwXSPA3ncSruuz53VXCrAgnroJ"
    "Bpx98+EFGZg9LE5ColRDkCR8Az6yEOwTRlfVB7C+sl/kLweDmwDyl/0wtE+3lz221Qs2sE"
    "HYSjDhSG9j8n7fXJ9TzbyNR7Tn1YjRmRwSBzOQ1+5r/jmttHVjQ4lm2sPEq17xejfxKXLe"
    "rXZqBWLfoK3GsW9zrMyBbuAXqKxe6VTDygowWYcLm2ubFoCKgnS2Atoib205RwScQMCE0B"
    "kyOsCgSxNAAwG2ayD1NGoqq+ohsYazzRfgPGjsPkhaz+qzgbXTrGdBrkU4kWJCi1A2QlGt"
    "2pImIy4rt3F5W1sBYThEKrWgugjHWbQgKRtL2bhObDh62fjacVzEiMbXa5dGsmS8cXtk8R"
    "rPoaaBZ0zNZ0ANoGJT1+DqNehbJi8gDbAJTIutHJUN5MVPPgMRYMd7YWCL351iArU4v3F5"
    "E8u8rhrvRKlCrnQRVy/YHrb24aFP3Ip9iXWre9EofYGfEAw7NdfyDRA1EOYKYkjQaszP2F"
    "zr2EfTuD24/G1Cev+SoW+u3itTkZrq+atJTQ9XA4+vNW5uq+SxMQRs1QOTGSt1L6l7NeXc"
    "L1+00tBLnEshvY/Kmmh/Ns+zapd6Gb1TknrSZIt1TmxJU6FKwOvw4RfvXTJHPHevhv3feI"
    "SyoB6R297Drz0e/owMdgiMyHXvpjfkFxxzpBo2rR1GV3PebsweR/NsKCGyJkRy7sOeUyB0"
    "NkTWBKT3HTOL1THbaCbIKAB/HK3kwS48yJ0rEUNaCgdqJMFUkCzhBnwXUGJDpFKLrZsW6+"
    "fzFCpovAOz4+glx+vMcWmTTN5Um2uTtHW1INeDlJLrdeF6zMfuvr2/DLRQFQtwPUgpd/T6"
    "MDm3JTqShLljyY9Qyeij5Hu04If/s3ELbOyIk6+Wx5HtiJlAchMtdgTJl9PRRJAItfB05b"
    "Rr2hGpdW+oBn5wmExojE6fB54+n+KWbUtwdoxCSJ7VpBtoigxec3vHJXW/nqipiOm2OXfr"
    "feyKFZtpE2XbRKxMe8Inn6DxzIA7b1eP3my/8smaihnUdcpuLXbf3rubmRoMloYVgcPuYH"
    "kzNRWsKdZ23bIeRRz9FzZRU0HS4Yp/MGNqqMjYdYN35hrwqZqEV5WBSIHqjzHhSOHqkMlB"
    "SYGalGLo1hwVZ3kDaAIIHr92X52/ey9yRl6DH275jB8imwRZgDIRpw0mKzaSAaRiPgXUwN"
    "M919+jSSqlziwjpY40UkosxdwR0kGqxsVKyRhpaZkuxR9RrDiSrIt0ePZm8jJ6FftyF68P"
    "0Mns77Kyv32dG3dM/85n/q8bM7LmgAfXYZ2SwAOV7mNk7nAl/GSZ26kmD31DZT7ATyflyn"
    "yAPcTuMrHFyJuP7adpHMQV9HOHprmkbHPNq7BFCBuYPHz+7l0GvNmoRMDFvVA7dxproUxu"
    "Mb4mqEeHcf68o+4wXoOc+ZppUFXv41OINaGAWmihx3l80jO8Ysj3p+G8qVaMKSPXS6MKz3"
    "5m0iiOyZ7bUjY5RCvNA3U2D6jY5CDnLUPvJ5Nl6GUZemlkTS/A6Im2vGLprBD7E6aQ66Du"
    "60AGCB+RH/0aafgFGatWbGlH9147zZbnhgaq/sGlWvO+t5AXgOqrf2xQm6iR2uLfAyWSDf"
    "qCVWSMDTR1RkoroLQC1pIVstT4sZcOZAcntmL9XOmauZ9OquQBI58dV+kyHc01kYTyuCvZ"
    "uMpfTiNp6+qh1xWlalz6EXns3V33737tABOJpChxZSj+tERpm/5vvQe3uA0XYDjNl27/hl"
    "9yrGZ8VFcMgDUpfVPUCijNfwkfiMpEzgKZqmuqBiqlR6KEZrL5aQiaqKBxN0gqbbu157M6"
    "nqzyCLoBoua5oirwd/vV6hxAh+kk1tuxFi05kWFQI9eSDlA1D+fzN2+yBBW8eZMcVMDvSU"
    "fFz2mgDkYLE6sAy31kUiSos0gwxQTzZj5FCowFSSWf68xn4SLIHfPvp5IR/2VF/K/dNTvG"
    "+2etO1I3JmSN9PevvjrF+Tu4xzgE1wzZ6g1cLwEZ2C9detKlV4FLz9k8BEI5UA5SVWXPPx"
    "zOFx8z4HzxMRFnfitkGkaqraPxM8plVApSNW45n73PooCzUSlOjYgCLvaT/HXOQ2SNcFan"
    "SeZV1Di3jVmsyJYaErshkgGxOQJiTXvyT6TEgJ28m/hImmfMK99oyp2cGkODVwePTz1Od5"
    "PG0cvOONJU+pObSgPNybPrVgGyQp9R3bavOthYNq30djSybPr2HRcXshpZAssvYGVhbwDu"
    "nm5u0swsgYLmPDwI71oazx9UfWR7W2KAeqSg7njhlMPdEaumVtat0ngXwCzGhhfGNNmUF+"
    "BkJlteazhHAJNXbE4gqDsAaku4MsHSwJaFSBss54x/bP0D9jTklLIjVrQO3i4TxaYQbPZL"
    "xzQZThyQpkRpSqwtK35iU+IBFdPybYkWtrRcGK8JGghv+Xr/hKoxRtpky6E3vhHg7ttkKG"
    "0Ayeu8uTYA/ssKsNxHJsNoZBhN/b/gPQq/NTCw/bzw18rCVjc27G5iWwcyRfaYEnCV4WGH"
    "CQ8bTKdYwVBzK71+oZpGl8LOEjE2JQ1tZwgho3A89Y/fanz6Nhf2HgAJoO5zX7klZgHVEc"
    "EqcCY0ARsH3Ftt3mzhG2I6mPWLCdadiNgskWTP8p8wIjbZXHB6tQGevQFMiNXXgH0MSOU9"
    "Hvh0zhPYFBONrVwgVi844e/iPHoBV+7jR2SCpuxzAphN53ydwGTflsmITj+LyQhaIvYY8U"
    "iwxMT0WdTEuxsGfoEaEP1NZDeJup9j7RQbmrM88nevD9M1zpJWvgXC+fzc1ps5QmkCdHuM"
    "pjmMVlRiMI1rhMRxBY63aywenRSaC+sssrt3MkOO0wwUYydYOy0zlnWrUvr0dQ6NETiDfU"
    "W3yph6cPhWEbPrSlNMCKO69YraTO6b8gZcbFXOqLH6zIQwwpYs+yfgj1AQE7lmxBHFol7O"
    "3afb4uv0JpLuzjrtnsmi2ppfOcQ0P00jPBlVuzvZp8aOHfax5RTSAnQy5DmHlCaFhJ9FSJ"
    "DmbGnOrisbSjRnH0j03TSCjxN9A23it4u+m/70GWVfApxwPLZANCdyE1hzaAEDKQi/IN6y"
    "di3O8tmBFwQqutQKUyS/KtqUxsjCpU4/IiPSdf7NJoDKnNFTggLTt4FJGR2YII2SmclGA/"
    "a4BdsExVDnYR1GPsOmhfh78tFTaowIZCByQ7BrW11Q/n5MJAfeM7HJBHb3NtQAF/jYs4Vl"
    "1UTERI6cr8/5g6gwKPevR4TYiwmb9YQ9hjPX5NfDoLS53Zi9oLYC1Dac3zxjH+ESrsAzWj"
    "HdgYhSh/znYOvU/ZEjwiMk182F2QPY3ycQON8mcHbf08/ujWekMwwcbUSjM1M8EhJzyX4P"
    "OFlA8xmpp23HgA3dX8x/WuBlDKRTw+Im5xeoYZXPqxpU15Eqzcl1P0fSdBQZkrkHHYXnn7"
    "GdZhGP8faarX76OiuFrf7gsQMwNdl2fXf9MOhfd/i2YlDMthaGze3g7m8dwH7ygpJV+MzI"
    "wpryi6+u+8RnDuL0CBq37t+dZVn4bFQivOKeDCxstrKYLbDQkbIKMT5C3EDeHwmvM0UZSs"
    "uAtAzUiQ1Hbxl49GKIfjVgQm/u4Ih2BgvBOjBpPFvTbLUSDAh6xXfYTZzTK1dPB2KWjRrP"
    "FMUX5CnFC0zwK92gbMyizQcArwhD1FJQ/iO4tcAJ0GKqL9Kd6C121mrAie3i6u8cCpW+e9"
    "/nmjU/iJmyzGOpmF6rIXXG5ltgXnKXa9cdwG0OTDlWFKZK86+Gq7+ORrwJ6FI0jNzZ2ZV1"
    "hJhOdVt3IrPaYh5Hn7dNx4ax1rsv3p69OXPVcmFEYA/gZUK45YR9+9BwTBIMLuB7D/9LTK"
    "g1d34in1lBnRH5MYEaH/eDv/CcLrkHcgUW3OW4mcT0v/56QmsOifsrwAlBM2jhF9Rxr4zI"
    "ehyfzLEeiFfmVwE7PIQB5oeBFuwDZJz+4dg4lnOsOXFsJrUNB0e2PsEEzdlmkcUHuq7mga"
    "PtoqSJoZYmBj/L8ihaQbI66721iVhbf29RoJOb7PhpGtNH5Pzs4sPFx7fvL9ZLfX0lbYVH"
    "vZ3uDpoDUB+FhFM6j5tuD5DO41qeyFJFbLKK2NV1yl57kVDa2X87VTmEoYGyvvNPJ55LD+"
    "AePIBeWGfuIzBEKA/BwrkNc6hpueH3EUnoC0OvUQVqYy6axwv98dgHqdIE/iNkRAqmXGA/"
    "/pavTIrAL967ZA4g6F4N+7/1OsChHpGr7t1V70a0b1X4b9NEB9err72rv/Sux/07dnmOlG"
    "fEExtH5G4wfvw6+MYwp2NzzjNnrwa39zc9p4csXehceqtJ11fZxLt6iGXsQcNsDVliD9b7"
    "RBG+h2hleaP6GJXiokwWHEWVyQirsVMjoVC4SdIskvtHwf05tY0S2B+dRvK/zvyXNuWD6n"
    "SmRvOXlvMRSejLMudzUEsw5j+60xwZC7Ka8n1LL2DIf2Ab0UP/atiK2Vyki2QXF8kG2cP4"
    "SK4g0y1VaFzDVSvGR+K/3U7zkSjuQC4gZnKStLqADeVFxURk1RKhZ20FdGhZyCAdoGjURC"
    "o4mVMNs3GnbSfcawGf0StbB0tqPPPsND7Fycj+qLx5O7IvpmdnpyKDLmy9qPRhI8IHmDzJ"
    "zJucj+RIpkRrcaOpeE0oS1XU6AhppziB3KWd1TTrDv+pbbLiyxhDc+x+FVH80vuSxdE3qK"
    "FSGZ3JCI3zGCQbSL3xezRz5zRw1yZSUHrD6iK+e6fljoLmV3eaI2NBVjHTt/TqFIdz5ZVr"
    "ihUwN6Wc0qRL36gMkiXjmi0qH2AVMUGO49IGS2zNRVi9hZVnZAFeCQ3/ARhIllvvNSQyFp"
    "wlVdxT2I9rMbQ2V5wJpAxYn30oTQYU/Mtx2nrjG+iLLD8ASPw/jygDY4uZNgHc8oUZd5/J"
    "Ae+GooEAn2VxpCf70SOd3J23HZvI4PWFxgtMbCuuGWS6vpMyzR7bMVecJ1GG1iNFcyma14"
    "EFexDNfU4Md1dwxeGdG/M+OvP5ZfCGwB/xwu2KVLP8PlEnpZdIWgJOQ3eqJuFVpXosdr4Y"
    "1djbEZPVYm/rlRkpUhHdryLa6DwUqYZWqIZy39e/KcnZE3hDs0e3RdfE8L8e55DM5hAfqw"
    "/DYKImNBH3y5tjOEcwZtdO10njZ9ifAvWh2n28DG3Ug4iHRxaF16PdH7Af6w+sxrvoFrSl"
    "hGn3B+z7IzCgOFH8Y8W26HRaFOLESfZorDo/ArD5Hu9ka411ZIyTAufSwU6cZH9gv60/1G"
    "5WGy/gVtwMmzjJHtf1u+PBWsMLHBNdmw3jNbFcxjHQLtnvYP/jsldRgENT7A/mT0ewM5u2"
    "qSNiYm6ULYBxDPkel/ER4MsNhpYdZ6r4olGYJLn5iEJwTjlVBkBrFu+XFjU5eLq86YH7h9"
    "5V/7E/uONP2SQRiZv80qbZ1EOvexOpHUBmBWD2U0mcM+A8Q3TKWyeOF8gy4sSKxI0ihrJB"
    "caw7Vb6L+BazuMK8fIPd3BWh9IYjM9Vl8u6U5StsupNQtP4mM2GG2RGqgTPVV2+mJsIlXd"
    "GFYHNk8R2x+iYmaRJEVbpXA19jjJs1/LUmu1sjW8T2UORvc7dPGHfV/mIClfJq6dBAgE8G"
    "KAFwnTB2wscA7us4/ey7zAOOeWMyCAy6BFg8OBCoXMEzRsRJiePd3TJkwW0qyAtoeA81fy"
    "YctoCXIbc9QNpL9JHx0Efhhi6a17VjOlfddrYSNWb+0ZquzTEvrGFaiW3I6cF3taLgRogl"
    "ujImV8bk1o8FR54uF1aF4lobRbWlZLE1pKplTKL7NsfK3E2BY+LeBTqDI/vdOTwb2R+UDx"
    "P+7/PJKeCTi0bF7lOYsIcWDsFHNujTxw+f1s2KvSE8FO2UNx4WnYQ4F6LZd/t/fKpUusZQ"
    "pO9J0bQue2CaaBrgWYQPydFmYToZ1pchzEzW7j54sTEpfknxqw4sKE38ittfSoC1gTbmML"
    "ShTbVW0i3PpIoTad0MqxQ51htRarbL98DSYmvHsExe2lQKebXZadOEPNmYZQ8JMVKykF1B"
    "6sOItBif2K4g7o4ei19yzesAYQO7G6TAeHRlrhFRi7DYRyYZXGsGK1CHCrZy+xn9dE06hc"
    "pw10wofUa5swE3VI3p21tiBmCRfiohUrkT1XwnkobOelnbpGmotT/T0AZ2X1fcHeMZQ414"
    "GwJ8pUGNgTo7CdY0fx2edKvauvpPRtdwqHw+JY4r1Q3qajt/6cjAVHX/YD+EEWhQQWaMr3"
    "f3+WQZmxrv3e0U+52MHyw9o5HbLQqGuIVpJbZ/hu0MBZENUkpcw9EDUr0vH1OpqEhFpX6s"
    "aIIPe53134qTvTd30yXv4LitYvclpSIBx6FTkcpjGJ22BABOmegMDKSLlsyA0Fe89IP5eX"
    "1fZYcPk5pXQMNTC2ArKoWXP70Uymu8T6UJ5dKpvgenep1bszZ1ycuQhhpALz3yP4GbRHrk"
    "G85gLugVcncGCGX3+CPg8SRGY02WAwNEheTAmnG0CkEwR82jKhXZoehh14pRYt077TQF1t"
    "qMqSgk2xW2guGMbJkgLRKf/d0vnQUJ3AKIxF5M2AP+IZVOqXTWlhUykrtZ613a42vEAhlM"
    "v2MwvXuERsBLrkG8JmjSst2p3GWwOi4XZfII1x5BA5PSP2Y47D4mnnUfa2NfrZv6cpCtVj"
    "cwNWI9+peUagiSBPR9ZCHwJ4yuqjW+vrLfHfZyMLgJ2AIu+yFg755uL3teI9pNaeJYo6pl"
    "x8Rh8q2kx3bhiF85bFl1qffYXmkJscWBy4d761u3P+zf/doBLv2IXHVvbnrXHcCOaQ2p7O"
    "/B7f1Nbygu0YXOncb8avfuqucN5G1LxNjb/uMjv7TApilG3QzE3079w7CTNMs2dvY+wz52"
    "Fjbr+FoLvw/vZEH9NcLiLZFyYeIG7WmltGYRjGeA2SR3C4swrcyI8es7hggWKGAhDlI20A"
    "/QYj9QHRBt1VqXCD4Gm7G7CaSajEXFriJMDxA2kOdHwuOMOVD88CzyZfsJpe+nzjyeYoLN"
    "eSEuh0gln+vG51p5n6649CQcPwlOKG9Ae7svyhHF3LFbAyqHcwQ0aFrAEY7BDL8gwvOMRF"
    "BjG3iGVwCJysued9yBTnH1GdRfTQ2E3LtYW0VjKit5Qk6PmSxkVCMDSUo/b+keOLTNSroH"
    "dnQP8K0u0UyRuIBDVI1RovfVFKvKI9ptNRNzNm+a0CQfysvNmK2Hcdc9+pAK3EPcKdjMMx"
    "LoAoFNo6HoMZuTNrXSsz9KRJ6a9diiZdDIQYNGihmem+n6LTkzM8Zj87+Pg7utkl6cr0bF"
    "igX+AzRsVoZv67+nNlE4dGBiY83CxHzNn/c/OZ04ZcgfHKeAku0t4ZPb7u/h1X11M7gMa8"
    "98gsscbrTEpIT9u854n5+qIK/UKS/jz+qSjCxrlGdJQq5pi5iurjMJBloJGcj+26kCOrtj"
    "0BemvsIQxXZxnQAfDe+48u78E+J9V6bvT3kDQAicSBowpUaoP0uMAL/rbNtTjb+7kT18tG"
    "lPFthyXYxs3HffLq6yabzy31LglwJ/LVlRscB/fMFE+cFuPT5d3vaHIkpovR+MSPfqqncv"
    "LkJFQboTOTR4eOhdDfuDu/FD769PvUc3tMgwkJCFxwZib2qKsY9P9/c3vdvenTsx29UQL2"
    "wn5r6/fxj8JuYW+y6/9tD78iQCjgw0tUUEEnf5XD90v911RFtWlZ1HhI97fLoZsud3r//G"
    "B5vsN455GMEqPt4pvMVmWUjnWboCnSd3BTqPdgVi4gR7y2mej9VPU0r6WI0+1Qr6LnG0TL"
    "7+3E8xo9E1QifNrmE1nYkaCwYR1OKKJA/RHwnIhsjqvAeW4vDu/T5MV8PX/u6bwd2v3vCw"
    "bh6Engmq+AXFVUrKdgT56fcZ0bq2d+cKaO3fXQ++8d2eU49I7/axA9Ai0uj7AOo6VFV21J"
    "gFvoIoZRNSgff9HXgoLqAZW6o9+RSNUjYB/1Ck9XmW5c5GJcdan0eWfEA3jAC+pUBJiFaG"
    "MdYu9Clwyjiqfk4mb6hkYFutuYsUrBb6jIOUkst15jLTog3+RU41OJsV4nb8DJLrdea6ik"
    "0dWkqx8OQIseR1nXm9Uaqyyr4biubJvOUbe21dLZinFaRsoLB7pHlaMZ+V+/Y+L5aFFrkd"
    "8T4i6YgvHGZc58KvDYU/JQ5i4xXeMRLifj3RkbEhayxEYAEGoiEe2G700L8atiJbTAm4Pj"
    "q+/r47W0PB9W2tCdAmR5r44j8YMAaG2u4NubxYjFt3xgZBH3TyIMSOSIstsB0x+4LQnZin"
    "qUjxpgBuuY7iKN07k9wblMsyZlOx4vKuhkmMQzYPWEN3lh6xGtXpI19nvICv2424SMZ1QN"
    "CQsv9sR/dqPVvm77ZmmmGmpYheoGbDskDrBWZrCFzFgy/Xp2N6EKb/EM0QjLnwDy+1sq5M"
    "aqqLRtIGyTGOHv8ZwGrMEZJs+IoQNiL4pPJoR2obcbFTGaMd19R1Brv1dH8z6F53gK1rFK"
    "oj0rvpX/XurnodwEQMhQeB8RjDp8ceDy60Ted3Hjb4xH0vB9AcX0GYThqBt38DHmZO0l6B"
    "eJ/ECZqA/r7DfkJg5o/+SZygCdyoOqSWx68XPw484j2GHXKxkQcstHKeCTwavX/Nw8a9GU"
    "ZkOBi74e6M73Tsqlwirr338Ni7dqPakWEi74m5o7YyBW2lxGyFGWZQm8R8HunpyWuixgQ+"
    "y6KN0hnYLlS00Zd7l9stFaWVvqnCrsEp1lBuDviIGlTb97BewVA+7I4urFA+7pF9ClldWN"
    "GdID5lOrzgy/ARWoxC/eJOdlzrPSu8vs88t4ewylz0Kwb9FTRRK8YGur7XzmT4FElpijc+"
    "Q8koPpanh1tzBBBTdVRVlIAy2F9khgkCJz+gjl97D3jt1Gpz7v047YDlHFqCmOf5/2ICui"
    "Rhkbaap4yINxqYK9NCC7CktqaCOdXUNnhGugXmiD1gOUeEk7J/YhMQSpDsrF33Y6WdYto9"
    "SEJszRhRsfoePIbygh1P3TjYy7cgigCWvA6LAFGd7ee1Wd3HUaBqbwCXX7IAvSD+pAjAyW"
    "XZNhT7L8h2GKN3JaXXpOkpec03y/QU0bsPprgEA4DiFZhIkFA2RcYXqZStEj2T7X01ZYAT"
    "lChqX0WKY12gN29G9vvJ+Rn775vzDyP73cUFHNkfPqB3TN9AvPSBNeflb3mHIv5/aoClQc"
    "msHVFv9vdopvNY7FEKeg26wERsjaveo5hu49a/AZOVUJWcT49pQok176XCcwwKD5fwcp2m"
    "awJ5mO5wmK4rUhU4TsO0DTxQj+QAzZQfCYm55KXPC3A6RCrzYGvN5xo66X6SA24ngTWjU8"
    "mLwd6PS+mgjCvboVSeSnCNdGhYvF5jnDLgu5tNDVCDBDKUu5G7Q5r4m9cgWq4ttNEGZ/H/"
    "HNB64xtoBS3HzJzjlNuq3+VJc2tmgm++JLec55QvDSvmnAomaWU4p4I5YtvNVSP73acPKv"
    "uvitDI/jhRLjrChsQbG/oO7TaAU96LCVvcwONW1YoWf995Nnk6HunpyIRcI2bzSA/cXRM1"
    "Kc6wjNhdC85yWdq88dLQtovXii48+T67jLcm2WOSQGsvksi7N28yiCJsVKIsIu5Jz+DP6R"
    "kMll/XNEZg6+NidVrj6KWFs84WTodj7HNlPCvKbz+15Hb9uc25RWhSvt22L9ujbF5aYyUH"
    "qf8TmSQ0V9j+cU2Kt1WoNeTlm6iky0a6bKTLplqXzabuWowlLFCULYMhbFMNLpshrAsYhR"
    "fEdDKyP0zfXvDoqLdoZH96c+bGRfGoqffvT0Vck0gbcVM+sGnaSHVaGgYCrT4DHa64jmiC"
    "BXxGJsBWpBvMPp89ItRQkQGmBmWUljS61X33a6cY3ZwVM05q6p3iQAkTSifVVgmAfUtsS8"
    "nrBQxSNdBhVT7QBprxMycv0iGyBkJdfrkNi1riqIwrKJiyiwfImmS733ONAG7NUmMr1HD7"
    "SDz2fpo0q8gRMiEFT27miMlSk+HIe/eSONJmAaNegLCB9vsmGfTqaO34aU4IWcskz/dWjR"
    "1jb5lr4SrqMZaPmELrGewfbo33se4ny1KHQxTD4HmwwOLFLqBh4BeezIWm/A4kAEFDw8gQ"
    "gT10yo0KoqxGx6l1YRMLa8JGMYM6mGKN/YIYg0dVj4mxZXwPfzbrXtn/kGaOumx67RQzR4"
    "Ge6Idph149J0rriC4+vTzS85pASs87JfMpiO9zhXL5AqQNlKAbHAEjBWopUNedIc0QqP0p"
    "CDHCdChDIYMg7fU+yyI8m87sgNM4JRY+Tkb2p48fPp0CaEY8d7o9YefmXHjmPvOyCWzDmT"
    "uFE36s8BKSGRN5LajRGaMgyo84QXofj5QOwhrvbmmSs8xZq6x6l8xZ8/mlsrQLYaNSPFOR"
    "liHPOK4QfDK+3vgG4lu+i5UX7MH8pWIcKMmNQYJUjQA6TcWooh1ISlfPZNU7QCTV7x3Ubw"
    "3NmESn4QW2xipc5U5Yi6NvkjJWRu4aE5sX2ETqDjAnTCGRDsWAo7hOt8n7iDdebiE7bCEv"
    "2MRxRUXTV/SGSi7iIJ6U8L64vL4Kk3VyohqmldhGkhYomzY+q/WSUg1Bkmhz9FOGgJ0w0i"
    "NENk29HgxuAlvFZT8szT3dXvaYFiP2DTYIWwEdPLygc+K9IZJQZ4caLUxueMS8UmlOwMOk"
    "EvbssLtZBTkR91FJsLODzX6qnT/sPEglE/yyRJ3/y8a8gKaGXpCWVxKJUu9PFjmvvyAypc"
    "ZibCpztIC5FJYgmdRbdtFbkGHGejmTdZYNxf4W81m1i7m0+BmoWEx2yCtVr4n2eAJ6Tpej"
    "PQFtXS1YMyZIKSNm6hIxExOD7r69LzdmXXA1d8BMhLRJdoHDxssEy+DuGC4TLMJ7ZOzIGi"
    "0TWYy5Oz7GRivtWKizmZFKlRbq9DUmjYsrCrQtzVKfwBu6NaxoQBCwdY1CVfRx4cU0TUo6"
    "IrRnsrKQCSCP7xEvIJqyiHKbDByLR9efTFZAxTNkWm2AiGKsdMbm08+tENDVPGVErDlvCE"
    "OXvNDnck7dR7Ap2LyLNo9Q4i01M0YZfW85byVeXjzNCeGXkUe1izwScWZK7NGdkizvJ2pc"
    "DFL5Ngv3G8iB8IaiEeEblbdoxP/OlXXiDm+SvFmaxrxAKoYOJjkWbJCqgYu2guAuWWO1Yf"
    "pylgwTRzLKrSsHyJq0bx1WT97IqTvqyPfriY6MDVn148ACzJtI4jMSmnGxUAVV4ls34PL4"
    "vGQH0YyH7DDg4Qs9YhmrVoxyHBzQzqQfWy5NJh05GZ+d8sEjI6FUOA+54bZTFE7ZTb3ibu"
    "oFelI2VYw8ErExxs0SlRvTLPopdoQAVQO/nwoSxnKWRt+pIHohcI+5scghaoTUTPYrPcRB"
    "1iyopW4paxY0rWbBvRMa23tJ6FYbuN9OU5/cINvxulpPNveiaSFduP0IEOXBfzGBp391eJ"
    "UuYwUcaRkoc0hmbBZIVOHPo4Zw4IEFVJFXTzziVyx3+ix+QvEYqbEdfBtrp2hsvAT9OL/a"
    "FiJrXmzzeRbx6DxZOjqPCEdM/M+Pc4CogRJ++TCb1DbiJNAUE8SaooEAV9AnWqpQFapQ0s"
    "DTSAOPEIVyK3B+Kqm6laW6rcXSXb2Cjpg/8KY7Ml5k1dr8i7CG+poDf7K+tmbPdn1to69k"
    "KdGMLfxvRJgW5fZyok6V5BxNpGJLMpc0bb44Tl/MCRv13eeVWXe6kApcPRU4GeO5B5nXb7"
    "ky0DQP1DGkUs3IpmbItmqyrVrDVrVsq7a3tmqyNdVBUtxlNzvZza4+TEjBM6abnacIFjgI"
    "A3TSHZLBTp/iC+kx4S1ihDl42KCnJee0LreuHnpsqV13gEs/Ivfdv/Xvfu3wztCMBfzv/j"
    "X/C4t7D8N+9+bmb+OH3penu+ueuGNYGGraimsQNntFNm5zd3ON7dGP4kEaNfnf3dvB091w"
    "fNt/vO0Or752AFxQm63TBTYX0FLmzpPH3S/D3sNYEDtvMYZTCxljMU3YRnGY1cJd0iSuIl"
    "C25eIjr/G32bob3A27vzNSSiz4x4h86zE8hh2wROwHWEU4kaUmeHJF8Eg9cLE4cp/tfqr9"
    "He1vGnWuex95fvTDlJIDxTjgbIy53XM+shJ8dDUTEprkonMOzSIJm35CyeNa81hm5f6EWb"
    "mydlnTuB7zsUdql8lc7DoFXchc7N1zsfPVKRPR5zumY4dj3hsCeYxmtSNQD2KSJkFUZeiO"
    "i1ZM0M4Gx+3hOsZmbIZ4HWc0T4A44eY09o/TdSpEGzyzQ4Tw/ou80po71PEgA1O0R6dOE0"
    "fHjhQXuFP6/LkyLFx7qAzSkUE69WVF5b51/lkxcTAPyAGixoFcfgK160HIbYUM0km5egdD"
    "MIwVpNOWuEfRwLiR80xJGOcpSRjnMXnsx+eb5L0vkFnAO/nQ++sT0yscR6I7x4g8Pl1d9X"
    "rCvWjaioKQ8C9+6fZv+KUpxJr7pIOH+VCdg0lzhQj6aRr4TchqhtKCJu2mkutRrmexm8pU"
    "tfpYTWWqWjmpalksp1UavLrIwMq8FWPwcu+0U8sxbsaUWoMxZE7KZTv6WQxHOxZySjYJJb"
    "YCSxZbk3uBNUFqPX/3Losm9+5dsibH70USt/Ig7A5vILpnmfTksxQ9+SyqJ7uNR6IIJydZ"
    "+EhkmkXONIuIoLDPw+zP/wdwLdEb"
)
