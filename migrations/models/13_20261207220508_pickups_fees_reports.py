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
    "eJztfWlz2zi29l9B6UvbVUre2LGdxJmaKsVWujVtW7623MttTTEQCUkYU4CGi9WaO/3fXw"
    "BcxF0kRcoUgy9ZSByQeg4InP38X2dBNaSbb6+grk+g+vyAVGponUvwfx0CF4j9I2VEF3Tg"
    "crm5zy9YcKILEtUdqxibwRPTMqBqsdtTqJuIXdKQqRp4aWFKOFEfqnNAbcvEGgLm2rTQ4g"
    "cTeFN1gTMX0gAlKroEkF1YImiBKSaaCbBluiMAJBpQ55DMkHgrjars0ZjM6nrImBBqzdkD"
    "wJE1R2BObROBpQ4Jm3ncccfz+cCRSW1DZb8d/Wkhg0BdwdrxuHP8lr+nTfC/baRYdIbYNA"
    "Z72z/+6DgE/HaApPPPf7IL7I3Qn+wnsnH8v8tnZYqRHuYdFtiL64q1XoprX/BsQKyvYiyH"
    "Z6KoVLcXZDN+ubbmlPgEmFj86gwRZEAL8SdYhs05SGxdd3nuMdX5FZshzlsGaDQ0hbbO1w"
    "Gndl5gc62jKHfDkfLYHylKJ7ZGPIoAR91LKiV8fbFXNQUAM/4Kbz6dnr5//+H03fuLj+dn"
    "Hz6cf3z3kY0V7xu/9eEv52U2aDlTCcwGPw7uRvyFKFvEziLnF/4SNNCCDpVgxgb9DfPCHL"
    "iaQyMZ/w1FhAfsx0V54CGexQTvwoYLm49vH2xYwD8VHZGZNWf/fX+agfAvvYern3oPR+9P"
    "j8Mw37l3TsUtDvgG4OA3UQDlCFkLoT45/ZgDazYqFWxxL4w228kQfkGaAq042tcMKgsvUD"
    "LiEdII4ppL+9b7xyHibyCoDYm+dne6DPhHg9v+46h3e88ftzDNf+sCwN6oz++ciqvryNWj"
    "iwin/EnAr4PRT4D/F/zv8K4v4KWmNTPEEzfjRv/b4e8EbYsqhK4UqAU2Ze+qh9pf/ESZPg"
    "d2NX6BH5EraGhK7A49pWlj47cWp4voFUjgTPCMg8tf0xU6BhpaLKmFiLpOl0zigzKFE7wZ"
    "rjyjdT7hpAdUHSNisSM98Lg3P6O1kAT4uQ+JuUKGkBGm2DAtJimwlcn+nlELHMElfvuMrb"
    "eBpx9fxsSTeh4zJpQwiYRRcUGH/cXnYj+9y/5YWuD0jMsshpkhhdiTfyFVfLocMSl+HIb4"
    "seFabvljQ9LCU/HTRY5D8VN0p92cifxW+Eh094+88LrDWwjtxVkOaC/OUqHlt6LShtjWFA"
    "0zFavQIo5TSsBzAW4u2RORYlrQss044o8Ldnqk7t0J5Ns38gTY3X26Mag7W/n70w8X/ubN"
    "/5O1XT/e9m5uvP05AeAJ1RK2jRFTS7ZA6xGWWs8NAzZLQO7/NgrJxt6yPbrt/XYcko9vhn"
    "c/esMDy/zqZvglgr7KBHSrlPISptyP7rJPaeVAVBUPpKbqKvfIwFTD6oNNOglaSvB2pn6y"
    "dAcqhjsyh3Li0YB/0QnTHXQETW5tRAh88zQCb8i340uhR6yo8cxUgdWcsqFsRWiYTwd18H"
    "TPOZmgmlT/kDFZ0Bdkgm+E7X3897Jv7BugBLB/mmwCzP7A6nOaYpJXDRF/FxAgvPHViA2v"
    "q4nUIjSk6xwBRhbdZiOkLbQRHfpGGxJm2BdaTLn3KEpJhaVY+a5emXAv6v0GcR2azvcxKa"
    "RzRsjaIDrWrQkJyJgaY5STFxPIK9jMGsaDNu1lgmFTTLA5L8/wCL3keNM43hA1oWczIbj/"
    "gojVSdASAnczlQTIxynIH7hdR1guEdHeUKKvgYlU28DWGgh68y34ibI3B3QJ2UIDmP2TOw"
    "gW0HxGGniBuo3MLiBssMF1AFMI8FwCfBtXEup6yg7Sv3RCvKYTovhu2lYzS8s8xCE3CEO0"
    "kB/EHV+XXf71NOyzPHEXZ+lhF2exqAu2q1OjCLg+gRT1t4v6zkmjLO2JjtWCYURJtDVh/n"
    "oLuvqgLc89VwzsMFX7lnYtEVsasiDW4zD/43F4lwzzhiJ6AGPVAv8FOjZrM9d0/ja1icph"
    "BBMb6xYm5lv+2L939q/RcISyXVBRb1PkVOUTcBdUY7QOa/6ITNNBKEHt2NzeondYc8UMjN"
    "yqeAwJAiaeEaS9wQS4pJ/dUOopQ2sOLPqMiAmm1FgAHqk0hQusr+PaxW5TSRXiQFWIcofz"
    "zqdyw1hR86nMDQqIpEWr94m9EDgP2EtBd1hY6gzQNzncpnM1GA3+t393CVRs4f8gMiZM+f"
    "n69RKwHzadRvecXEd3nrCyk/SwspNYWBlPLCEo4eBOX+8BkibDX1Y6qh7igwoHkaHs1Rgq"
    "hKXeNstb+QO0kvOHxHn05xKz2UrwPUzZQq4fCJfzhSWgF6YBlEtRClJK990hcJltV6ajh+"
    "Y3I0Up22dKql45cC2dRdXgEFmLgsH3HPgjFJPC4AepJPZFsI+Z7KIfQpwRX6mB8Iz8jNYx"
    "LTmC/SYa2J3osLjwl7fMvKubVzTgyjedhT999g/2o5Hl7M29x6vedb8TX+IVwPrI5+mpKr"
    "UPcYnnBTf4aSdjm25kDh6iwmSqOCbThM3Fpf/68wPSoYUTj0sX9wdnrhGf6nAl4Bjwf9Vp"
    "kv/CfqzzUjFzvHerm2WKnwQG5UgRWME1sChggo86B9ANsbkEkAC6RARrXXaR8YO6/1wyLr"
    "N52G32BkBDL1hFCfE+lU2bmHfsxQmI6CBFLA6ZfNycg7IrjfavK5enx91sN9jXHYNTibH+"
    "9l4Z3vfvBteXYLFUnB1lTIY9/yqF/tWnu8FQXHO3mzG5/4npn5fOnjMmvft75br/y+CKXW"
    "Kbj+JsPs0w+Ac3uALfS4SsyaxsTMSPg5mJoI4Svp30JNwoXSvA3ncSruuz53VXSrAgmboN"
    "Bpx98+EFGZg9LElColRHkKR8AwGyCOwTRlfXB+Bf2S/yX4bDmxDyXwZRaJ9uv/TZVi/YwA"
    "ZhK8WEI72N6ft9e31ODfM2HtCe1yBG53JIvJqBvHFf8/dppW0aGyo0075OvOoVr3eTnCLn"
    "3epmViAODNpqHPt1jtU5WBr4BarrN0uqY3UNmKzDhU3fpgWgqqIlWwFdkbe2miMCjiBgQu"
    "gMGZfAoCsTQAMBtmsg7ThuKqvrIYmGs80X4DxIcR8krWfN2cC6WdazMNdinMgwocUoW6Go"
    "1m1JkxGXtdu4vK2thDAcIZVaUFOE4zxakJSNpWzcJDYcvGx87TguEkTja9+lkS4Zb9weeb"
    "zGc6jr4BlT8xlQA2jYXOpw/RYMLJMXkAbYBKbFVo7GBvLiJ5+BCLDjvTCwxe9OMYF6kt+4"
    "uollXleDd6JMIVe6iOsXbF+39uFrn7g1+xKbVveiVfoCPyEYdlqh5RsiaiHMNcSQoLXCz9"
    "hC6zhA07o9uPptQnr/0qFvr94rU5Ha6vlrSE0PVwNPrjVubqvksTEEbNUD0xkrdS+pe7Xl"
    "3K9etNLRS5JLIbuPik+0P5vnSb1LvYreKWk9afLFOqe2pKlRJeB1+PCL9y65I557V6PBLz"
    "xCWVCPyW3/4cc+D39GBjsExuS6f9Mf8QuOOVKLmtZeR1dz3k5hj6NFNpQIWRsiOfdhzykR"
    "OhshawPS+46ZxZrCNpoJMkrAn0QrebALDwrnSiSQVsKBBkkwNSRLuAHfJZTYCKnUYpumxQ"
    "b5PIUqUnZgdhK95HiTOS5tkumbanttkvZSK8n1MKXkelO4nvCxu28fLAMtVMUSXA9Tyh29"
    "OUwubImOJWHuWPIjUjL6IPkeL/gR/GzcAhs74hSo5XFgO2IukNxEix1BCuR0tBEkQi08XT"
    "vtmnZEyu8N1cIPDpMJTdDpi8Az4FPcsm0Jzg5RCCmympYGmiKD19zecUnd+xO1FbGlbc7d"
    "eh+7YsVm2kTZthEr057wySdImRlw5+3q0ZvtRz5ZWzGDyyVltxa7b++9zUwtBkvHqsBhd7"
    "C8mdoK1hTru25ZjyKO/iubqK0gLeGafzAKNTRk7LrBO3MN+VRtxYsplUzvNHddWD1nmrai"
    "ZM7xsoId/dGdpk0w1RnVFiolmhDbFi01mh7hFipwKoZuTXhy9koATQDB40+9N6fnFyIB6S"
    "345tZi+SZSk5AFKJOXu2CyZiMZQBrmU0AdPN1zY1A846nSmWXY3YGG3YmlWDjcPkzVusA7"
    "GXAv3RyVOLfKVdqSRbZen725XNZe+cfCnRBCdLKUQFWlBAJtQHesJVDMl9Q0ZuQtKBBeh0"
    "2qKBBqm5Agc0fbKqTL3E5rAhgYKpNLvjspVyaX7CEQnIktRtHk/iBN6yCuXo1YQtNcUba5"
    "FlXYYoQtzEQ/PT/PgTcblQq4uBdG3KCJ5u70fvU+QTPa1fPnHXS7+gYUYGiYBlX3Pj6FWB"
    "cKqIUWyyRjc3a6YAL5/jScd/WKMVUkDupU5an0TBrFCamYW2pwR2ileaDJ5gENmxzkoj0N"
    "gmSyp4HsaSCNrNnVPD3Rlpe/nZVif8oUch00fR3IaPMD8qNfIx2/IGPdSawT6t7rZtny3D"
    "hTLTi4UmveHx3kRTMHimkb1CZarFD9H6F62wZ9wRoyFANNnZHSCiitgI1khaxbf+h1KNnB"
    "ia1EP1e2Zh6kkyp5yMhnJ5VNzUbTJ5JQHnZZJFf5K2gk7Vw99Hui7pFLPyaP/bvrwd2Pl8"
    "BEIsNOXBmJ/1qiTtLgl/6DWymJCzCc5mtvcMMvOVYzPqonBsCG1FEqawWU5r+UD0RjImeJ"
    "tGefqoVK6YEooblsfjqCJipp3A2TSttu4/msKZN1EUE3RNQ+V1QN/u6gWl0A6CidxHo71q"
    "K/KzIMahRa0iGq9uF8+u5dnqCCd+/Sgwr4Pemo+D4N1OFoYWKVYHmATIoETRYJpphg3hmq"
    "TLW6MKnkc5P5LFwEhWP+g1Qy4r+qiH/fXbNjvH/eIjZNY0LeSP/g6mtSnL+De4JD0GfIVm"
    "+gvwRkYL906UmXXg0uPWfzEAgVQDlMVZc9//VwPvuYA+ezj6k481sR0zDS7CVSnlEho1KY"
    "qnXL+eQijwLORmU4NWIKuNhPihfNj5C1wlmdJZnXUTDfNmaJIltmSOyGSAbEFgiINe3Jv5"
    "CaAHb6bhIgaZ8xr3qjKXdy6gwNXmo+OfU4202aRC/bLElT6XduKg11us+vW4XISn1GTdu+"
    "mmBj2fRl3NHIsmkCeVhcyGtkCS2/kJWFvQG4e7q5yTKzhKrj8/AgvGs5vGBQ9YHtbakB6r"
    "HqzMrCqa28I1ZtLdNcp/EuhFmCDS+KabopL8TJXLa8zmiOACZv2JxAUF8CqK/g2gQrA1sW"
    "Il2wmjP+sfUP2NOQU8qOWPE6eLtMlJhCsNkvHdNkNHFAmhKlKbGxrPiOTYmvqJhWb0u0sK"
    "UXwtgnaCG81ev9E6olGGnTLYfe+FaAu2+TobQBpK/z9toA+C8rwfIAmQyjkWE0zf+C9yj8"
    "NsDA9v3C3ygLW9PYsLuJzQ9kiu0xFeAqw8NeJzxsOJ1iFUPdrfT6leo6XQk7S8zYlDa0my"
    "OEjEJlGhy/1fj061zYewAkgLrPfeOWmAV0iQjWgDOhCdg44N7q8mYLvyKmg1k/mMBva8Vm"
    "iSV7Vv+EMbHJ5oLT+A/w7A1gQqy9BexjQBrv8cCnc57AppjobOUCsXrBEX8X59ELuHYfPy"
    "YTNGWfE8BsOufrBCb7tkxGdPxZTEbQCrHHiEeCFSZmwKIm3t0w8AvUgWiWI7tJNP0c62bY"
    "0JzloQgIihgfonSts6RVb4FwPj+3j2uBUJoQ3R6jaV5HK6owmMY1QuKkAsfbNRaPTgrNpX"
    "UW2So+nSGHaQZKsBP4TsucZd3qlD4DbWgTBM5wk9qtMuYyPHyriNlzpSkmhNGl9YbaTO6b"
    "8gZcbFXOqLH+zIQwwpYs+yfgj1ARE7lmxBHF4l7O3afb4uv0JpLuzibtnumims+vAmJakK"
    "YVnoy63Z3sU2PHDvvYCgppIToZ8lxASpNCwvciJEhztjRnN5UNFZqzX0n0tc35NXrBKaLv"
    "5m4u0ZcNZz/NH79d9iXACcdjC0R3IjeBNYcWMJCK8AviLWt9cZbPDrwgUNGlVpgi+VXRpj"
    "RBFq50+jEZk57zbzYBVOeMnhIUmr4LTMrowATplMxMNhqwxy3YJiiGOg+7ZOQzbFqIvycf"
    "PaXGmEAGIjcEu7bVBeXvx0Ry4D0Tm0xgd29DHXCBjz1bWFZNREzkyPnLOX8QFQblwfWYEH"
    "sxYbMescdw5pr8ehSULrcbsxfU14DahvObZ+wjXME1eEZrpjsQUeqQ/xxsHbs/ckx4hKTf"
    "XJg9gP3/CALn2wTO7nv82b3xjJYMA0cb0enMFI+ExFyx3wOOFtB8Rtpx1zFgQ/cX858Weh"
    "kDLalhcZPzC9SxxufVDLpcIk2ak5t+jmTpKDIkcw86Cs8/YzvNIhnj7TVbg/RNVgo7g+Hj"
    "JcDUZNv13fXDcHB9ybcVg2K2tTBsbod3v18C9pMXlKyjZ0Ye1lRffNXvE587iNMjaN26Pz"
    "/Js/DZqFR4xT0ZWNhuZTFfYKEjZZVifIy4hbw/EF7nijKUlgFpGWgSGw7eMvDoxRD9aMCU"
    "3tzhEd0cFgI/MEmZ+TRbrQRDgt7wHXYT5/TG1dOBmGWjxjNF8QV5SvECE/xmaVA2ZtHlA4"
    "BXhCFuKaj+Edxa4ARoMdUXLZ3oLXbW6sCJ7eLq7xwKlb53P+CaNT+ImbLMY6mYXqsjbcbm"
    "W2Becpdr15eA2xyYcqyqTJXmXw1Xfx2NeBPQpeoYubOzK36E2JIu7aUTmdUV8zj6vG06Ng"
    "xf7z57f/LuxFXLhRGBPYCXCeGWE/btQ8MxSTC4QOA9gi8xodbc+Yl8ZhVdjsm3CdT5uG/8"
    "hed0xT2Qa7DgLsfNJGbw9f0JrTkk7q8ARwTNoIVf0KV7ZUz8cXwyx3ogXplfBezwEAaYbw"
    "ZasA+QcfqbY+NYzbHuxLGZ1DYcHNn6BBM0Z5tFHh+oX80Dx9tFSRNDI00MQZYVUbTCZE3W"
    "exsTseZ/b3Gg05vsBGla00fk9OTsw9nH9xdn/lL3r2St8Li3091BCwAaoJBwSudx2+0B0n"
    "ncyBNZqohtVhF7yyVlr71IKe0cvJ2pHMLIQFnf+bsTz6UHcA8eQC+ss/ARGCGUh2Dp3IY5"
    "1PXC8AeIJPSlodepCnWFi+bJQn8y9mGqLIH/ABmRgSkX2A+/5SuTIvCL9y65Awh6V6PBL/"
    "1L4FCPyVXv7qp/I9q3qvy36aKD69VP/auf+9fK4I5dniP1GfHExjG5GyqPPw1/ZZhTxZzz"
    "zNmr4e39Td/pIUsXSy69NaTrq2ziXT/EMvagZbaGPLEH/j5Rhu8RWlneqDlGpaQokwVHUW"
    "MywlpxaiSUCjdJm0Vy/yC4P6e2UQH749NI/jeZ/9Km/Ko6nanT4qXlAkQS+qrM+RzUCoz5"
    "j+40B8aCvKb8wNILGfIf2Eb0MLgadRI2F+ki2cVFskH2dXwkV5Dplho0ruG6k+AjCd7uZv"
    "lIVHcgFxBzOUk6PcCG8qJiIrJqhdCzvgZLaFnIIJdA1amJNHA0pzpm4467TrjXAj6jN/YS"
    "rKjxzLPT+BRHY/uj+u792D6bnpwciwy6qPWi1oeNCR9g8iQzb3I+kiOZEa3FjabiNaEsVd"
    "GgI6Sb4QRyl3Ze06w7/Lu2yYovQ4Gm4n4Vcfyy+5Il0beooVIVnckITfIYpBtIvfF7NHMX"
    "NHA3JlJQesOaIr57p+WOguZP7jQHxoK8YmZg6TUpDufKK9eUKGBuSjllSZeBUTkkS8Y1W1"
    "Q+wBpighzHpQtW2JqLsHoLq8/IArwSGv4TMJAst95rRGQsOUumuKeyH9dhaG2uOBNIGbA5"
    "+1CWDCj4V+C09ca30BdZfQCQ+LuIKAMTi5m2AdzqhRl3nykA74aihQCf5HGkp/vRY53cnb"
    "dVTGTw+kLKAhPbSmoGma3vZEyzx3bMNedJVKH1SNFciuZNYMEeRPOAE8PdFVxxeOfGvI/O"
    "fEEZvCXwx7xwuyLVLr9P3EnpJZJWgNPInapNeNWpHoudL0E19nbEdLXY23plRopURPeriL"
    "Y6D0WqoTWqodz39R9KCvYE3tDs0W3RMzH8f49zSGZziA/Vh2EwUROaiPvlTQXOEUzYtbN1"
    "0uQZ9qdAfah3H69CG/Ug4uGRZeH1aPcH7MfmA6vzLrolbSlR2v0Be3EABhQnil9RbYtOp2"
    "UhTp1kj8aq0wMAm+/xTraWskSGkhY4lw126iT7A/t986F2s9p4AbfyZtjUSfa4rs8PB2sd"
    "L3BCdG0+jH1iuYwToF2x38H+4rJXWYAjU+wP5k8HsDObtrlExMTcKFsC4wTyPS7jA8CXGw"
    "wtO8lU8VWnME1yCxBF4JxyqhyANizeLytqcvj05aYP7h/6V4PHwfCOP2WTRCRu8kubZlMP"
    "/d5NrHYAmZWAOUglcc6B8wzRKW+dqCyQZSSJFakbRQJli+JYd6p8F/Mt5nGFefkGu7krIu"
    "kNB2aqy+XdqcpX2HYnoWj9TWbCDLMjVENnqp+8mdoIl3RFl4LNkcV3xOpXMUmbIKrTvRr6"
    "GhPcrNGvNd3dGtsitoci/zp3+4RxV+0PJtAor5YODQT4ZIASAP2EsSM+BnBfx/HnwGUecM"
    "wbk0Fg0BXA4sGhQOUanjEmTkoc7+6WIwtuU0FeQMN7qAUz4bAFvAy57QHSXqKPjIc+CDd0"
    "2byuHdO5mrazVagx84/WdG2ORWGN0kpsI04PvquVBTdGLNGVMbkyJrd5LDjwdLmoKpTU2i"
    "iuLaWLrRFVLWcS3a9zrM7dFDgm7p2hEzi2z0/hydj+oH6Y8H+fTo4Bn1w0KnafwoQ9tHAI"
    "PrJBnz5++OQ3K/aG8FC0Y954WHQS4lyIZ9/t//GZUqmPoUjfk6JpU/bALNE0xLMYH9Kjza"
    "J0MqwvR5iZrN396sXGpPglxa8msKAy8Stpf6kA1hbamKPQRjbVRkm3PJMqSaR1M6wy5Fhv"
    "RKXZLn+ElhZbO4Zl8tKmUshrzE6bJeTJxix7SIiRkoXsCtIcRmTF+CR2BXF39ET80mtehw"
    "hb2N0gA8aDK3ONiFaGxQEyyeBGM1iFS6hiq7CfMUjXplOoCnfNhNJnVDgbcEPVmr69FWYA"
    "lumnEiGVO1HDdyJp6GyWtU2ahjr7Mw1tYA90xd0xnjHSiLclwNca1Biqs5NiTQvW4cm2qv"
    "nVf3K6hiPl8ylxXKluUFfX+d8SGZhq7n/YD2EEOlSRmeDr3X0+WcamwXt3N8N+J+MHK89o"
    "5HaLkiFuUVqJ7V9RO0NJZMOUEtdo9IBU76vHVCoqUlFpHiva4MP2s/47SbL35m625B0et1"
    "Xs/kKpSMBx6DSk8RhGpy0BgFMmOgMDLUVLZkDoG176wfzs39fY4cOk5jXQ8dQC2IpL4dVP"
    "L4XyBu9TWUK5dKrvwane5NasbV3yMqShAdBLj/x34CaRHvmWM5gLeqXcnSFC2T3+AHg8Sd"
    "BY0+XAEFEpObBhHK1DECxQ86hORXYketh1EpRY9043S4G1NmNqCsl2ha1wOCNbJkiPxWf/"
    "EZTOwgRuAURiLybsAf+USqdUOhvLChnJ3a71Lu3xDWKBDKbfMZjePUJj4KXXIPYJ2rRsdy"
    "p3Ga6Oy0WZIsK1R9DCpPSPOQ67j6ln3cfG2Febpr68yla7NDA1Ej36XyjVESQp6AfIIuBP"
    "GF1da9y/st8d9stweBOyBXwZRIC9e7r90vca0W5KEycaVS07IQ6TbyV9tgvH/MpRy6pLvc"
    "f2SiuILQ5cMdw7v/YGo8Hdj5fApR+Tq97NTf/6ErBjWkca+//w9v6mPxKX6GLJncb8au/u"
    "qu8N5G1LxNjbweMjv7TApilG3QzF/536h1EnaZ5t7OQixz52EjXrBFoLX0R3srD+GmPxlk"
    "i5KHGL9rRKWrMIxjPAbFK4hUWUVmbEBPUdQwQLlLAQhylb6AfosB+oDYm+7vglgg/BZuxu"
    "ApkmY1GxqwzTQ4Qt5PmB8DhnDhQ/PMt82UFC6ftpMo+nmGBzXorLEVLJ56bxuVHepysuPQ"
    "nHT4oTyhvQ3e6LckQxd+zWgMrRHAEdmhZwhGMwwy+I8DwjEdTYBZ7hFUCi8bLnl+5Ap7j6"
    "DC7fTA2E3LtYX8djKmt5QkGPmSxk1CADSUY/b+keeG2blXQP7Oge4FtdqpkidQFHqFqjRO"
    "+rKVadR7TbaibhbN40oUk/lFebMVsP45579CENuIe4U7CZZyTQBQKbRkPxY7YgbWal52CU"
    "iDw1m7FFy6CRVw0aKWd4bqfrt+LMzASPzT8eh3dbJb0kX42GVQv8F+jYrA3fzt+mNlE5dG"
    "BiY93CxHzLn/f3gk6cKuQPjlNIyfaW8NFt77fo6r66GX6Jas98gi8F3GipSQn7d53xPj91"
    "QV6rU17GnzUlGVnWKM+ThNzQFjG95ZJJMNBKyUAO3s4U0Nkdg74w9RVGKLaL6wQEaHjHlf"
    "PTT4j3XZleHPMGgBA4kTRgSo1If5YEAX7X2banGv/hRvbw0aY9WWDLdTGycX8EdnGNTeOV"
    "/5YCvxT4G8mKmgX+wwsmKg525/Hpy+1gJKKE/P1gTHpXV/17cRGqKlo6kUPDh4f+1WgwvF"
    "Me+v/z1H90Q4sMAwlZWDEQe1NTjH18ur+/6d/279yJ2a6GeGE7Mff9/cPwFzG32Hf5tYf+"
    "1ycRcGSgqS0ikLjL5/qh9+vdpWjLqrHziPBxj083I/b83vXvfLDJfqPCwwjWyfFO0S02z0"
    "I6zdMV6DS9K9BpvCsQEyfYW06LfKxBmkrSxxr0qdbQd4mjZfL1536KOY2uMTppdo2q6UzU"
    "WDCIoJ5UJHmE/kxBNkLW5D2wEod3/7dRthru+7tvhnc/esOjunkYeiao4heUVCkp3xEUpN"
    "9nRKtv7y4U0Dq4ux7+ynd7Tj0m/dvHS4AWsUbfr6CuQ01jR41Z4iuIU7YhFXjf34GH4gKa"
    "iaXa00/ROGUb8I9EWp/mWe5sVHqs9Wnqki8otUTI2gd2DVpGUAuPQb2lFEyEVgaMNi7ILH"
    "SeO0aVgkzeUMkQwkZzF6lYK/UZhykll5vMZcoEav5FTnU4m5XidvIMkutN5rqGzSW01HKB"
    "4DFiyesm83qjvuaVejcUUuDdLvDaS61kRlyYsoXC7oFmxCV8Vu7bB/yFFloUDnkIEMmQh9"
    "IB3U0usdtS+DMiTjb+9x1jTu79iQ6MDXmjTkILMBR38sB2o4fB1agT22IqwPXRiaoYuLO1"
    "FNzA1poCbXpMTyDShgFjYKjv3vrMi3q5dWdsEfRhdxpC7Ii02ALbEbOvCN2JedqKFG+/4B"
    "ZGKY/SvTPJvUG5LGO2FSsu7+qYJLi+i4A1cmfpE6tVPVWK9SAMRRW4sS3puA4JGlH2x3Z0"
    "r/zZcn+3DdMMcy1F9AJ1G1YFWj80W0vgKh/m6p+O2eGuwUM0R9jrIji80hrGsejTSISt92"
    "QGkoZktGlDo03DXIoxIt0wFiNsRRhQ7R5hahtJUWw540596iaD3Xm6vxn2ri+BvdQp1Mak"
    "fzO46t9d9S8BE0FUHo7Hoz2fHvs8zNM2nd/5umFA7ns5gBb4CqJ00ki8/RvwMHPSJ0tEXq"
    "VO0Ab09x2AFQGzeBxW6gRt4Ebdwc08k6D8ceAR7zEAlIuVPKChU/BM4HkBg2sewO/NMCaj"
    "oeImHjC+U8VVyUSGQf/hsX/t5hcgw0TeEwvHz+UKn8uInosyzKA2Sfg8shPFfaLWhKDL8p"
    "nSWdgtVT4zoCUWdlvFaaXvqrTrcIp1VJgDAaIWVVl+Xa9hxG6yo4srkhl9YJ9CXhdXfCdI"
    "Tl6PLvgqfIgWo9C+upMd1nrPC2/gMy/sQayzKsAVg/4KmqiTYCP173VzGUZFeqDqjc9RvI"
    "uP5Yn61hwBxFQdTRPFuAz2PzLDBIGjb3CJ33oPeOtUzXPufTu+BKs5tAQxr7jwgwnoikRF"
    "2nqeMibeaGCuTQstwIraugbmVNe64BktLTBH7AGrOSKclP0Tm4BQgmSP86YfK90M0+6rpC"
    "Y3jBE1q+/hY6hwRlUidetgr96CKAJcijosQkRNtp83ZnUfRqmwvQFcffEI9IL4k2IApxfI"
    "21DsvzTe6xi9aymCJ01P6Wu+XaanmN79aopLOEAoWYGJBRHlU2QCkUz5egIw2T5Q3Qc4QY"
    "uiClmsTNkZevdubF9MTk/Yn+9OP4zt87MzOLY/fEDnTN9AvAiFNeeFiHmvKP43NcDKoGTW"
    "jak3+3s003ks9igVvQU9YCK2xjXvUUy3cSsRgclaqErOp8c0odTuA1LhOQSFh0t4hU5Tn0"
    "Aepjscpn5tsBLHaZS2hQfqgRygufInITFXvAh9CU5HSGWebKP53EAn3XdywO0ksOZ0Knkx"
    "2vtxKb0q46p2KFWnElyjJTQsXjkzSRkI3M2nBmhhgjpDvaX420jxt6hBtFpbaKsNzuLvAt"
    "B641toBa3GzFzglNuq3xVJg2tnAnCxJLiC51QgTSvhnAonceU4p8I5ZNvNVWP7/NMHjf2p"
    "ITS2P07Us0thQ+ItJgOHdhfAKe+KhS1u4HGrbsXL8O88mzwdD/R0ZEKukbB5ZAfu+kRtij"
    "OsInbXgrNCljZvvDS07eK1ogtPvs8v4/kke0wS6OxFEjl/9y6HKMJGpcoi4p70DH6fnsFw"
    "IXxdZwT2UilXxzWJXlo4m2zhdDjGPlfGs7L8DlJLbjef25xbhKbl2237sj3K9qU11nKQBj"
    "+RSUqbi+0f16R8g4tGQ169iUq6bKTLRrps6nXZbOqyJVjCQkXbchjCNtXi8hnCeoBReEFM"
    "R2P7w/T9GY+Oeo/G9qd3J25cFI+aurg4FnFNIm3ETfnApmkjzWkuGQq0+gyWcM11RBMs4D"
    "MyAbZifXn2+ewxoYaGDDA1KKO0pNGt6btfN8Po5qwYJa29eoYDJUoonVRbJQD2LbEtpagX"
    "MEzVQodV9UAbaMbPnKJIR8haCHX15TYsaomjMqngYMYuHiJrk+1+zzUCuDVLS6xQw+0jyd"
    "gHabKsIgfIhAw8uZkjIUtNhiPv3UviSJsljHohwhba79tk0FtCXIbFATJpsG0yf5tozfpu"
    "JABZq6bI91aPnWpvmYnRKvoJlq2EQvs57FtujX9lGSTLU2dFFDvhec7A4sVMoGHgF56sh6"
    "b8DiQAQUPHyBCBW3TKjUaibMqlU8vEJhbWhQ1qBpdginX2CxIMWnU9JsFWFSuN7Xel/6c0"
    "YzVl0+tmmLF8fsV4kB45FiBp0/FzenL24ezj+4sznwH+lSzc46ql+PSKaEc+gdSOdkrWVB"
    "Hf50rlaoZIW6ghtTjCSQrUUqBuOkPaIVAHU0wShOlIBkoOQdrrfZdHeDad2QGncUpofJyM"
    "7U8fP3w6BtCMeWaX9oSdm3Phef3My2KwDWfuFMb4tsYrSGZM5LWgTmeMgqjfkgTpfTxSOo"
    "AbvLtlSc4yJ7G26mwyJzHgd8zTDoaNyvA8xlrCPOOkQv/p+HrjW4hv9S50XpAJ85dKcJCl"
    "N34JU7UC6CwVo452LxldXdNV7xCRVL93UL91NGMSnY4X2FI0uC6ckJhE3yZlrIrcRCY2L7"
    "CJtB1gTplCIh2J8UdJnY7T9xFvvNxCdthCXrCJk4rGZq/oDZVcxGE8KeF9kXn9HCbrFEQ1"
    "SiuxjSWlUDZtctbyF0p1BEmqzTFIGQF2wkgPENks9Xo4vAltFV8GUWnu6fZLn2kxYt9gg7"
    "AV0sGjC7og3hsiCXV+qNHC5IZHzCvRFgQ8Siphzw+7mzVSEPEAlQQ7P9jsp9rF0wrCVDKB"
    "M09Wwb9tzAuk6ugF6UUlkTj1/mSR0+YLIlNqLBRTnaMFLKSwhMmk3rKL3oIMM9HLma6zbC"
    "j2t5hP6l3MlcXPQNViskNRqdon2uMJ6DldDvYEtJdayZpAYUoZMdOUiJmEGHT37QO5T35B"
    "3cIBMzHSNtkFXjdeJlzmeMdwmXCR5QNjR95omdhiLNzRMzFaacdCrO2MVKq1EGug8WxSXF"
    "GoLW2e+hPe0K1hRUOCgL3UKdREnx5eLNWk5FKE9kzWFjIB5PE94gVE0x1RTpWBY/Ho+qPJ"
    "Gmh4hkyrCxBRjfWSsfn4cycCdD1PGRNrzhv+0BUv5LqaU/cRbAo276LLI5R4y9ScUUZ/dJ"
    "y3Ei8vnuaE8MvIo8ZFHok4MzXx6M4ohhAkal0MUvU2C/cbKIDwhqIV4Ru1t+DE/ymUdeIO"
    "b5O8WZnGvEAahg4mBRZsmKqFi7aG4C5ZQ7dl+nKeDBNHMiqsK4fI2rRvva6evJFTd9SR7/"
    "2JDowNefXj0AIsmkgSMBKaSbFQJVXiWzfg8vC8ZK+iGY/YYcDDF/rEMtadBOU4PKCbSz+2"
    "XJpcOnI6Pjvlg8dGQqlwvuaG281QONlGatkJW0C6aLmhaKFYeZpHFzpN14VOY7pQiZ6jbR"
    "UjD0RsTHCzxOXGLIt+hh0hRNXC76eGhLGCpe93KnhfCtxDbhzzGjVCGib7VR7iIGsWNFK3"
    "lDUL2lazoP/Aa7ssrU6C7uTf62apTW5wrWIEBm91LI7mCEyxqUIdoDcuJS8h8FE7PR3bF+"
    "fvp2P7w/n787F9Pjl/x/796eIju/7+Ah27PkKINSDqxb8Ft1BD4Jtmo28AE+E1ZE8nJg95"
    "okTU+Iq5HPf8/DFxqtzzey5e7PEE6p/ZVP+iEwDNZ/euDi0eeyhq5mP2TvyiyfgC2Iwr3p"
    "hyygdzL+YKq+h4TCDRvKaVEEwZd3lpBZtfdKYwAXebGojH1EH9LRi6TS+dl8/r/dxoLAT9"
    "aSnQstBiyf+WWukBaqV9Yi9im/Sra6i8gHRBObBz/dS/BIxuTAaPj0/960u358SYPPR/6T"
    "889m4UMcRb/4oY69zjo53rSIvuEHmkyZOLPLUHohpWoPTARTw5fo9FM5omQ9bdybt4K4rd"
    "elB8Z/iqc6Q+F84WCVNJnLfjbBsJKSLpALvD24dsLbp8Y0rINwz6NpkdvSO/VCHMEKnkc5"
    "P57OooCSJwuu0oQLI/q9G7evWQyqxyUc2v4MeTQC4dNI3+gnRoWgoyDFpIbA5Ttc6HcJpL"
    "7jjNkDtO43KHTDRLR/8wA+fyJJoJE1xhB0eQSnbr3cWxUcTkHuFanGUF+/TeO2bgoTfZQf"
    "Esr+8juFTzJJ/t1s/EQbQvugUkNTMJ3u/mcWn4jQfyZUqZFloK7wBxjOs/mMALJbvkDUeM"
    "NXDMqkCdQzJjs0CiidQkaohcJLDgngS39W0sRara6fMY/f2VLs38jTXz827JSvEItAhZ+8"
    "xDp/mktAwhLd6RtATOIaIWBitVD7NJbSMpmCYjmtKnaCHANThCZDRYjRZkGavaSlNIU1S1"
    "196bmhCFlqKAFU9w2lEFa8bnVV4Je+3+k0H40/U1nz3b9bWNvpKn2yS28H8QYVqUIBPRUr"
    "zh4xQhwI483tjmaGx/mL4/G9sXk/dobH96dwLZlQ/onPe6ubg4TuwuWdG0xUpSBNJn2ahg"
    "uJbflF0qcM1U4GS5ij3IvMEgXANNi0CdQCrVjHxqBtvslBJhV1FCub63gu22YlOKtoaK0r"
    "VOxzvJpeOdZOh4J3Edj8kbqHhh5DCV3ENyVUae8W23KNIRshZCfZIH6pN0qE9iUPMmjoVa"
    "uvgEsjbyDrWRLWrxinwoIZ8qSwQPkUnLQkFhPJCC7GlHMfS5zS4Z+yBNltXuAJmQgSe3wi"
    "U3YyhzEIbopPNpu1eEYaYUjPwOkLQP4XoyuQ8vZco1/BQUpjtXD332PV9fApd+TO57vw/u"
    "frzk6YmMC/z/g+tLkebI//0wGvRubn5XHvpfn+6u++KOYWGo62vFSTd0Uq68u5tr7CAUiV"
    "aqTk3+/97t8OlupNwOHm97o6ufLgFcUJttBgtsLqClzp0nK72vo/6DIoidt1BEiqMipoma"
    "3V7nk+RRFiSpX0e+5RIgb/Dn2bkb3o16vzFSSiz455j82md4jC7BCqkJibV5OJGnY296v9"
    "5Yt15nwSomTizBkO16i9LKgP4m++DENlBYVA5StSamf89isredF0c/Sik5UI4DzhFYOLYg"
    "QCb3tibvbY54VKZwbpBQ8rjRPJbVkVuW5JGnOrJM7Wkb1/Ok9sia2E2KGJM1sfMGi6XXxC"
    "7WL0qkzuxYFjuasNMSyBM0qx2BehCTtAmiQnGHQTT9GnTJaHpJetsxDRa/O0iRORnUMvGZ"
    "yzkknawATTGgmy9C0x+7NUTzlhK0BhC4hlJgoCU1LNG/C/LyeZYJCHWjLKnhmpx5ghy1Df"
    "OSp8nZ5Jkdz266HHACirpRk2VdzxkT6I11roAVAoTn6QGTQfEW9FROpSNtxp9FRfk/7x2O"
    "sAVW1NZ5vzN9zeaxjPVxFzyjpQXmyEBjwuNKeSbgdIpVNiWjZ4ufEhXr6C24o24TNagDHn"
    "h46VUe5A+34Nr0ChW6z/vBFNSGZqbFnv4RyLLhAVrTQEnLaO16GWjayEBTmVi1h4jHaVbZ"
    "4uyYx2lm1eI2QH5ymsf3w0ZlxC3F/D/PmBSC2hvfRnwrL0hJbUthj9MQ03OLgBylayHY1Z"
    "fp56A5EkMJtEOEDXYoNwZtV/Qpmg4QIZMLOwfUbohHYedhmE6aw3bw38JE+1dWCLVH0cIV"
    "XksJL2F7eClZVjJEKi39TbH0p/l3ClSSCrZMnk6Z6k7UXdsFPriKPhbjrv1pD++Mr8b+V9"
    "CulQpfgokrC+pcLTEC1IoWJs9VU2pDAyAwbAKm1O/twM0/S85tKuw/OqXPgGFIRd0ntsCp"
    "/oLACltzRsqLeCSXlar0CWPSE2e2MDCxc/uzW5IKbSxOdLGgBKy4sYkb0b65YJlvffvVt7"
    "gBK3dKdCCqUoOi4aP7mpvcaCcffpNBKxOjm2mvcvmXOy3DGf5dZ2S8ckjynsBrfkxyuk1q"
    "OxMOwT7VuR08Pg7uflRuhlc8L+ASLLBp8lBqnao8KWBMvBG9kcJAurvr32wGQUtxl5qfD3"
    "A9+Pq1//DopwM4p5I5Jkw6Gz09bu4754l3vwyvq88EiJ4oBfSsBNImM74xJoVDs97sKd29"
    "eqBLGSR3N0Z+XyCLXVMpl98Qp21RR9E928kcLMtnOyTTS37sxo/iVVejdK3bgmrLZiy5CS"
    "VRy2VfdtkHpJSSG1HaDJInu/Kk+GYUp5Tb0dbtKGi1i2G9zZsSIpU5Uc1Jk4hnx/jMmiQY"
    "+7IUjBCZjHfIo8gxyGzhiChaATyBtH2I11JRRKb8paPfLpdw2B7Io9xLVAsPkElJrXSwi1"
    "0c+g2NjDKqKumOYRpnQuGMu7AH/sFuc/LdZhWmZN7FN5kKEI6l8RzWJpMX3NDuWjizcX8B"
    "KXyJb41Ecb+DwiEo7jeZL/YkTCsynkgwZYgrtIg/xbulwTU44llPb3gcCTYBZOLiHBk8rC"
    "ShWH5NzygRJiJDQGQISNNPDxkCclAhIDLbrk50p1hHijmHp+cXRSCOkLUQ5xrsRnRlKlxX"
    "jwOdrk4FadqkUZ2enH04+/j+4sw/Bv0rWadfXEn1mjIVKrkeItp/2fXO36Y2UYWcNrGxbm"
    "FivuXP+3tdToYMRGspxu6HrRTiSphKsqVytkRiCwvsQwmUrSlAWdlWFI/KLIFwmFiCHAU5"
    "HNZaAOA4oQQ3Cm48JjgnuHFCCW4s8EG6sL4TF9bBZjU2bV28UlqjKAKXaDr2ysPlsRf7Y3"
    "P0UN3Uwjri/SDYP45FziDXU7rAKYo1WYu8v3ApLF4BK1LzKqmZauXz57EN+11k3YAtaRxu"
    "pnFYNk7dQ02rpqR/NAhkWR+lJVuLrI+yz/ooB9hcy0BssFmivdZD/3+emATudMJy5xiTx6"
    "erq35f9McybVVFSDTI+tob3PBLU4h190mv3gzUK/pQ5IsI0rTwm6ijZzPbu4tr1QEyGdre"
    "5NB2aThJ/7TaZTiR7T7azPWEjz1Wxt/zzBaT34NUUnqvKu7Yt99UFRfrTndgvMgfF7tZhI"
    "0Ki+1pGvtAncUQsWh6t7pZJk0YGJQr3pUx21hzYyN0i4/9YAJ3EjDhpc+OxvbF+fuLsf1R"
    "O/0wts8/vH/H/zx7lxLcuuuEeayVm9Y2AalBmiylybK5rKi7DD/7WzERdLXpMMwj9GfKSo"
    "+QtUKFzZKw+r+NQsJVLFLHF7Buhnc/esOj4TuRLqUMsjLYR+kk+GXAN+gLb2TNcNUKBR7H"
    "CFsBf8Ron8dmn26yj+X1YmtdGOcQkcR4G8Ya5k9XrcI4xwgl1luxRhbEeomdO0bYCqz3vn"
    "VT0yq8awdoWgF6rQscm/4LxzD+QqmOIElRgEKEEaCZEqfXhbR/Zb/r+8tweBNa318G0QX8"
    "dPul/3B0IsBng7CV4lWVBvD0tX6YplBpAP8euZ7HAC77XTfJBC77Xee1fqf3u77qPV71rv"
    "uvZf2+Rjp+Qcb6QXSj7SQYwSMjulm2cHOOlyK+V3OJFGNDlSvQ12TsAS410rjl+vwTPB/b"
    "F6efzo+7PNZ2gtifut/Kdg51XsBBZUsOsBcz6AvUgbk2LbQAlC265Hjf6h8zJmMymiPRRm"
    "QCTQQW8BmZTswwXXW9viQMAmJCJ41ONP51hkHvnTwEgy8Hx4S9/GzGGwMT8M0b8q0LVmwG"
    "0eqXS+hgCa05WNAX97FOLBP7NSblnYU3E7qPwubY6RPMO6tQ2+J1Lz6zN/kXnYCjb3CJ33"
    "o/9K3Hzm/HQNUhXphAs8XvMp22LN++Dh/A0z0/IcDjz4P7MbkZXv3cv/4mOrhAwOReznAL"
    "6brptmdhOLrwHa3mWJ0DywdiyaQyAJ2BU2yYFvsNfB6+4tk70+mU/XCsI4D5jwAaXZG0Xs"
    "TsF+huv9OuuLBgaqQbve1cEId9Xi/IJjyMMFWVSRDs/ZeWdIU01xUSWABFi/gnkLZQAa7e"
    "McI/sYKR3AESCXEOiP29vIT6E6VtoQJ0uApPXM89wHhmJht0inG2c/3Uv+QyxZg89O+HD2"
    "5IMxcdeezyQ//r06NzaWqbTYledk//QlnWARKZAhw15EVlqoIbWwK53Nsavbfp0LQUZBjF"
    "MgDCVC0scl9L12BnLy1V5z5EKpMBmvxFSV9I+ld2mFbxPL4Q3+xW1NYQIaxGJPlOrA4Fyl"
    "jEDbhx3sUZNyRoRNkfOW3oj4GJDopleW3okcWaw4q+k2XcxzPBJh7Eers1vKD1mxKALROs"
    "4NovLYEt/B9EuoD3x54jbLB/4BkmbCIg7Mj8UmA8N1Zn2L0rfED50HHeInujnToy3Yubcy"
    "hu8mf4oVUrNiPbEhmBYZnS3tpce6sMPd+D+a/1fZ8f+o9PN6NLd8Mak/vB1c9P95dgidVn"
    "e1nG/FNxYWDpVtj7onczmgrDHSZrX0Op+pBeQPM5KUx3O9gbyvbhfXKRxz7DRqWbki/aUL"
    "VkiYjGUSu4td/3764Hdz+yvdyhH5Orh35PGPxd8XBMeldX/XtxCaoqWoprgztl9NC7exyw"
    "YwGzX8jjKDA7GoZPI+Xr8EG57t8Mfuk//H4JqG0pU2r4MShj4t7jE/reL//q74pXGsUPWn"
    "FqpHC/w+jp4c5xPFi2Qfi1q97dVf9GjFc5M/SS1VSq72X5Cn7X6IfaaqkrrKPEUM42r8WI"
    "pR210XbUOVKfy9lRQ5SSy03mcsjEkHfPDBG1T7ypft+M2W4KflFJ9PK7avJ35XKMCXg78D"
    "tALbndZG5PESpeUzRA1JpAmD1XE+UQLiEuI6RESOX31eTvy1czy0ijEVrJ6UZzWkZvfIfR"
    "GzKTtW1cl5msjRSeZCZrrZmseQo5bhAXttAde/mMGIOf2Y/qv5SMe2oo5sUa+MTSgoJZt8"
    "ngeqFl2yGOZ/8epHiYDHGBaLDwUksICYutxfS4MMsd6vgDxNh8hUNf3Ab1UKSx/mDybGKV"
    "Debd7Q0NaSITmXcqOnIdO11Al8JWKf7BhQD2j+kUq+g46rOq/gljMqcrkWBMpxYioH/7CJ"
    "a2OUcmT9ylBnsIWyLGGkz4K4iLfIWnxZX9EfRWuQ91/+lJN86DndiwQAiaDBVrZKiYzBOt"
    "3fQe+EzyQhwgaSHEJ3nqfZ2kF/w6iVX8cvqR4GJtfUJELYS5+uCGwC5fREMOkLVQPT5cdT"
    "huBXHP7iIfkU/Rwi/oJFcW4ElGFuBJPAsw+GYFgI6QtRDtmnIuVcR0p3I5lyHSFm5dB2rZ"
    "O7xsvNfmcxOse+k5doXte7tk2TVDWqghz25/vVqQgdV5J6lVi3Onm9mpZTNmm70lHdTtGW"
    "+FzA3fi61hxyIh6VaEF2SYBeWZAEkbZZnz8zyyzPl5uizD78XynYog7A5vIbq1yOXsiVbi"
    "8fSPx+FdisN/QxKVDrFqgf8CHZsHfEglgcvBCImAsZL40er3EdmOT/Bl18z9XQ+zv/4/QF"
    "L4fg=="
)
