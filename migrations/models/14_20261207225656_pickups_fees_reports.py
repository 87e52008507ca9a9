from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "shipment_delivery_report" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "application_ref" VARCHAR(32) NOT NULL,
    "mail_no" VARCHAR(32) NOT NULL,
    "delivered_at" TIMESTAMPTZ NOT NULL,
    "status" VARCHAR(12) NOT NULL,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ NOT NULL,
    "last_error" VARCHAR(200) NOT NULL,
    "reported_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "shipment_id" BIGINT NOT NULL UNIQUE REFERENCES "shipment" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_shipment_de_status_cc8d5f" ON "shipment_delivery_report" ("status", "next_attempt_at");
COMMENT ON COLUMN "shipment_delivery_report"."status" IS 'DUE: due\nREPORTED: reported\nREFUSED: refused';
COMMENT ON TABLE "shipment_delivery_report" IS 'A result delivered (妥投), to be told to the hall''s core approval system once.';
        ALTER TABLE "shipment" ADD "window_ends_at" TIMESTAMPTZ;
        ALTER TABLE "shipment" ADD "cancelled_at" TIMESTAMPTZ;
        ALTER TABLE "shipment" ADD "hall_code" VARCHAR(32);
        ALTER TABLE "shipment" ADD "window_starts_at" TIMESTAMPTZ;
        ALTER TABLE "shipment" ADD "address_masked" VARCHAR(160);
        ALTER TABLE "shipment" ADD "fee_paid_at" TIMESTAMPTZ;
        ALTER TABLE "shipment" ADD "fee_fen" BIGINT NOT NULL DEFAULT 0;
        CREATE INDEX IF NOT EXISTS "idx_shipment_hall_co_9a1582" ON "shipment" ("hall_code", "window_starts_at");
        ALTER TABLE "shipment_delivery_report" ADD CONSTRAINT shipment_delivery_report_status_known
            CHECK (status IN ('due', 'reported', 'refused'));
        ALTER TABLE "shipment_delivery_report" ADD CONSTRAINT shipment_delivery_report_reported_when
            CHECK ((status = 'reported') = (reported_at IS NOT NULL));
        -- A pickup names where it comes from, where it goes and when the courier comes.
        ALTER TABLE "shipment" ADD CONSTRAINT shipment_pickup_has_window CHECK (
            kind <> 'pickup' OR (hall_code IS NOT NULL AND address_ref IS NOT NULL
                                 AND window_starts_at IS NOT NULL
                                 AND window_ends_at > window_starts_at));
        ALTER TABLE "shipment" ADD CONSTRAINT shipment_result_has_no_window CHECK (
            kind <> 'result' OR (window_starts_at IS NULL AND window_ends_at IS NULL));
        -- Only a result's delivery costs the citizen; it leaves only once paid.
        ALTER TABLE "shipment" ADD CONSTRAINT shipment_fee_known CHECK (
            fee_fen >= 0 AND (kind = 'result' OR fee_fen = 0));
        ALTER TABLE "shipment" ADD CONSTRAINT shipment_fee_paid_before_waybill CHECK (
            status IN ('pending', 'cancelled') OR fee_fen = 0 OR fee_paid_at IS NOT NULL);
        ALTER TABLE "shipment" ADD CONSTRAINT shipment_cancelled_when CHECK (
            (status = 'cancelled') = (cancelled_at IS NOT NULL));
        -- One live pickup per application: a second booking waits for the first and is refused
        -- by this index. Cancelled and delivered are final (the trigger below, and 11's), so a
        -- row never comes back into the index to meet a newer booking.
        CREATE UNIQUE INDEX shipment_one_live_pickup_per_application ON "shipment" (application_ref)
            WHERE kind = 'pickup' AND status NOT IN ('cancelled', 'delivered');
        -- How a shipment may move, whatever code path moves it: pending only at the start;
        -- cancelled only before the courier has it (收寄) and then for good. (Between the
        -- courier's own statuses the trace decides, in any order: `express.tracking`.)
        CREATE FUNCTION shipment_moves() RETURNS trigger
            LANGUAGE plpgsql
            AS $$
        BEGIN
            IF OLD."status" = 'cancelled' THEN
                RAISE EXCEPTION 'a cancelled shipment stays cancelled'
                    USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            IF NEW."status" = 'cancelled' AND OLD."status" NOT IN ('pending', 'created') THEN
                RAISE EXCEPTION 'a shipment the courier has taken cannot be cancelled'
                    USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            IF NEW."status" = 'pending' THEN
                RAISE EXCEPTION 'a shipment never goes back to pending'
                    USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN NEW;
        END
        $$;
        CREATE TRIGGER shipment_moves BEFORE UPDATE OF status ON "shipment"
            FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
            EXECUTE FUNCTION shipment_moves();
        -- Cancelled once: a second cancellation (two cancels racing past their checks) would
        -- write another time, and is refused.
        CREATE FUNCTION shipment_cancelled_once() RETURNS trigger
            LANGUAGE plpgsql
            AS $$
        BEGIN
            RAISE EXCEPTION 'a shipment is cancelled once'
                USING ERRCODE = 'integrity_constraint_violation';
        END
        $$;
        CREATE TRIGGER shipment_cancelled_once BEFORE UPDATE OF cancelled_at ON "shipment"
            FOR EACH ROW WHEN (OLD.cancelled_at IS NOT NULL
                               AND NEW.cancelled_at IS DISTINCT FROM OLD.cancelled_at)
            EXECUTE FUNCTION shipment_cancelled_once();
        -- A result delivered is to be told to the core system: its report row is made in the
        -- transaction that makes it delivered, once (the unique shipment_id), whatever path
        -- moved it (the push, the sweep's trace query). The time is the 妥投 event's.
        CREATE FUNCTION shipment_delivered_report() RETURNS trigger
            LANGUAGE plpgsql
            AS $$
        BEGIN
            INSERT INTO shipment_delivery_report (shipment_id, application_ref, mail_no,
                delivered_at, status, attempts, next_attempt_at, last_error, created_at)
            VALUES (NEW.id, NEW.application_ref, NEW.mail_no,
                COALESCE((SELECT min(op_time) FROM tracking_event
                           WHERE shipment_id = NEW.id AND operation = 'delivered'), now()),
                'due', 0, now(), '', now())
            ON CONFLICT (shipment_id) DO NOTHING;
            RETURN NULL;
        END
        $$;
        CREATE TRIGGER shipment_delivered_report AFTER UPDATE OF status ON "shipment"
            FOR EACH ROW WHEN (NEW.status = 'delivered' AND OLD.status IS DISTINCT FROM 'delivered'
                               AND NEW.kind = 'result')
            EXECUTE FUNCTION shipment_delivered_report();"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS shipment_delivered_report ON "shipment";
        DROP FUNCTION IF EXISTS shipment_delivered_report();
        DROP TRIGGER IF EXISTS shipment_cancelled_once ON "shipment";
        DROP FUNCTION IF EXISTS shipment_cancelled_once();
        DROP TRIGGER IF EXISTS shipment_moves ON "shipment";
        DROP FUNCTION IF EXISTS shipment_moves();
        DROP INDEX IF EXISTS shipment_one_live_pickup_per_application;
        ALTER TABLE "shipment" DROP CONSTRAINT shipment_pickup_has_window;
        ALTER TABLE "shipment" DROP CONSTRAINT shipment_result_has_no_window;
        ALTER TABLE "shipment" DROP CONSTRAINT shipment_fee_known;
        ALTER TABLE "shipment" DROP CONSTRAINT shipment_fee_paid_before_waybill;
        ALTER TABLE "shipment" DROP CONSTRAINT shipment_cancelled_when;
        DROP INDEX IF EXISTS "idx_shipment_hall_co_9a1582";
        ALTER TABLE "shipment" DROP COLUMN "window_ends_at";
        ALTER TABLE "shipment" DROP COLUMN "cancelled_at";
        ALTER TABLE "shipment" DROP COLUMN "hall_code";
        ALTER TABLE "shipment" DROP COLUMN "window_starts_at";
        ALTER TABLE "shipment" DROP COLUMN "address_masked";
        ALTER TABLE "shipment" DROP COLUMN "fee_paid_at";
        ALTER TABLE "shipment" DROP COLUMN "fee_fen";
        DROP TABLE IF EXISTS "shipment_delivery_report";"""


MODELS_STATE = (
    "eJztfWtz2ziW9l9B6UvbVUre2LGdxL21VYqtdGvbtry23D2zrS0FIiELYwrU8mK1Znf++4"
    "sDXsS7SIqUKQYfupOQOCD1HBA49/O/nYWuEs18f4U1bYqVlwei6IbauUT/22F4QfhfUkZ0"
    "UQcvl5v7cMHCU02QKO7YibEZPDUtAysWvz3Dmkn4JZWYikGXFtUZEPWxMke6bZlUJchcmx"
    "ZZ/GQib6oucuYiKtKZQi4R5heWBFtoRplqImqZ7giEmYqUOWbPRLyVqiv80ZQ91/WQMWO6"
    "NecPQEfWnKC5bpsELTXM+Mzjjjse5kNHpm4bCv/t5C+LGAxrE6oejzvH7+E9bUb/xyYTS3"
    "8mfBqDv+2ff3YcArgdIOn893/zC/yNyF/8J/Jx8M/ly2RGiRbmHRXYi+sTa70U177S5wGz"
    "vomxAM90ouiavWCb8cu1NdeZT0CZBVefCSMGtgg8wTJs4CCzNc3lucdU51dshjhvGaBRyQ"
    "zbGqwDoHZeYHOtM5ncDUeTx/5oMunE1ohHEeCoe0nRGawv/qqmAOAZXuHdl9PTjx8/nX74"
    "ePH5/OzTp/PPHz7zseJ947c+/ct5mQ1azlQCs8Evg7sRvJDOF7GzyOHCvwQNtrBDJZixQX"
    "/DvDAHrubYSMZ/QxHhAf9xUR54iGcxwbuw4cLm49sHGxb4r4lG2LM15//8eJqB8O+9h6tf"
    "ew9HH0+PwzDfuXdOxS0AfANw8JsogHKErIVQn5x+zoE1H5UKtrgXRpvvZIS+EnWCrTja1x"
    "wqiy5IMuIR0gjiqkv73vvLIeJvEKwOmbZ2d7oM+EeD2/7jqHd7D49bmOb/aALA3qgPd07F"
    "1XXk6tFFhFP+JOiPwehXBP9E/zW86wt4ddN6NsQTN+NG/9WBd8K2pU+YvppgNbApe1c91P"
    "4FJ8rsJbCrwQU4IlfYUCexO/qpnjY2fmtxuohewQw/C54BuPCartAxUMliqVuEKet0ySQ+"
    "KFM4oZvhkxeyziec9JCiUcIsfqQHHvfuN7IWkgCc+5iZK2IIGWFGDdPikgJfmfzPZ91CR3"
    "hJ379Q633g6ceXMfGknseMmc64RMKpQNDhf8Bc/Kd3+f+WFjo9A5nFMDOkEHv6D6KITxcQ"
    "k+LHYYgfG67llj82JC08Fb9c5DgUv0R32s2ZCLfCR6K7f+SF1x3eQmgvznJAe3GWCi3cik"
    "obYlubqJSrWIUWcZxSAp4LcHPJn0gmpoUt24wj/rjgp0fq3p1Avn0jT4Dd3acbg7qzlX88"
    "/XThb97wj6zt+vG2d3Pj7c8JAE91NWHbGHG1ZAu0HmGp9dwwYLME5P7fRiHZ2Fu2R7e9vx"
    "2H5OOb4d0v3vDAMr+6GX6NoK9wAd0qpbyEKfeju+xTWjkQVcUDqam6yj0xqK5S5cFmnQQt"
    "JXg7Uz9ZugMnhjsyh3Li0aB/6FOuO2gEm2BtJAR99zQCb8j340uhR6x044WrAqu5zofyFa"
    "FSmA5r6OkeOJmgmlT/kDFb6K/ERN8Z3/vg9/Jv7DvSGeJ/NfkElP+PKi9pikleNUT8WUCA"
    "8MZXIza8rSZSi9CQrnMEGFl0m42QttBGdOgbbUiY4V9oMeXeoyglFZZi5Yd6ZcK9qPcbxD"
    "VsOt/HtJDOGSFrg+hYtyYkIONqjFFOXkwgr2AzaxgP2rSXCYbNKKPmvDzDI/SS403jeEPU"
    "hJ7NheD+K2FWJ0FLCNzNVBIwjJsQf+B2HWG5JEx9pzNtjUyi2Aa11kjQm+/Rrzp/c6QvMV"
    "9oiPK/goNggc0XoqJXrNnE7CLGBxugA5hCgAcJ8H1cSajrKTtI/9IJ8ZZOiOK7aVvNLC3z"
    "EIfcIBzRQn4Qd3xddvm307DP8sRdnKWHXZzFoi74rq4bRcD1CaSov13Ud06aydKealQpGE"
    "aURFsT5m+3oKsP2vLcc8XADlO1b2nXErGlEgtTLQ7zfzwO75Jh3lBED2CqWOj/kEbN2sw1"
    "nX+b2UwBGNHUpppFmfkeHvvvnf1rNIBQtgsq6m2KnKowAbigGqN1WPNHYpoOQglqx+b2Fr"
    "3Dmk/MwMitiseQEWTSZ0bUd5Qhl/RnN5R6xtGaI0t/IcxEM91YIIhUmuEF1dZx7WK3qaQK"
    "caAqRLnDeedTuWGsqPlUBoMCYWnR6n1mLwTOA/5S2B0WljoD9E0Ot+lcDUaD/+rfXSKFWv"
    "SfhI0ZV36+fbtE/IfNZtE9J9fRnSes7CQ9rOwkFlYGiSWMJBzc6es9QNJk+MtKR9VDfFDh"
    "IDKUvRpDhbDU22Z5K3+AVnL+kDhP/lpSPlsJvocpW8j1A+FyvrAE8so1gHIpSkFK6b47BC"
    "7z7cp09ND8ZqQoZftMSdUrB66ls6gaHCJrUTD4ngN/hGJSGPwglcS+CPYxk130Q4gz4ptu"
    "EPrMfiPrmJYcwX4TDexOdFhc+Je3zLyrm1c08Mo3nYU/ff4X/qOJ5ezNvcer3nW/E1/iFc"
    "D6CPP0FEW3D3GJ5wU3+GknY5tuZA4eosJkOnFMpgmbi0v/7bcHomGLJh6XLu4PzlwjmOpw"
    "JeAY8P+q0yT/lf9Y56Vi5njvVjfLFD8NDMqRIrDCa2TpiAs+yhxhN8TmEmGG9CVhVO3yi5"
    "wfuvvXJecyn4ff5m+AVPJKFZIQ71PZtIl5x16cgIgOmojFIZOPm3NQdqXR/m3l8vS4m+0G"
    "+7pjcCox1t/eT4b3/bvB9SVaLCfOjjJmw55/Vcf+1ae7wVBcc7ebMbv/leufl86eM2a9+/"
    "vJdf/3wRW/xDefibP5NMPgH9zgCnwvEbIms7IxET8OZibBGkn4dtKTcKN0rQB730m4rs8e"
    "6q6UYEEydRsMOPvmwysxKH9YkoSk6xrBLOUbCJBFYJ9yuro+AP/KfpH/OhzehJD/OohC+3"
    "T7tc+3esEGPohaKSYc6W1M3+/b63NqmLfxgPa8BjE6l0PizQzkjfuaf0wrbdPYUKGZ9m3i"
    "Va+g3k1yipx3q5tZgTgwaKtx7I85VeZoadBXrKzfLXWNKmvEZR0QNn2bFsKKQpZ8BXRF3t"
    "pqThg6wogLoc/EuESGvjIRNgjiuwZRj+Omsroekmg423wBzoMm7oOk9aw5G1g3y3oW5lqM"
    "ExkmtBhlKxTVui1pMuKydhuXt7WVEIYjpFILaopwnEcLkrKxlI2bxIaDl42vHcdFgmh87b"
    "s00iXjjdsjj9d4jjUNvVDdfEG6gVRqLjW8fo8GlgkFpBE1kWnxlaPygVD85GckAuygFwa1"
    "4O6MMqwl+Y2rm1jmdTV4J8oUcqWLuH7B9m1rH771iVuzL7FpdS9apS/ACcGxUwst3xBRC2"
    "GuIYaErCdwxhZaxwGa1u3B1W8T0vuXDn179V6ZitRWz19Danq4GnhyrXFzWyWPjSFgqx6Y"
    "zlipe0ndqy3nfvWilUZek1wK2X1UfKL92TxP6l3qVfROSetJky/WObUlTY0qAdTho6/eu+"
    "SOeO5djQa/Q4SyoB6z2/7DL30IfyYGPwTG7Lp/0x/BBcccqUZNa2+jqzlvN+GP04tsKBGy"
    "NkRy7sOeUyJ0NkLWBqT3HTNL1QnfaKbEKAF/Eq3kwS48KJwrkUBaCQcaJMHUkCzhBnyXUG"
    "IjpFKLbZoWG+TzDCtksgOzk+glx5vMcWmTTN9U22uTtJdqSa6HKSXXm8L1hI/dfftgGWih"
    "KpbgephS7ujNYXJhS3QsCXPHkh+RktEHyfd4wY/gZ+MW2NgRp0AtjwPbEXOB5CZa7AhSIK"
    "ejjSAx3aKztdOuaUek/N5QLfzgKJvqCTp9EXgGMMUt35bw8yEKIUVW09IgM2JAze0dl9S9"
    "P1FbEVva5tyt97ErVnymTZRtG7Ey7SlMPiWTZwPvvF09erP9ApO1FTO8XOr81mL37b23ma"
    "nFYGlUETjsDpY3U1vBmlFt1y3rUcTRf+MTtRWkJV7DBzPRDZUYu27wzlxDmKqteHGlkuud"
    "5q4Lq+dM01aUzDldVrCjP7rTtAmmOqPaQqVEE2LboqVG0yPcQgVOxdCtCU/OXomwiTB6/L"
    "X37vT8QiQgvUff3Vos30VqErGQzuXlLpqu+UgOkEphCqyhp3swBsUzniqdWYbdHWjYnViK"
    "hcPtw1StC7yTAffSzVGJc6tcpS1ZZOvt2ZvLZe2VfyzcCSFEJ0sJVFVKINAGdMdaAsV8SU"
    "1jRt6CAuF12KSKAqG2CQkyd7StQrrM7bQmwIGhMrnkh5NyZXLJHgLBudhiFE3uD9K0DuLq"
    "1YglNs2VzjfXogpbjLCFmein5+c58OajUgEX98KIG3qiuTu9X71P0Ix29fC8g25X34ACDA"
    "3ToOrex2eYakIBtchimWRszk4XTCDfn4bzoV4xporEQU1XIJWeS6M0IRVzSw3uCK00DzTZ"
    "PKBSE0Au2tMgSCZ7GsieBtLIml3N0xNtofztcyn2p0wh10HT14GMNj8gP/o10egrMdadxD"
    "qh7r1uli3PjTNVg4Mrteb92SFeNHOgmLah20yNFar/M1Rv29BfqUqMiUFmzkhpBZRWwEay"
    "QtatP/Q6lPzgpFainytbMw/SSZU8ZOSzk8qmZqPpE0koD7sskqv8FTSSdq4e+j1R98ilH7"
    "PH/t314O6XS2QSkWEnrozEPy1RJ2nwe//BrZQEAgzQfOsNbuCSYzWDUT0xADekjlJZK6A0"
    "/6V8ICoXOUukPftULVRKD0QJzWXz0wg2SUnjbphU2nYbz2d1Ml0XEXRDRO1zRdXg7w6q1Q"
    "WAjtJJrLdjLfq7EsPQjUJLOkTVPpxPP3zIE1Tw4UN6UAHck46KH9NAHY4WZlYJlgfIpEjQ"
    "ZJFgRhmFzlBlqtWFSSWfm8xn4SIoHPMfpJIR/1VF/Pvumh3j/fMWsWkaE/JG+gdXX5Pi/B"
    "3cExyCPkO2egP9JSAD+6VLT7r0anDpOZuHQKgAymGquuz5b4fz2eccOJ99TsUZbkVMw0S1"
    "l2TyQgoZlcJUrVvOJxd5FHA+KsOpEVPAxX5SvGh+hKwVzuosybyOgvm28ZwosmWGxG6IZE"
    "BsgYBY057+gygJYKfvJgGS9hnzqjeagpNT42hAqfnk1ONsN2kSvWyzJE2lP7ipNNTpPr9u"
    "FSIr9Rk1bftqgo1l05dxRyPLpgnkYXEhr5EltPxCVhb+Buju6eYmy8wSqo4P4UF013J4wa"
    "DqA9vbUgPUY9WZJwuntvKOWLW1THOdxrsQZgk2vCim6aa8ECdz2fI6ozlBlL3jcyJBfYmw"
    "tsJrE60MalmEddFqzvnH1z/iTyNOKTtmxevg7TJRYgrBZr90TJPRxAFpSpSmxMay4gc2Jb"
    "6hYlq9LdGillYIY5+ghfBWr/dPdTXBSJtuOfTGtwLcfZsMpQ0gfZ231wYAv6wEywNkMoxG"
    "htE0/wveo/DbAAPbjwt/oyxsTWPD7iY2P5AptsdUgKsMD3ub8LDhbEYVijW30us3XdP0lb"
    "CzxIxNaUO7OULIdDyZBcdvNT79MRf2HoQZ0t3nvnNLzCJ9SRhVkTOhifg45N7qQrOFPwjX"
    "wayfTOS3teKzxJI9q3/CmNlsc8Fp/IcgewOZmKrvEf8YiAo9HmA65wl8iqnGVy4Sqxcdwb"
    "s4j17gtfv4MZuSGf+cEOXTOV8nMvm3ZXKi45/FZIysCH+MeCRaUWYGLGri3Q2DvmINiWY5"
    "sptE08+xboYNzVkeEwFBEeNDlK51lrTqLRDO5+f2cS0QShOi22M0zdtoRRUG07hGSJpU4H"
    "i7xuLRSaG5tM4iW8WnM+QwzUAJdgLfaZmzrFud0megDW2CwBluUrtVxlyGh28VMXuuNMWF"
    "MH1pvdNtLvfNoAEXX5XPurH+mQthjC9Z/lcEj1AIF7memSOKxb2cu0+3xdfpTSTdnU3aPd"
    "NFNZ9fBcS0IE0rPBl1uzv5p8aPHf6xFRTSQnQy5LmAlCaFhB9FSJDmbGnObiobKjRnv5Ho"
    "a5vza/JKU0Tfzd1coi8fzn+aP3677MuQE47HF4jmRG4ia44tZBCF0FcCLWt9cRZmR14QqO"
    "hSK0yRcFW0KU2QhSudfszGrOf8nU+AlTmn1xkJTd9Fps7p0JRoOns2+WjEH7fgm6AY6jzs"
    "kpM/U9Mi8J4weqYbY4Y5iGAIdm2rCx3ej4vkyHsmNbnA7t7GGgKBjz9bWFZNwkziyPnLOT"
    "xIFwblwfWYMXsx5bMe8ccAc024HgWlC3Zj/oLaGum24fzmZ/4RrvAavZA11x2YKHUIP4da"
    "x+6PHDOIkPSbC/MH8H8fYeR8m8jZfY9/dm+8kCXHwNFGNP3ZFI/EzFzx34OOFth8Iepx1z"
    "FgY/cXw08LvYxBlrphgcn5FWtUhXlVQ18uiSrNyU0/R7J0FBmSuQcdBfLP+E6zSMZ4e83W"
    "IH2TlcLOYPh4iahu8u367vphOLi+hG3F0CnfWjg2t8O7v18i/pMXOltHz4w8rKm++KrfJz"
    "53EKdH0Lp1f36SZ+HzUanwinsysLDdymK+wEJHyirF+BhxC3l/ILzOFWUoLQPSMtAkNhy8"
    "ZeDRiyH6xcApvbnDI7o5LAR+YNLk2afZaiUYMvIOdthNnNM7V09HYpaNGs8VxVfiKcULyu"
    "i7paHzMYsuDEBeEYa4paD6R4C1wAnQ4qovWTrRW/ys1ZAT2wXq7xwLlb53PwDNGg5irixD"
    "LBXXazWiPvP5FhRK7oJ2fYnA5sCVY0XhqjR8NaD+OhrxJqBL0ShxZ+dX/Aixpb60l05kVl"
    "fM4+jztunYMHy9++zjyYcTVy0XRgT+ACgTApYT/u1jwzFJcLhQ4D2CLzHVrbnzE2FmhVyO"
    "2fcp1mDcd3jhub4CD+QaLcDluJnEDL6+P6E1x8z9FeiIkWds0Vdy6V4ZM38cTOZYD8Qrw1"
    "XEDw9hgPlukAX/ADmnvzs2jtWcak4cm6nbhoMjX59oSuZ8s8jjA/WredB4uyhpYmikiSHI"
    "siKKVpisyXpvYyLW/O8tDnR6k50gTWv6iJyenH06+/zx4sxf6v6VrBUe93a6O2gBQAMUEk"
    "7pPG67PUA6jxt5IksVsc0qYm+51PlrL1JKOwdvZyqHODJQ1nf+4cRz6QHcgwfQC+ssfARG"
    "COUhWDq3YY41rTD8ASIJfWnoNV3B2gRE82ShPxn7MFWWwH+AjMjAFAT2w2/5yqUI+uq9S+"
    "4Agt7VaPB7/xI51GN21bu76t+I9q0K/DZNdHC9+rV/9Vv/ejK445fnRHkhkNg4ZnfDyeOv"
    "wz845vrEnEPm7NXw9v6m7/SQ1RdLkN4a0vVVNvGuHWKTGBAQyRFUC9XpitLJKt3bLY8yzi"
    "Md+sO06+SJ8/D35DJ8j9DKUlLNMeAlRfQsAEWVy2PriVOPolRoT9oskvsHwf25bhsVsD8+"
    "jeR/k/kv7fdvqj+bml68jF+ASEJflesEQK3AcfLoTnNgLMjrNgksvZDT5IFvRA+Dq1EnYX"
    "OR7qhd3FEbZN/GH3WFuW6pYuMarzsJ/qjg7W6WP0pxB4KAmMsh1ekhPhQKuIkothUhL9oa"
    "LbFlEYNdIkXTTaKio7muUT7uuOuE1i3wC3lnL9FKN14gExCmOBrbn5UPH8f22ezk5FhkK0"
    "YtRbU+bMxggAkJfd7kMBKQzIiMAwO1eE0sy4I06AjpZjjc3KWd1wzuDv+h7d/iy5hgc+J+"
    "FXH8snvAJdG3qHlVFV3gmJ7knUk3knrj9+hSKOhMaIxtVHoemyK+e6fljoLmr+40B8aCvG"
    "JmYOk1KebpyiuNlShgbspmZUmXgVE5JEvONVtUmaAq4YIc4NJFK2rNRQqDRZUXYiGoOkf/"
    "Qhwky62tGxEZS86SKe4J1xRHa3PFmUDKgM3Zh7JkwKIuyZ1ckU3bh+oOthJ/FhFlcGLh2D"
    "aAW70w4+4zBeDdULQQ4JM8QQvpMQtRdN23nXghCAvKbCup8Wa2vpMxzR5bX9eck1KF1iNF"
    "cymaN4EFexDNE+KiHHF45ybIj858QRm8JfDHvHC7ItUuv0/cSekl7VaA08idqk141akei5"
    "0vQTX2dsR0tdjbemX2j1RE96uItjrnR6qhNaqh4Pv6p84K9l/e0OzRbdEzKf5/j3PMnueY"
    "HqoPw+CiJjYJ+OXNCZ4TnLBrZ+ukyTPsT4H6VO8+XoU26kEE4ZFl4fVo9wfs5+YDq0HH4p"
    "K2lCjt/oC9OAADihPFP1FsS5/NykKcOskejVWnBwA27PFOZtxkSYxJWuBcNtipk+wP7I/N"
    "h9rNIIRieeXNsKmT7HFdnx8O1hpd0ITo2nwY+8RyGSdAu+K/g/8BsldZgCNT7A/mLwewM5"
    "u2uSTMpGCULYFxAvkel/EB4AsGQ8tOMlV803ScJrkFiCJwzoAqB6ANi/fLipocPn296aP7"
    "h/7V4HEwvIOnbJKIxE24tGns9dDv3cTqNLDnEjAHqSTOOXB+JvoM2lROFsQyksSK1I0igb"
    "JFcayVVRnEjOk2h8mra5XXQhSla11wK1dz8gQsnH5ID1mAewme3DyORy+7YzfnUCSZ5MAM"
    "o7l8aVV5ZtvukhVN7dmzMHrtCNXQmepXb6Y2wiUd/6VgczSfHbH6Q0zSJojqdGaHvsYEp3"
    "b0a013bse2iO2B33/M3Q544Bj/yUSqDn0AsEEQTIZ0hrCfnncEYxB4lo5/DlyG8G5ouYeR"
    "oa8QFQ8OhYXX8IwxcxIQoW9hjpzDTW8EAQ10BwzmHVILefmI28PRvbQqGX1+EE7/sll0Oy"
    "bPNW1nq9A+AR+t6Vp4i8IapZXYRlxMsKuVBTdGLNGVEdAyArp5LDjw5MSoKpQgsyZoS+li"
    "a0RVy5my+MecKnM34ZCLe2fkBI/t81N8MrY/KZ+m8PfT6TGCyUULbvcpXNgjC4fgMx/05f"
    "OnL34bbm8IBP4dQ0tt0SMLuBDPddz/4zOl0lAdTymaNmYPzBJN37Rma9P2xNqLtsqq9G9d"
    "2k2KX1L8agILKhO/kvaXCmBtoY05Cm1kU22UdAt5a0kirZvPliHHeiMqzS36M7S0+NoxLB"
    "MKyUohrzE7bZaQJ1sO7SH9SEoWst9NcxiRFVGV2O/G3dET8UuvMB4ibGEviQwYD66oOGFq"
    "GRYHyCSDG81gBS+xQq3CfsYgXZtOoSrcNVNdfyGFcy83VK3pSF1hvmWZ7jURUrkTNXwnko"
    "bOZlnbpGmosz/TUCAwftPvecd4xkiL6ZYAX2tQY6iqUYo1LVj1KNuq5tdayukajjQr0Jnj"
    "SnWDurrOv5bEoLrq/oP/EE6gYYWYCb7e3eeTRYMavHd3M+x3Mn6w8vxRsFuUDHGL0kps/x"
    "W1M5RENkwpcY1GD0j1vnpMpaIiFZXmsaINPmy/xkInSfbe3M2WvMPjtordX3VdJOA4dCpR"
    "IYbRaQKB8IyLzsggS9EAGzH9HRTaMH/276v88OFS8xppdGYhasWl8Oqnl0J5g/epLKFcOt"
    "X34FRvciPcti55GdLQAOilR/4HcJNIj3zLGQyCXil3Z4iwAiY3rP5QC3k8TdBY0+XAEFEp"
    "ObBhHK1DECxQ86hORXYkOgZ2EpRY9043S4G1NmNqCsl2ha1wOCNfJkSLxWf/GZTOwgRuuU"
    "lmL6b8Af8tlU6pdDaWFTKSu13rXdrjG8QCGUy/YzC9e4TGwEuv+OwTtGnZVlZc1BFligjX"
    "HkELk9I/5zjsPqeedZ8bY19tmvryJlvt0qC6kejR/6rrGsEsBf0AWQT8Kaera437V/a7w3"
    "4dDm9CtoCvgwiwd0+3X/te299NIeiEMsWbGMrCSz5OW8m6/2F0mpBp27ITomFhQ+/zszDm"
    "3Y/at13qPRaLXmFqAZDF+ND5ozcYDe5+uUQu/Zhd9W5u+teXiAtLGlH5v4e39zf9kbikL5"
    "bguoervburvjcQWvWIsbeDx0e4tKCmKUbdDMW/nSqUnRKHyclFjtPkJGpcC9SmvoieJ2Er"
    "QozFW+IVo8QtOlkqaUckGM8Bs5OqrG/pQhShlXlJQa3TECEbJez0YcoWemM6/AeqQ6atO3"
    "6h5kOw3LubQKbhXtRNK8P0EGELeX4gPM6ZiQaHZ5kvO0goPXBN5rGGTWtSmtFxasntJnMb"
    "WFWi46VLJOWeAJQzyqg5L/XVREjlJ9O0T6Yu53kgeukVa7aftZqc2TpkZKTz/23Pb+2HZj"
    "vItZKc3Vo40uAKdDTh5E8JOPAGdLfHHTgKnzt2a/D8aE4QHIfIUcHRM30lDHJKRQB7F3lO"
    "NoSZCi0uLt2BTiONZ7x8NzMIce9SbR2Pn6/lCQWjI2TRugaZBdNDHaQr+M0ttdIVvKMrWO"
    "gWhf3BEarWiKw7eYQbEgzothVLOJs3DcfSD+XVZszWw7jnHn1ERe4h7hTnh+wzfUHQpqlc"
    "/JgtSJtZ1T8YEShPzWZs0TJA8E0DBMu5t9oZ5lNxFn6CZec/Hod3WyW9JOOOShUL/R/SqF"
    "kbvp1/m9lMAejQ1KaaRZn5Hp737wVdxVXIH4BTyCLhLeGj297foqv76mb4NWpqgAm+FnDW"
    "pyag7d9BDz3d6oK81gAsGWvclMITsh9FnoITDW0H1lsuuQSDrZRqE8HbmQI6v2Por1x9xR"
    "GK7eI6QwEa6K51fvqFQI+t2cUxNHvFyImaRDPdiPTiShDgd51te1mJP90oThht2tMFtdxA"
    "Bj7uz8AurvJpvFYPUuCXAn8jWVGzwH94IYvFwe48Pn29HYxELKK/H4xZ7+qqfy8uYkUhSy"
    "c+cfjw0L8aDYZ3k4f+fz71H90ARsMgQhaeGIS/qSnGPj7d39/0b/t37sR8VyMQRCvmvr9/"
    "GP4u5hb7Llx76H97EmGNBpnZIs4R/GPXD70/7i5FC26Vn0cMxj0+3Yz483vXf4fBJv+NEw"
    "hWWidHVUa32DwL6TRPB7jT9A5wp/EOcFyc4G85K/KxBmkqSRVu0KdaQ489QMuE9ed+ijmN"
    "rjE6aXaNhQvoxoJDhLWkgvgj8lcKshGyJu+BlUQH9P82ylbD/eCAm+HdL97wqG4ehp4Lqv"
    "SVJFXFy3cEBen3GTfv27sLhc0P7q6Hf8BuD9Rj1r99vERkYZbZwitW17Gq8qPGLPEVxCnb"
    "UPZh39+Bh+ICm4ltOdJP0ThlG/CP5HOc5lnufFR6Rsdp6pIvKLVEyNoHdg1aRlALj0G9pe"
    "xXhFaGpTcuIi90njtGlYJM3lDJeMtGc5coVC31GYcpJZebzGWdC9TwRc40/PxcitvJM0iu"
    "N5nrKjWX2FLKRc3HiCWvm8zrjfqaV+rdUEiBd7vAay/Vknm3YcoWCrsHmneb8Fm5bx/wF1"
    "pkUTjkIUAkQx5KB3Q3uZx6S+HPiDjZ+N93jDm59yc6MDbkjToJLcBQ3MkD340eBlejTmyL"
    "qQDXRyeqYuDO1lJwA1trCrTpMT2BSBsOjEFxUmpuwTaXXtTLrTtji6APu9MI4UekxRfYjp"
    "h9I+ROzNNWpKDVjlt+qTxK984k94YOsozZVqxA3tUoS3B9FwFr5M7SZ1ar+mcV6zcbiipw"
    "Y1vScc2f63zlz5b7u22YZphrKcoE8aoTxJNOx+xw1+AhmiPsdREcXmm9+lj0aSTC1nsyB0"
    "klMtq0odGmYS7FGJFuGIsRtiIMqHaPsG4bSVFsOeNOfeomg915ur8Z9q4vkb3UdKyOWf9m"
    "cNW/u+pfIi6CKBCOB9GeT499CPO0Ted3vm0YkPteDqAFvoIonTQSb/8GPMyc9MkSkVepE7"
    "QB/X0HYEXALB6HlTpBG7hRd3AzZBKUPw484j0GgIJYCQENnYJnAuQFDK4hgN+bYcxGw4mb"
    "eMD5rk9clUxkGPQfHvvXbn4BMUziPbFw/Fyu8LmM6LkowwzdZgmfR3aiuE/UmhB0WaRXOg"
    "u7pYr0BrTEMiX7I7TSd1XadTijGinMgQBRi2q5v63XMGI32dHFFcmMPrBPIa+LK74TJCev"
    "Rxd8FT5Ei1Oo39zJDmu954U38JkX9iDWWRXgikN/hU3SSbCR+ve6uQyjIj1Q8cbnKN4FYy"
    "FR35oTRLiqo6qiGJfB/8WeKSPo6Dte0vfeA947VfOce9+PL9Fqji1BDBUXfjKRvmJRkbae"
    "p4yZNxqZa9MiC7TSbU1Fc11Tu+iFLC00J/wBqzlhQMr/Sk3EdEZyFh6Qpt1GmnbfJDW5YY"
    "yoWX0PH0OFM6oSqVsHe/UWRBHgUtRhESJqsv28Mav7MEqF7Q3g6otHkFcCT4oBnF4gb0Ox"
    "/9J4b2P0rqUInjQ9pa/5dpmeYnr3myku4QChZAUmFkSUT5EJRDLl6wnAZftAdR/kBC2KKm"
    "SxMmVn5MOHsX0xPT3h//9w+mlsn5+d4bH96RM55/oGgSIU1hwKEUNHOvhTN9DK0NlzN6be"
    "7O/RXOex+KMU8h71kEn4Gle9R3Hdxq1EhKZroSo5nx7XhFK7D0iF5xAUHpDwCp2mPoE8TH"
    "c4TP3aYCWO0yhtCw/UAzlAc+VPYmauoAh9CU5HSGWebKP53EAn3Q9ywO0ksOZ0Knkx2vtx"
    "Kb0p46p2KFWnElyTJTZE+/kkZSBwN58aoIYJ6gz1luJvI8XfogbRam2hrTY4iz8LQOuNb6"
    "EVtBozc4FTbqt+VyQNrp0JwMWS4AqeU4E0rYRzKpzEleOcCueQbTdXje3zL59U/n+VkLH9"
    "eaqcXQobErSYDBzaXYRn0BWLWmDgcatuoSOdQdLjcRcsQx6VyX/BOxWvkdNRM26mqv+RYy"
    "ZWHb8vDFBOkZmfTLQBBy2xKgxYYgD/iowXv/S1yR/5HvX/4rhpa/EMN2DAWuljxt/FJBY6"
    "wujq1/7Vb/xFoLkmwcocXtNZypeiw4CwivEXEZazGSIUzvu4fWzM4MiZYlPGAxy0fCCLH9"
    "XeU8Ao3MfcJ2pTJGsV0eEWfi5ky/XGS1PuLn5RfeFpkPm1CJ9kj2konb3sEecfPuTYJPio"
    "1F1C3JO+5x/T9xxutaBpnMBeTspVCk6ilzb0JtvQHY7xz5XzrCy/g9SS283nNnCL6WkZnd"
    "u+bI+yfcJ2LQdp8BOZpjRS2f5xTcu3UGk05NXrNw1wCjar8dWbpO05FqTCDAiRSex/IH9s"
    "o/hWZ36fs8R3RnfkT9NGYEP7QN0u7k0dywTPQajIZQ7Hwaa6Zj7HQQ9xCi/o82hsf5p9PI"
    "No0o9kbH/5cOLGkUKU6cXFsWNlhzQ7N0WOmqZNVKcZbygw9We0xGuweJhogV+ELT7Wx2yf"
    "zx4z3VCJgWaGvgC/gDTRN/xA6WaY6J0V45bSKeRwjhJKp/5WeZZ/S3xLKRo1EaZqoYO/eq"
    "AN8gzneFGkI2QthLr68kSWbomjMqlAa5Z2ECRrkydqz8oZ2GbVxIpeYO1Lxj5Ik2XjO0Am"
    "ZOAJRruErF6ZvrF3n58jbZYwUYcIW+iNapN5eolpGRYHyKT7ocn8bYBttmmfr6zt1TCG1J"
    "qKsbdM7mjXkQTLVkJjkhz2LbcnymQZJMtTl0oUh4K6EMiC4k/YMOgrBG+SGdzBDBFsaJQY"
    "XqQotUxRZurSqf1kM4tqwgb1jJdoRjX+CxIMWnU9JsFWFWslYEKWKHwZ/y3NWE3Z9LoZZi"
    "yfXzEepMdBBkjadPycnpx9Ovv88eLMZ4B/JQv3uGopPr0i2pFPILWjnZLbFQL7XKnc9hBp"
    "CzWkFsfrSYFaCtRNZ0g7BOpgSl6CMB3J2MshSHu9QvMIz6YzOwIap+TQ5+nY/vL505djhM"
    "2YZ3ZpT/m5ORee158hTYpvOHMnUer7mq4we+Yir4U1/ZlTMOV7kiC9j0dKB3CDd7csyVnm"
    "cNdWzVLmcAf8jnnaZ/FRGZ7HWAutF5rUGCUdX298C/Gt3oUOqboUXirBQZbeKCtM1Qqgs1"
    "SMOtpjZXTBTle9Q0RS/d5B/dbIM5foNLqg1kTF68LptUn0bVLGqsi05WLzgppE3QHmlCkk"
    "0pGMFZLUGT59H/HGyy1khy3klZo0qch29oreUMlFHMbTqW8C9ca4rFMQ1SitxDaWYqXzaZ"
    "Nz8L/qukYwS7U5BikjwE456QEim6VeD4c3oa3i6yAqzT3dfu1zLUbsG3wQtUI6eHRBF8R7"
    "QyShzg81WZhgeKRQubsg4FFSCXt+2N2skYKIB6gk2PnB5j/VLp5WEKaS6ch5sgr+x6ZQUF"
    "ojr0QrKonEqfcni5w2XxCZ6cZiYipzssCFFJYwmdRbdtFbiGEmejnTdZYNxf4W80m9i7my"
    "+BmsWFx2KCpV+0R7PAE9p8vBnoD2Ui1Z4SpMKSNmmhIxkxCD7r59IPfJL0BeOGAmRtomu8"
    "DbxsuEy8LvGC4TLkp/YOzIGy0TW4yFOyAnRivtWLi6nZFKtRauDjTqToorCrXxzlN/whu6"
    "NaxoyAiyl5oOFZxnCEMFaFNnlyK0Z7qG+s0Y4nvECzg1nqFGNAfHguj6o+kaqfSZmFYXEa"
    "YY6yVn8/HPnQjQ9TxlzKw5FIDWV1AHejXX3UfwKfi8iy5EKEGL6ZxRRn92nLcSLy+e5oTw"
    "y8ijxkUeiTgzJfHoziiGECRqXQxS9TYL9xsogPCGohXhG7W3LKb/LJR14g5vk7xZmca8IC"
    "rFDiYFFmyYqoWLtobgLlkRumX6cp4ME0cyKqwrh8jatG+9rZ68kVN31JHv/YkOjA159ePQ"
    "AiyaSBIwEppJsVAlVeJbN+Dy8Lxkb6IZj/hhAOELfWYZ606Cchwe0M2lH1suTS4dOR2fnf"
    "LBYyOxVDjfcsPtZiicfCO17IQtIF203FC0UKw8zaMLnabrQqcxXahEj+a2ipEHIjYmuFni"
    "cmOWRT/DjhCiauH3U0PCWMFGDju1bygF7iG3QXqLGiENk/0qD3GQNQsaqVvKmgVtq1nQf4"
    "DaLkurk6A7+fe6WWqTG1w7MQKDtzoWR3OCZtRUsIbIO5cSSgh8Vk9Px/bF+cfZ2P50/vF8"
    "bJ9Pzz/wv3+5+Myvf7wgx66PEFMViXrx79EtVgn6rtrkO6JOG1r+dGZCyJNoS+sIgyGX45"
    "6fP2ZOlXu45+LFH8+w9jOf6h/6FGHzxb2rYQtiD0XNfMrfCS5C013EZ1xBU9sZDAYv5ooq"
    "5HjMMFO9/r0YzTh3RdNbuOhMAU1wVf4fxNRh7T0aup18nZfP6/3caCyM/GVNsGWRxRL+lF"
    "rpAWqlfWYvYpv0m2uoUEC6oBzYuX7qXyJON2aDx8en/vWl23NizB76v/cfHns3EzHEW/8T"
    "Mda5B6Od60SN7hB5pMmTizy1B6IaVqD0wEU8OX6PRTOaJkPW7Jsq0Ypitx4UPxi+ypwoL4"
    "WzRcJUEuftONtGQopIOsDu8PYhW4su35gS8g2Dvk1mR+/IL1UIM0Qq+dxkPrs6SoIInG47"
    "CpDsz2r0oV49pDKrXFTzK/jxJJBLB02jvyANm9aEGIZeSGwOU7XOh3CaS+44zZA7TuNyh0"
    "w0S0f/MAPn8iSaCRNcYQdHkKqaQ+oHsZbFHBtFTO4RrsVZVrA5771jBh56kx0Uz/L6PoJL"
    "NU/y2W79TBxE+6JbQFIzk+D9bh6Xht94IF+mlGmRpfAOMMe4/pOJvFCyS2g4YqyRY1ZFyh"
    "yzZz4LZqpITdINkYuEFuBJcFvfxlKkqp0+j9HfX+nSzN9YMz90S54Uj0CLkLXPPHSaT0rL"
    "ENLiHUlL4BwiamGwUvUwm7ptJAXTZERT+hQtBLgGR4iMBqvRgixjVVtpCmmKqvbWe1MTot"
    "BSFLDiCU47qmDN+LzKK2Fv3X8yCH+6vuazZ7u+ttFX8nSbpBb9J2FcixJkIloKGj7OCEH8"
    "yIPGNkdj+9Ps49nYvph+JGP7y4cTzK98IufQ6+bi4jixu2RF0xYrSRFIn+WjguFaflN2qc"
    "A1U4GT5Sr2IPMGg3ANMisCdQKpVDPyqRl8s5uUCLuKEsr1vRVstxXbpGhrqChd63S8k1w6"
    "3kmGjncS1/G4vEGKF0YOU8k9JFdl5GfYdosiHSFrIdQneaA+SYf6JAY1NHEs1NLFJ5C1kX"
    "eojWzpFlTkIwn5VFkieIhMWhYKCuOBFGRPO4qhDza7ZOyDNFlWuwNkQgaeYIVLbsZQ5iAM"
    "0Unn03avCMdsUjDyO0DSPoTryeQ+vJQp1/BTUJjuXD30+fd8fYlc+jG77/19cPfLJaQnci"
    "7AvwfXlyLNEf7+MBr0bm7+Pnnof3u6u+6LO4ZFsaatJ066oZNy5d3dXOMHoUi0UjTdhH/3"
    "bodPd6PJ7eDxtje6+vUS4YVu881gQc0FtpS58+RJ79uo/zARxM5bTESK40RMEzW7vc0nCV"
    "EWLKlfR77lEiBv8OfZuRvejXp/46Q6s/BfY/ZHn+MxukQroiQk1ubhRJ6Oven9emPdep0F"
    "OzFpYgmGbNdblFYG9DfZBye2gcKicpCqNTH9exaTve28OPpRSsmBchxwjsDCsQUBMrm3NX"
    "lvc8SjMoVzg4SSx43msayO3LIkjzzVkWVqT9u4nie1R9bEblLEmKyJnTdYLL0mdrF+USJ1"
    "Zsey2NGEnZZAnqBZ7QjUg5ikTRAVijsMounXoEtG00vS245psPjdQYrMyaCWic9czjHrZA"
    "VoigHdfBGa/titIZq3OiNrhJFrKEUGWeqGJfp3YSifZ5mI6W6UpW64JmdIkNNtw7yENDmb"
    "vfDj2U2XQ05AUTdqsqzrOWOGvbHOFbQiiEGeHjI5FO9RTwEqjajP8CxdlP/z3uGIWmil2x"
    "r0O9PWfB7LWB930QtZWmhODDJmEFcKmYCzGVX4lJyeL36dKVQj79Gd7jZRwxqCwMNLr/Ig"
    "PNzCa9MrVOg+7ydTUBuqmRZ7+mcgywYCtGaBkpbR2vUy0LSRgaYysWoPEY+zrLLF2TGPs8"
    "yqxW2A/OQ0j++Hj8qIW4r5f14oKwS1N76N+FZekFK3rQl/nEq4nlsE5ChdC8Guvkw/gOZI"
    "DCXQDhE22KHcGLRd0adoOkCETC7sHFC7IR6FnYdhOmkO28F/ixPtX1kh1B5FC1d4LSW8hO"
    "3htWRZyRCptPQ3xdKf5t8pUEkq2DJ5NuOqO1N2bRf44Cr6VIy79qc9vDO+GvtfQbtWKnwJ"
    "Jq4sqHO1xAhQT9Qwea6aUhsahJFhMzTT/d4OYP5ZArd1Yf/RdP0FcQx1UfeJL3BdeyVoRa"
    "05J4UiHsllpSp9wpj1xJktDEz83P7ZLUlFNhYnfbHQGVqBsQmMaN9dsMz3vv3qe9yAlTsl"
    "OhBVqWLR8NF9zU1utJMPv8mglYnRzbRXufzLnZbhDP+hMzLeOCR5T+A1PyY53Sa1nQmHYJ"
    "/q3A4eHwd3v0xuhleQF3CJFtQ0IZRa0xVIChgzb0RvNOEg3d31bzaDsDVxl5qfD3A9+Pat"
    "//DopwM4p5I5Zlw6Gz09bu4754l3vwyvq88EiJ4oBfSsBNImM74xJoVDs97sKd29eqBLGS"
    "R3N0b+WCCLXXNSLr8hTtuijqJ7tpM5WJbPdkiml/zYjR/Fq65G6Vq3BdWWzVhyE0qilsu+"
    "7LIPSCklN6K0GSRPduVJ8c0oTim3o63bUdBqF8N6mzclRCpzopqTJhHPjvGZNU0w9mUpGC"
    "EyGe+QR5HjkNnCEVG0AngCafsQr6WiiEz5S0e/XS7hsD0QotxLVAsPkElJrXSwi10c+g2N"
    "jDKqKumOYxpnQuGMu7AH/sFuc/LdZhWmZN7FN5kKEI6l8RzWJpMX3NDuWjizcX8BKbDEt0"
    "aiuN9B4RAU95vMF3sSphUZTyyYMgQKLYGneLdUvEZHkPX0DuJIqIkwFxfnxICwkoRi+TU9"
    "o0SYiAwBkSEgTT89ZAjIQYWAyGy7OtGdUY1MzDk+Pb8oAnGErIU412A30lfmBHT1ONDp6l"
    "SQpk0a1enJ2aezzx8vzvxj0L+SdfrFlVSvKVOhkushov2XXe/828xmipDTpjbVLMrM9/C8"
    "f6/LyZCBaC3F2P2wlUJcCVNJtlTOlkhsYYF9KIGyNQUoK9uK4lGZJRAOE0uQoyCHw1oLAB"
    "wnlOBGwY3HBOcEN04owY0FPkgX1g/iwjrYrMamrYs3SmsUReASTcdeebg89mJ/bI4eqpta"
    "WEfQD4L/5VjkDIKe0kVOUazpWuT9hUthQQWsSM2rpGaqlc+fxzbsd5F1A7akcbiZxmHZOH"
    "UPNa2akv7RIJBlfZSWbC2yPso+66McYHMtg/DBZon2Wg/9/3ziErjTCcudY8wen66u+n3R"
    "H8u0FYUQ0SDrW29wA5dmmGruk968GahX9KHIFxGkaeE3UUfPZr53F9eqA2QytL3Joe3ScJ"
    "L+abXLcCLbfbSZ6wkfe6yMv+eZLSa/B6mk9F5V3LFvv6kqLtad7sB4kT8udrMIGxUW21NV"
    "/oE6iyFi0fRudbNMmjgwKFe8K2e2sQZjI3aLj/1kIncSNIXSZ0dj++L848XY/qyefhrb55"
    "8+foD/n31ICW7ddcI81spNa5uA1CBNltJk2VxW1F2Gn/85MQl2tekwzCPyV8pKj5C1QoXN"
    "krD6fxuFhKtYpI4vYN0M737xhkfDdyJdSjlkZbCP0knwy4Bv6K/QyJrjqhYKPI4RtgL+iN"
    "E+j80+3WQfy+ul1rowziEiifE2jFUKT1eswjjHCCXWW7EmFqZaiZ07RtgKrPe+deumVXjX"
    "DtC0AvRaFzg1/ReOYfxV1zWCWYoCFCKMAM2VOK0upP0r+13fX4fDm9D6/jqILuCn26/9h6"
    "MTAT4fRK0Ur6o0gKev9cM0hUoD+I/I9TwGcNnvukkmcNnvOq/1O73f9VXv8ap33X8r6/c1"
    "0egrMdYPohttJ8EIHhnRzbKFm3O6FPG9qks0MTZUuQJ9Tc4e5FITFSzX51/w+di+OP1yft"
    "yFWNsp4f/X/Fa2c6xBAQeFLznEX8zQX7GGzLVpkQXS+aJLjvet/jFjNmajORFtRKbYJGiB"
    "X4jpxAzrq67Xl4RDwEzspNGJxr/OMOy9k4dg8OXwmPGXf36GxsAMffeGfO+iFZ9BtPoFCR"
    "0tsTVHC/3VfawTy8R/jalDZ+HNhO6jqDl2+gRDZxXdtqDuxc/8Tf6hT9HRd7yk770f+t5j"
    "5/djpGiYLkyk2uJ3mU5blu/fhg/o6R5OCPT42+B+zG6GV7/1r7+LDi4YcbkXGG4RTTPd9i"
    "wcRxe+o9WcKnNk+UAsuVSGsDNwRg3T4r8B5oEVz99Zn834D6caQRR+BFL1FUvrRcx/geb2"
    "O+2KCwuuRrrR284Fcdjn9YJswsMYV1W5BMHff2lJV0hzXSGBBVC0iH8CaQsV4OodI/CJFY"
    "zkDpBIiHNA7O/lJdSfKG0LFaDDVXjieu4BxjNz2aBTjLOd66f+JcgUY/bQvx8+uCHNIDpC"
    "7PJD/9vTo3NpZptNiV52T/9CWdYBEpkCHDXkRWWqghtbArnc2xq9t2nYtCbEMIplAISpWl"
    "jkvpauwc5eWqrOfYhUJgM0+YuSvpD0r+wwreJ5fCG+2a2orSFCWI1I8oNYHQqUsYgbcOO8"
    "izNuyMhI5//LaUN/DEx0UCzLa0OPLNYcVvSdLOM+ngk28SDW263hBa3fOkPUMtEKr/3SEt"
    "Si/ySsi6A/9pxQg/+FPlPGJ0LCjgyXAuPBWJ1h967wAeVDx6FF9kY7dWS6VzfnUNyEZ/ih"
    "VSs+I98SOYFhmdLe2lx7qww934P5r/V9nx/6j083o0t3wxqz+8HVb0/3l2hJlRd7Wcb8U3"
    "FhYOlW2PuidzOaCsMdJmtfQ6n6kF5g8yUpTHc72BvK9uF9cpHHPsNHpZuSL9pQtWRJmAqo"
    "Fdza7/t314O7X/he7tCP2dVDvycM/q54OGa9q6v+vbiEFYUsxbXB3WT00Lt7HPBjgfJfCH"
    "EUlB8Nw6fR5NvwYXLdvxn83n/4+yXSbWsy0w0/BmXM3Hswoe/98q/+feKVRvGDVpwaKeB3"
    "GD093DmOB8s2GFy76t1d9W/EeAWYoZWsplJ9L8s38LtGP9RWS11hHSWGcrZ5LUYs7aiNtq"
    "POifJSzo4aopRcbjKXQyaGvHtmiKh94k31+2bMdlPwi0qil99Vk78rl2NcwNuB3wFqye0m"
    "c3tGSPGaogGi1gTC7LmaKEC4xLSMkBIhld9Xk78vX80sI41GaCWnG81pGb3xA0ZvyEzWtn"
    "FdZrI2UniSmay1ZrLmKeS4QVzYQnfs5TPiDH7hP6r/WjLuqaGYF2vgE0sLCmbdJoPrhZZt"
    "hzie/XuQ4mEyxAWiwcJLLSEkLLYW0+PCLHeo4w8QY/MVDn11G9Rjkcb6kwnZxAofDN3tDZ"
    "WoIhMZOhUduY6dLtKXwlYp/gJCAP/LbEYVchz1WVX/hDGb6yuRYKzPLMJQ//YRLW1zTkxI"
    "3NUN/hC+RIw1msIriIuwwtPiyv4Meqvch7p/9aQb58FObFggBE2GijUyVEzmidZueg98Jn"
    "khDpC0EOKTPPW+TtILfp3EKn45/UhosbY+IaIWwlx9cENgly+iIQfIWqgeH646HLeCuGd3"
    "kY/Ip2jhF3SSKwvwJCML8CSeBRh8swJAR8haiHZNOZcK4bpTuZzLEGkLt64DtewdXjbeW/"
    "O5Cda99By7wva9XbLsmiEt1JBnt79eLcSgyryT1KrFudPN7NSyGbPN3pIO6vaMt0Lmhh/F"
    "1rBjkZB0K8IrMcyC8kyApI2yzPl5Hlnm/DxdloF7sXynIgi7w1uIbi1yOX+ilXg8/cfj8C"
    "7F4b8hiUqHVLHQ/yGNmgd8SCWBC2CERMBYSfxo9fuIbAcTfN01c3/Xw+xf/x9rvnZD"
)
