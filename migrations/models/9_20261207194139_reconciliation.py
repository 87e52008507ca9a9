from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "payment_reconciliation_run" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "day" DATE NOT NULL,
    "channel" VARCHAR(8) NOT NULL,
    "source" VARCHAR(8) NOT NULL,
    "file_sha256" VARCHAR(64) NOT NULL,
    "rows_read" INT NOT NULL,
    "order_ids" JSONB NOT NULL,
    "refund_nos" JSONB NOT NULL,
    "missing_locally" INT NOT NULL,
    "missing_at_channel" INT NOT NULL,
    "amount_differs" INT NOT NULL,
    "status_differs" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_payment_rec_channel_525a31" ON "payment_reconciliation_run" ("channel", "day");
COMMENT ON COLUMN "payment_reconciliation_run"."channel" IS 'NONTAX: nontax\nWECHAT: wechat';
COMMENT ON TABLE "payment_reconciliation_run" IS 'One reconciliation of one channel''s statement of one day (a re-run is another run).';
        CREATE TABLE IF NOT EXISTS "payment_reconciliation_difference" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "day" DATE NOT NULL,
    "channel" VARCHAR(8) NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "order_public_id" VARCHAR(64) NOT NULL,
    "channel_ref" VARCHAR(64) NOT NULL,
    "refund_no" VARCHAR(64) NOT NULL,
    "local_paid_fen" BIGINT,
    "local_refunded_fen" BIGINT,
    "local_status" VARCHAR(20) NOT NULL,
    "channel_paid_fen" BIGINT,
    "channel_refunded_fen" BIGINT,
    "channel_status" VARCHAR(20) NOT NULL,
    "resolved_at" TIMESTAMPTZ,
    "resolved_by" VARCHAR(64),
    "resolution_note" VARCHAR(500),
    "created_at" TIMESTAMPTZ NOT NULL,
    "orphan_id" BIGINT REFERENCES "payment_orphan" ("id") ON DELETE RESTRICT,
    "run_id" BIGINT NOT NULL REFERENCES "payment_reconciliation_run" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_payment_rec_channel_3f057a" ON "payment_reconciliation_difference" ("channel", "day", "resolved_at");
CREATE INDEX IF NOT EXISTS "idx_payment_rec_order_p_a581e0" ON "payment_reconciliation_difference" ("order_public_id");
COMMENT ON COLUMN "payment_reconciliation_difference"."channel" IS 'NONTAX: nontax\nWECHAT: wechat';
COMMENT ON COLUMN "payment_reconciliation_difference"."kind" IS 'MISSING_LOCALLY: missing_locally\nMISSING_AT_CHANNEL: missing_at_channel\nAMOUNT_DIFFERS: amount_differs\nSTATUS_DIFFERS: status_differs';
COMMENT ON TABLE "payment_reconciliation_difference" IS 'One difference a run found, for an operator to look into and resolve with a note.';
ALTER TABLE "payment_reconciliation_run" ADD CONSTRAINT payment_reconciliation_run_channel_known CHECK (
    channel IN ('nontax', 'wechat'));
ALTER TABLE "payment_reconciliation_run" ADD CONSTRAINT payment_reconciliation_run_source_known CHECK (
    source IN ('file', 'download'));
ALTER TABLE "payment_reconciliation_run" ADD CONSTRAINT payment_reconciliation_run_sha256 CHECK (
    file_sha256 ~ '^[0-9a-f]{64}$');
ALTER TABLE "payment_reconciliation_run" ADD CONSTRAINT payment_reconciliation_run_counts CHECK (
    rows_read >= 0 AND missing_locally >= 0 AND missing_at_channel >= 0
    AND amount_differs >= 0 AND status_differs >= 0);
ALTER TABLE "payment_reconciliation_difference" ADD CONSTRAINT payment_reconciliation_difference_kind_known CHECK (
    kind IN ('missing_locally', 'missing_at_channel', 'amount_differs', 'status_differs'));
ALTER TABLE "payment_reconciliation_difference" ADD CONSTRAINT payment_reconciliation_difference_channel_known CHECK (
    channel IN ('nontax', 'wechat'));
ALTER TABLE "payment_reconciliation_difference" ADD CONSTRAINT payment_reconciliation_difference_amounts CHECK (
    COALESCE(local_paid_fen, 0) >= 0 AND COALESCE(local_refunded_fen, 0) >= 0
    AND COALESCE(channel_paid_fen, 0) >= 0 AND COALESCE(channel_refunded_fen, 0) >= 0);
-- A resolution is whole (when, who, and a note) or absent.
ALTER TABLE "payment_reconciliation_difference" ADD CONSTRAINT payment_reconciliation_difference_resolution CHECK (
    (resolved_at IS NULL AND resolved_by IS NULL AND resolution_note IS NULL)
    OR (resolved_at IS NOT NULL AND resolved_by IS NOT NULL AND resolution_note IS NOT NULL
        AND length(btrim(resolved_by)) > 0 AND length(btrim(resolution_note)) > 0));
CREATE FUNCTION payment_reconciliation_difference_rules() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- An operator's resolution is kept: written once, never changed, never deleted.
    IF TG_OP = 'DELETE' THEN
        IF OLD."resolved_at" IS NOT NULL THEN
            RAISE EXCEPTION 'a resolved reconciliation difference is kept'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD."resolved_at" IS NOT NULL THEN
        RAISE EXCEPTION 'a resolved reconciliation difference does not change'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER payment_reconciliation_difference_rules BEFORE UPDATE OR DELETE ON payment_reconciliation_difference
    FOR EACH ROW EXECUTE FUNCTION payment_reconciliation_difference_rules();"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "payment_reconciliation_difference";
        DROP FUNCTION IF EXISTS payment_reconciliation_difference_rules();
        DROP TABLE IF EXISTS "payment_reconciliation_run";"""


MODELS_STATE = (
    "eJztfWlz2zi29l9B6UvbVUre2LGdRJmaKsVWunXHtny9dGZuNMVAJCRhTAEaLlZr7u3//g"
    "LgIu4iKVKmGHzJQuKA1HNA4OznfzsLqiHdfHsJdX0C1ed7pFJD6/TA/3YIXCD2j5QRXdCB"
    "y+XmPr9gwYkuSFR3rGJsBk9My4CqxW5PoW4idklDpmrgpYUp4UQDqM4BtS0TawiYa9NCi1"
    "9M4E3VBc5cSAOUqKgHILuwRNACU0w0E2DLdEcASDSgziGZIfFWGlXZozGZ1fWQMSHUmrMH"
    "gCNrjsCc2iYCSx0SNvO4447n84Ejk9qGyn47+sNCBoG6grXjcef4LX9Pm+B/20ix6AyxaQ"
    "z2tt+/dxwCfjtA0vnnP9kF9kboD/YT2Tj+3+WzMsVID/MOC+zFdcVaL8W1L3g2JNZXMZbD"
    "M1FUqtsLshm/XFtzSnwCTCx+dYYIMqCF+BMsw+YcJLauuzz3mOr8is0Q5y0DNBqaQlvn64"
    "BTOy+wudZRlNvRo/IweFSUTmyNeBQBjrqXVEr4+mKvagoAZvwV3nw6PX3//sPpu/cXH8/P"
    "Pnw4//juIxsr3jd+68Ofzsts0HKmEpgNfx3ePvIXomwRO4ucX/hT0EALOlSCGRv0N8wLc+"
    "ByDo1k/DcUER6wHxflgYd4FhO8CxsubD6+fbBhAf9QdERm1pz99/1pBsK/9+8vf+vfH70/"
    "PQ7DfOveORW3OOAbgIPfRAGUI2QthPrk9GMOrNmoVLDFvTDabCdD+AVpCrTiaF8xqCy8QM"
    "mIR0gjiGsu7VvvH4eIv4GgNiL62t3pMuB/HN4MHh77N3f8cQvT/LcuAOw/DvidU3F1Hbl6"
    "dBHhlD8J+DZ8/A3w/4L/Gd0OBLzUtGaGeOJm3OP/dPg7QduiCqErBWqBTdm76qH2Jz9Rps"
    "+BXY1f4EfkChqaErtDT2na2PitxekiegUSOBM84+Dy13SFjqGGFktqIaKu0yWT+KBM4QRv"
    "hivPaJ1POOkDVceIWOxIDzzuzd/QWkgC/NyHxFwhQ8gIU2yYFpMU2Mpkf8+oBY7gEr99xt"
    "bbwNOPezHxpJ7HjAklTCJhVFzQYX/xudhP77I/lhY4PeMyi2FmSCH25F9IFZ8uR0yKH4ch"
    "fmy4llv+2JC08FT8dJHjUPwU3Wk3ZyK/FT4S3f0jL7zu8BZCe3GWA9qLs1Ro+a2otCG2NU"
    "XDTMUqtIjjlBLwXICbS/ZEpJgWtGwzjvjDgp0eqXt3Avn2jTwBdnefbgzqzlb+/vTDhb95"
    "8/9kbdcPN/3ra29/TgB4QrWEbeORqSVboPUIS63nhgGbJSAP/v4Yko29ZXt00//7cUg+vh"
    "7d/uoNDyzzy+vRlwj6KhPQrVLKS5hyP7rLPqWVA1FVPJCaqqvcIQNTDav3NukkaCnB25n6"
    "ydIdqBjuyBzKiUcD/kUnTHfQETS5tREh8MPTCLwhP457Qo9YUeOZqQKrOWVD2YrQMJ8O6u"
    "DpjnMyQTWp/iFjsqAvyAQ/CNv7+O9l39gPQAlg/zTZBJj9gdXnNMUkrxoi/i4gQHjjqxEb"
    "XlcTqUVoSNc5Aowsus1GSFtoIzr0jTYkzLAvtJhy71GUkgpLsfJdvTLhXtT7DeI6NJ3vY1"
    "JI54yQtUF0rFsTEpAxNcYoJy8mkFewmTWMB23aywTDpphgc16e4RF6yfGmcbwhakLfZkLw"
    "4AURq5OgJQTuZioJkI9TkD9wu46wXCKivaFEXwMTqbaBrTUQ9OZb8Btlbw7oErKFBjD7J3"
    "cQLKD5jDTwAnUbmV1A2GCD6wCmEOC5BPg2riTU9ZQdpH/phHhNJ0Tx3bStZpaWeYhDbhCG"
    "aCE/iDu+Lrv862nYZ3niLs7Swy7OYlEXbFenRhFwfQIp6m8X9Z2TRlnaEx2rBcOIkmhrwv"
    "z1FnT1QVuee64Y2GGq9i3tWiK2NGRBrMdh/q+H0W0yzBuK6AGMVQv8H9CxWZu5pvOXqU1U"
    "DiOY2Fi3MDHf8sf+tbN/jYYjlO2CinqbIqcqn4C7oBqjdVjzB2SaDkIJasfm9ha9w5orZm"
    "DkVsVjRBAw8Ywg7Q0mwCX97IZSTxlac2DRZ0RMMKXGAvBIpSlcYH0d1y52m0qqEAeqQpQ7"
    "nHc+lRvGippPZW5QQCQtWn1A7IXAecheCrrDwlJngL7J4Tady+Hj8H8Gtz2gYgv/B5ExYc"
    "rP1689wH7YdBrdc3Id3XnCyk7Sw8pOYmFlPLGEoISDO329B0iaDH9Z6ah6iA8qHESGsldj"
    "qBCWetssb+UP0ErOHxLn0R9LzGYrwfcwZQu5fiBczheWgF6YBlAuRSlIKd13h8Bltl2Zjh"
    "6a34wUpWyfKal65cC1dBZVg0NkLQoG33Pgj1BMCoMfpJLYF8E+ZrKLfghxRnylBsIz8je0"
    "jmnJEew30cDuRIfFhT+9ZeZd3byiAVe+6Sz86bN/sB+NLGdv7j9c9q8GnfgSrwDWBz5PX1"
    "WpfYhLPC+4wU87Gdt0I3PwEBUmU8UxmSZsLi7917/dIx1aOPG4dHG/d+Z65FMdrgQcA/7P"
    "Ok3yX9iPdV4qZo73bnWzTPGTwKAcKQIruAYWBUzwUecAuiE2PQAJoEtEsNZlFxk/qPvPJe"
    "Mym4fdZm8ANPSCVZQQ71PZtIl5x16cgIgOUsTikMnHzTkou9Jo/7pyeXrczXaDfd0xOJUY"
    "62/ulNHd4HZ41QOLpeLsKGMy6vtXKfSvPt0OR+Kau92Myd1vTP/sOXvOmPTv7pSrwe/DS3"
    "aJbT6Ks/k0w+Af3OAKfC8RsiazsjERPw5mJoI6Svh20pNwo3StAHvfSbiuz57XXSnBgmTq"
    "Nhhw9s2HF2Rg9rAkCYlSHUGS8g0EyCKwTxhdXR+Af2W/yH8Zja5DyH8ZRqF9uvkyYFu9YA"
    "MbhK0UE470Nqbv9+31OTXM23hAe16DGJ3LIfFqBvLGfc0/p5W2aWyo0Ez7OvGql7zeTXKK"
    "nHerm1mBODBoq3Hs2xyrc7A08AtU12+WVMfqGjBZhwubvk0LQFVFS7YCuiJvbTVHBBxBwI"
    "TQGTJ6wKArE0ADAbZrIO04biqr6yGJhrPNF+A8SHEfJK1nzdnAulnWszDXYpzIMKHFKFuh"
    "qNZtSZMRl7XbuLytrYQwHCGVWlBThOM8WpCUjaVs3CQ2HLxsfOU4LhJE4yvfpZEuGW/cHn"
    "m8xnOo6+AZU/MZUANo2FzqcP0WDC2TF5AG2ASmxVaOxgby4iefgQiw470wsMXvTjGBepLf"
    "uLqJZV5Xg3eiTCFXuojrF2xft/bha5+4NfsSm1b3olX6Aj8hGHZaoeUbImohzDXEkKC1ws"
    "/YQus4QNO6Pbj6bUJ6/9Khb6/eK1OR2ur5a0hND1cDT641bm6r5LExBGzVA9MZK3UvqXu1"
    "5dyvXrTS0UuSSyG7j4pPtD+b50m9S72K3ilpPWnyxTqntqSpUSXgdfjwi/cuuSOe+5ePw9"
    "95hLKgHpObwf2vAx7+jAx2CIzJ1eB68MgvOOZILWpaex1dzXk7hT2OFtlQImRtiOTchz2n"
    "ROhshKwNSO87ZhZrCttoJsgoAX8SreTBLjwonCuRQFoJBxokwdSQLOEGfJdQYiOkUottmh"
    "Yb5PMUqkjZgdlJ9JLjTea4tEmmb6rttUnaS60k18OUkutN4XrCx+6+fbAMtFAVS3A9TCl3"
    "9OYwubAlOpaEuWPJj0jJ6IPke7zgR/CzcQts7IhToJbHge2IuUByEy12BCmQ09FGkAi18H"
    "TttGvaESm/N1QLPzhMJjRBpy8Cz5BPccO2JTg7RCGkyGpaGmiKDF5ze8cldedP1FbElrY5"
    "d+t97IoVm2kTZdtGrEx7wiefIGVmwJ23qwdvtl/5ZG3FDC6XlN1a7L699zcztRgsHasCh9"
    "3B8mZqK1hTrO+6ZT2IOPqvbKK2grSEa/7BKNTQkLHrBu/MNeJTtQmvOgORQtUfE8KRotUh"
    "04OSQjUpxdCtOSrO8gbQBBA8/NZ/c3p+IXJG3oIfbvmMHyKbBFmAMhGnCyZrNpIBpGE+Bd"
    "TB0x3X3+NJKpXOLCOlDjRSSizFwhHSYarWxUrJGGlpma7EH1GuOJKsi/T67M3lZfQq9hUu"
    "Xh+ik9nfVWV/Bzo37pj+Xcz83zRm5M0BD6/DJiWBhyrdJ8jc0Ur46TK3U00eBobKfICfTs"
    "qV+QB7iN1lYotRNB87SNM6iGvo5w5Nc0XZ5lpUYYsRtjB5+PT8PAfebFQq4OJepJ07TbRQ"
    "prcY9wma0WGcP++gO4w3IGe+YRpU3fv4FGJdKKAWWiyTPD7ZGV4J5PvTcN7VK8ZUkeulU5"
    "VnPzNpFCdkz20pmxyhleaBJpsHNGxykIuWoQ+SyTL0sgy9NLJmF2D0RFtesXRWiv0pU8h1"
    "0PR1IAOED8iPfoV0/IKMdSextKN7r5tly3NDA7Xg4Eqted87yAtADdQ/NqhNtFht8e+hEs"
    "kGfcEaMhQDTZ2R0goorYCNZIUsNX7opQPZwYmtRD9XtmYepJMqecjIZydVusxG0yeSUB52"
    "JRtX+StoJO1c3g/6olSNSz8mD4Pbq+Htrz1gIpEUJa48iv9aorTN8PfBvVvchgswnOZrf3"
    "jNLzlWMz6qLwbAhpS+KWsFlOa/lA9EYyJniUxVn6qFSumBKKG5bH46giYqadwNk0rbbuP5"
    "rCmTdRFBN0TUPldUDf7uoFpdAOgoncR6O9aiJScyDGoUWtIhqvbhfPruXZ6ggnfv0oMK+D"
    "3pqPg5DdThaGFilWB5gEyKBE0WCaaYYN7Mp0yBsTCp5HOT+SxcBIVj/oNUMuK/qoh/312z"
    "Y7x/3rojTWNC3kj/4OprUpy/g3uCQ9BnyFZvoL8EZGC/dOlJl14NLj1n8xAIFUA5TFWXPf"
    "/1cD77mAPns4+pOPNbEdMw0uwlUp5RIaNSmKp1y/nkIo8CzkZlODViCrjYT4rXOY+QtcJZ"
    "nSWZ11Hj3DZmiSJbZkjshkgGxBYIiDXtyb+QmgB2+m4SIGmfMa96oyl3cuoMDV4dPDn1ON"
    "tNmkQvO+NIU+lPbioNNSfPr1uFyEp9Rk3bvppgY9m00tvRyLLp23dYXMhrZAktv5CVhb0B"
    "uH26vs4ys4QKmvPwILxrabxgUPWB7W2pAeqxgrrKwimHuyNWba2sW6fxLoRZgg0vimm6KS"
    "/EyVy2vM7jHAFM3rA5gaDuAaiv4NoEKwNbFiJdsJoz/rH1D9jTkFPKjljxOni7TJSYQrDZ"
    "Lx3TZDRxQJoSpSmxsaz4iU2Jr6iYVm9LtLClF8LYJ2ghvNXr/ROqJRhp0y2H3vhWgLtvk6"
    "G0AaSv8/baAPgvK8HyAJkMo5FhNM3/gvco/DbAwPbzwt8oC1vT2LC7ic0PZIrtMRXgKsPD"
    "Xic8bDSdYhVD3a30+pXqOl0JO0vM2JQ2tJsjhIxCZRocv9X49G0u7D0AEkDd575xS8wCuk"
    "QEa8CZ0ARsHHBvdXmzhW+I6WDWLybwOxGxWWLJntU/YUxssrng9GoDPHsDmBBrbwH7GJDG"
    "ezzw6ZwnsCkmOlu5QKxecMTfxXn0Aq7dx4/JBE3Z5wQwm875OoHJvi2TER1/FpMRtELsMe"
    "KRYIWJGbCoiXc3DPwCdSD6m8huEk0/x7oZNjRneRTvXh+la50lrXoLhPP5ua03C4TShOj2"
    "GE3zOlpRhcE0rhESJxU43q6xeHRSaC6ts8ju3ukMOUwzUIKdwHda5izrVqf0GegcmiBwhv"
    "uKbpUxl+HhW0XMvitNMSGMLq031GZy35Q34GKrckaN9WcmhBG2ZNk/AX+EipjINSOOKBb3"
    "cu4+3RZfpzeRdHc2afdMF9V8fhUQ04I0rfBk1O3uZJ8aO3bYx1ZQSAvRyZDnAlKaFBJ+Fi"
    "FBmrOlObupbKjQnP1Kou+mEXyS6BtqE79d9N30p88p+xLghOOxBaI7kZvAmkMLGEhF+AXx"
    "lrW+OMtnB14QqOhSK0yR/KpoU5ogC1c6/ZiMSd/5N5sAqnNGTwkKTd8FJmV0YIJ0SmYmGw"
    "3Y4xZsExRDnYf1GPkMmxbi78lHT6kxJpCByA3Brm11Qfn7MZEceM/EJhPY3dtQB1zgY88W"
    "llUTERM5cv5yzh9EhUF5eDUmxF5M2KxH7DGcuSa/HgWly+3G7AX1NaC24fzmGfsIV3ANnt"
    "Ga6Q5ElDrkPwdbx+6PHBMeIek3F2YPYP8/gsD5NoGz+x5/dm88oyXDwNFGdDozxSMhMVfs"
    "94CjBTSfkXbcdQzY0P3F/KeFXsZAS2pY3OT8AnWs8Xk1gy6XSJPm5KafI1k6igzJ3IOOwv"
    "PP2E6zSMZ4e83WIH2TlcLOcPTQA5iabLu+vbofDa96fFsxKGZbC8PmZnT7jx5gP3lByTp6"
    "ZuRhTfXFV/0+8bmDOD2C1q3785M8C5+NSoVX3JOBhe1WFvMFFjpSVinGx4hbyPsD4XWuKE"
    "NpGZCWgSax4eAtAw9eDNGvBkzpzR0e0c1hIfADk5SZT7PVSjAi6A3fYTdxTm9cPR2IWTZq"
    "PFMUX5CnFC8wwW+WBmVjFl0+AHhFGOKWguofwa0FToAWU33R0oneYmetDpzYLq7+zqFQ6f"
    "t3Q65Z84OYKcs8lorptTrSZmy+BeYld7l23QPc5sCUY1VlqjT/arj662jEm4AuVcfInZ1d"
    "8SPElnRpL53IrK6Yx9HnbdOxYfh699n7k3cnrloujAjsAbxMCLecsG8fGo5JgsEFAu8RfI"
    "kJtebOT+Qzq6g3Jj8mUOfjfvAXntMV90CuwYK7HDeTmMHX9ye05pC4vwIcETSDFn5BPffK"
    "mPjj+GSO9UC8Mr8K2OEhDDA/DLRgHyDj9A/HxrGaY92JYzOpbTg4svUJJmjONos8PlC/mg"
    "eOt4uSJoZGmhiCLCuiaIXJmqz3NiZizf/e4kCnN9kJ0rSmj8jpydmHs4/vL878pe5fyVrh"
    "cW+nu4MWADRAIeGUzuO22wOk87iRJ7JUEdusIvaXS8pee5FS2jl4O1M5hJGBsr7zTyeeSw"
    "/gHjyAXlhn4SMwQigPwdK5DXOo64XhDxBJ6EtDr1MV6goXzZOF/mTsw1RZAv8BMiIDUy6w"
    "H37LVyZF4BfvXXIHEPQvH4e/D3rAoR6Ty/7t5eBatG9V+W/TRQfXy98Gl38bXCnDW3Z5jt"
    "RnxBMbx+R2pDz8NvrGMKeKOeeZs5ejm7vrgdNDli6WXHprSNdX2cS7fohl7EHLbA15Yg/8"
    "faIM3yO0srxRc4xKSVEmC46ixmSEteLUSCgVbpI2i+T+QXB/Tm2jAvbHp5H8bzL/pU35VX"
    "U6U6fFS8sFiCT0VZnzOagVGPMf3GkOjAV5TfmBpRcy5N+zjeh+ePnYSdhcpItkFxfJBtnX"
    "8ZFcQqZbatC4gutOgo8keLub5SNR3YFcQMzlJOn0ARvKi4qJyKoVQs/6GiyhZSGD9ICqUx"
    "Np4GhOdczGHXedcK8FfEZv7CVYUeOZZ6fxKY7G9kf13fuxfTY9OTkWGXRR60WtDxsTPsDk"
    "SWbe5HwkRzIjWosbTcVrQlmqokFHSDfDCeQu7bymWXf4T22TFV+GAk3F/Sri+GX3JUuib1"
    "FDpSo6kxGa5DFIN5B64/do5i5o4G5MpKD0hjVFfPdOyx0Fzd/caQ6MBXnFzMDSa1IczqVX"
    "rilRwNyUcsqSLgOjckiWjGu2qHyANcQEOY5LF6ywNRdh9RZWn5EFeCU0/AdgIFluvdeIyF"
    "hylkxxT2U/rsPQ2lxxJpAyYHP2oSwZUPCvwGnrjW+hL7L6ACDxdxFRBiYWM20DuNULM+4+"
    "UwDeDUULAT7J40hP96PHOrk7b6uYyOD1hZQFJraV1AwyW9/JmGaP7ZhrzpOoQuuRorkUzZ"
    "vAgj2I5gEnhrsruOLwzo15H5z5gjJ4S+CPeeF2Rapdfp+4k9JLJK0Ap0d3qjbhVad6LHa+"
    "BNXY2xHT1WJv65UZKVIR3a8i2uo8FKmG1qiGct/Xfygp2BN4Q7NHt0XfxPD/Pcwhmc0hPl"
    "QfhsFETWgi7pc3FThHMGHXztZJk2fYnwL1od59vApt1IOIh0eWhdej3R+wH5sPrM676Ja0"
    "pURp9wfsxQEYUJwofkW1LTqdloU4dZI9GqtODwBsvsc72VrKEhlKWuBcNtipk+wP7PfNh9"
    "rNauMF3MqbYVMn2eO6Pj8crHW8wAnRtfkw9onlMk6AdsV+B/uLy15lAY5MsT+YPx3Azmza"
    "5hIRE3OjbAmME8j3uIwPAF9uMLTsJFPFV53CNMktQBSBc8qpcgDasHi/rKjJ0dOX6wG4ux"
    "9cDh+Go1v+lE0SkbjJL22aTd0P+tex2gFkVgLmIJXEOQfOM0SnvHWiskCWkSRWpG4UCZQt"
    "imPdqfJdzLeYxxXm5Rvs5q6IpDccmKkul3enKl9h252EovU3mQkzzI5QjZypfvNmaiNc0h"
    "VdCjZHFt8Rq29ikjZBVKd7NfQ1JrhZo19rurs1tkVsD0X+Nnf7hHFX7S8m0Civlg4NBPhk"
    "gBIA/YSxIz4GcF/H8efAZR5wzBuTQWDQFcDiwaFA5RqeMSZOShzv7pYjC25TQV5Aw3uoBT"
    "PhsAW8DLntAdJeoo+Mhz4IN3TZvK4d07matrNVqDHzj9Z0bY5FYY3SSmwjTg++q5UFN0Ys"
    "0ZUxuTImt3ksOPB0uagqlNTaKK4tpYutEVUtZxLdtzlW524KHBP3ztAJHNvnp/BkbH9QP0"
    "z4v08nx4BPLhoVu09hwh5aOAQf2aBPHz988psVe0N4KNoxbzwsOglxLsSz7/b/+Eyp1MdQ"
    "pO9J0bQpe2CWaBriWYwP6dFmUToZ1pcjzEzW7n71YmNS/JLiVxNYUJn4lbS/VABrC23MUW"
    "gjm2qjpFueSZUk0roZVhlyrDei0myX76GlxdaOYZm8tKkU8hqz02YJebIxyx4SYqRkIbuC"
    "NIcRWTE+iV1B3B09Eb/0mtchwhZ2N8iA8eDKXCOilWFxgEwyuNEMVuESqtgq7GcM0rXpFK"
    "rCXTOh9BkVzgbcULWmb2+FGYBl+qlESOVO1PCdSBo6m2Vtk6ahzv5MQxvYA11xd4xnjDTi"
    "bQnwtQY1hurspFjTgnV4sq1qfvWfnK7hSPl8ShxXqhvU1XX+t0QGppr7H/ZDGIEOVWQm+H"
    "p3n0+WsWnw3t3NsN/J+MHKMxq53aJkiFuUVmL7Z9TOUBLZMKXENRo9INX76jGViopUVJrH"
    "ijb4sP2s/06S7L25my15h8dtFbu/UCoScBw6DWk8htFpSwDglInOwEBL0ZIZEPqGl34wP/"
    "v3NXb4MKl5DXQ8tQC24lJ49dNLobzB+1SWUC6d6ntwqje5NWtbl7wMaWgA9NIj/xO4SaRH"
    "vuUM5oJeKXdniFB2jz8AHk8SNNZ0OTBEVEoObBhH6xAEC9Q8qlORfRQ97DoJSqx7p5ulwF"
    "qbMTWFZLvCVjickS0TpMfis78HpbMwgVsAkdiLCXvAP6XSKZXOxrJCRnK3a71Le3yDWCCD"
    "6XcMpneP0Bh46TWIfYI2Ldudyl2Gq+NyUaaIcO0RtDAp/WOOw+5j6ln3sTH21aapL6+y1S"
    "4NTI1Ej/4XSnUESQr6AbII+BNGV9ca96/sd4f9Mhpdh2wBX4YRYG+fbr4MvEa0m9LEiUZV"
    "y06Iw+RbyYDtwjG/ctSy6lLvsb3SCmKLA1cM9863/vBxePtrD7j0Y3LZv74eXPUAO6Z1pL"
    "H/j27urgeP4hJdLLnTmF/t314OvIG8bYkYezN8eOCXFtg0xajrkfi/U/8w6iTNs42dXOTY"
    "x06iZp1Aa+GL6E4W1l9jLN4SKRclbtGeVklrFsF4BphNCrewiNLKjJigvmOIYIESFuIwZQ"
    "v9AB32A7UR0dcdv0TwIdiM3U0g02QsKnaVYXqIsIU8PxAe58yB4odnmS87SCh9P03m8RQT"
    "bM5LcTlCKvncND43yvt0yaUn4fhJcUJ5A7rbfVGOKOaO3RpQ+ThHQIemBRzhGMzwCyI8z0"
    "gENXaBZ3gFkGi87HnPHegUV5/B5ZupgZB7F+vreExlLU8o6DGThYwaZCDJ6Oct3QOvbbOS"
    "7oEd3QN8q0s1U6Qu4AhVa5TofTXFqvOIdlvNJJzNmyY06YfyajNm62Hcd48+pAH3EHcKNv"
    "OMBLpAYNNoKH7MFqTNrPQcjBKRp2YztmgZNPKqQSPlDM/tdP1WnJmZ4LH5r4fR7VZJL8lX"
    "o2HVAv8HdGzWhm/nL1ObqBw6MLGxbmFivuXP+2tBJ04V8gfHKaRke0v46Kb/9+jqvrwefY"
    "lqz3yCLwXcaKlJCft3nfE+P3VBXqtTXsafNSUZWdYoz5OE3NAWMf3lkkkw0ErJQA7ezhTQ"
    "2R2DvjD1FUYotovrBARoeMeV89NPiPddmV4c8waAEDiRNGBKjUh/lgQBftfZtqcaf3cje/"
    "ho054ssOW6GNm474FdXGPTeOW/pcAvBf5GsqJmgf/wgomKg915ePpyM3wUUUL+fjAm/cvL"
    "wZ24CFUVLZ3IodH9/eDycTi6Ve4H//00eHBDiwwDCVlYMRB7U1OMfXi6u7se3Axu3YnZro"
    "Z4YTsx993d/eh3MbfYd/m1+8HXJxFwZKCpLSKQuMvn6r7/7bYn2rJq7DwifNzD0/Uje37/"
    "6h98sMl+o8LDCNbJ8U7RLTbPQjrN0xXoNL0r0Gm8KxATJ9hbTot8rEGaStLHGvSp1tB3ia"
    "Nl8vXnfoo5ja4xOml2jarpTNRYMIignlQk+RH9kYJshKzJe2AlDu/B3x+z1XDf3309uv3V"
    "Gx7VzcPQM0EVv6CkSkn5jqAg/T4jWn17d6GA1uHt1egb3+059ZgMbh56AC1ijb5fQV2Hms"
    "aOGrPEVxCnbEMq8L6/Aw/FBTQTS7Wnn6JxyjbgH4m0Ps2z3Nmo9Fjr09iSD+mGMcC3FCiJ"
    "0MowxsaFPoVOGUfVL8jkDZUMbGs0d5GKtVKfcZhScrnJXGZatMG/yKkOZ7NS3E6eQXK9yV"
    "zXsLmEllouPDlGLHndZF5vlKq8su+Gon0yb/XGXnuplczTClO2UNg90DythM/KffuAF8tC"
    "i8KO+ACRdMSXDjNucuHXlsKfEQex8QrvGAlx5090YGzIGwsRWoChaIh7thvdDy8fO7Etpg"
    "JcHxxf/9CdraXgBrbWFGjTI00C8R8MGANDffeGXF4sxo07Y4ugDzt5EGJHpMUW2I6YfUXo"
    "VszTVqR4UwC3XEd5lO6cSe4MymUZs61YcXlXxyTBIVsErEd3lgGxWtXpo1hnvJCv2424SM"
    "d1RNAjZX9sR/fSny33d9swzTDXUkQvULdhVaANQrO1BK7ywZf+6ZgdhBk8RHMEYy6Cwyut"
    "rCuTmpqikXRBeoyjx38GsJZwhKQbvmKErQg+qT3akdpGUuxUzmhHn7rJYHee7q5H/asesJ"
    "c6hdqYDK6Hl4Pby0EPMBFD5UFgPMbw6WHAgwtt0/mdrxt84r6XA2iBryBKJ43A278BDzMn"
    "aa9EvE/qBG1Af99hPxEwi0f/pE7QBm7UHVLL49fLHwce8R7DDrnYyAMWOgXPBB6NPrziYe"
    "PeDGPyOFLccHfGd6q4KpeIax/cPwyu3Kh2ZJjIe2LhqK1cQVsZMVtRhhnUJgmfR3Z6sk/U"
    "msBnWbRROgO7pYo2BnLvCrul4rTSN1XaNTjFOirMgQBRi2r7vq5XMJIPu6MLK5KPe2CfQl"
    "4XVnwnSE6Zji74KnyEFqPQvrqTHdZ6zwtv4DMv7CGsMxf9kkF/CU3USbCB+ve6uQyfIilN"
    "9cbnKBnFx/L0cGuOAGKqjqaJElAG+x+ZYYLA0Q+4xG+9B7x1arU5934c98BqDi1BzPP8fz"
    "EBXZGoSFvPU8bEGw3MtWmhBVhRW9fAnOpaFzyjpQXmiD1gNUeEk7J/YhMQSpDsrN30Y6Wb"
    "Ydp9lYTYhjGiZvU9fAwVBTuZunWwV29BFAEsRR0WIaIm288bs7oPo0DV3gCuvmQBekH8ST"
    "GA08uybSj2X5DtdYzetZRek6an9DXfLtNTTO9+NcUlHACUrMDEgoTyKTKBSKV8leiZbB+o"
    "KQOcoERR+ypWHOsMvXs3ti8mpyfsz3enH8b2+dkZHNsfPqBzpm8gXvrAmvPyt7xDEf+bGm"
    "BlUDLrxtSb/T2a6TwWe5SK3oI+MBFb45r3KKbbuPVvwGQtVCXn02OaUGrNe6nwHILCwyW8"
    "QqepTyAP0x0OU78iVYnjNErbwgP1QA7QXPmRkJgrXvq8BKcjpDIPttF8bqCT7ic54HYSWH"
    "M6lbwY7P24lF6VcVU7lKpTCa7QEhoWr9eYpAwE7uZTA7QwgQzlbuXukCX+FjWIVmsLbbXB"
    "WfxdAFpvfAutoNWYmQucclv1uyJpbu1M8C2W5FbwnAqkYSWcU+EkrRznVDhHbLu5amyff/"
    "qgsT81hMb2x4l61hM2JN7YMHBodwGc8l5M2OIGHreqVrz4+86zydPxQE9HJuQaCZtHduCu"
    "T9SmOMMqYnctOCtkafPGS0PbLl4ruvDk+/wynk+yxySBzl4kkfN373KIImxUqiwi7knP4M"
    "/pGQyXX9d1RmAvlXJ1WpPopYWzyRZOh2Psc2U8K8vvILXkdvO5zblFaFq+3bYv26NsX1pj"
    "LQdp8BOZpDRX2P5xTcq3VWg05NWbqKTLRrpspMumXpfNpu5agiUsVJQthyFsUw0unyGsDx"
    "iFF8R0NLY/TN+f8eio92hsf3p34sZF8aipi4tjEdck0kbclA9smjbSnJaGoUCrz2AJ11xH"
    "NMECPiMTYCvWDWafzx4TamjIAFODMkpLGt2avvt1M4xuzopR0pp6ZzhQooTSSbVVAmDfEt"
    "tSinoBw1QtdFhVD7SBZvzMKYp0hKyFUFdfbsOiljgqkwoKZuziIbI22e73XCOAW7O0xAo1"
    "3D6SjH2QJssqcoBMyMCTmzkSstRkOPLevSSOtFnCqBcibKH9vk0GvSXEZVgcIJMG2ybzt4"
    "nWrJ9GApC1aop8b/XYqfaWmRitkp9g2UoopJ/DvuXW8FeWQbI8dVZEsROe5wwsXswEGgZ+"
    "4cl6aMrvQAIQNHSMDBG4RafcaCTKpvScWiY2sbAubFAzuARTrLNfkGDQqusxCbaq79HPxu"
    "+F/k9pxmrKptfNMGOV6Hn/Ou3u6+dEZR3vxadXRDvyCaR2tFOypor4PlcqVzNE2kINqcUR"
    "TlKglgJ10xnSDoE6mGKSIExHMlByCNJeb7s8wrPpzA44jVNC4+NkbH/6+OHTMYBmzDO7tC"
    "fs3JwLz+tnXhaDbThzpzDGjzVeQTJjIq8FdTpjFET9kSRI7+OR0gHc4N0tS3KWOYm1VWeT"
    "OYkBv2OedjBsVIbnMdYS5hknFfpPx9cb30J8q3eh84JMmL9UgoMsvfFLmKoVQGepGHW0e8"
    "no2pqueoeIpPq9g/qtoxmT6HS8wJaiwXXhhMQk+jYpY1XkJjKxeYFNpO0Ac8oUEulIjD9K"
    "6mScvo944+UWssMW8oJNnFQ0NntFb6jkIg7jSQnve8zr5zBZpyCqUVqJbSwphbJpk7OWv1"
    "CqI0hSbY5BygiwE0Z6gMhmqdej0XVoq/gyjEpzTzdfBkyLEfsGG4StkA4eXdAF8d4QSajz"
    "Q40WJjc8Yl6JtiDgUVIJe37Y3ayRgogHqCTY+cFmP9UunlYQppIJnHmyCv5tY14gVUcvSC"
    "8qicSp9yeLnDZfEJlSY6GY6hwtYCGFJUwm9ZZd9BZkmIleznSdZUOxv8V8Uu9irix+BqoW"
    "kx2KStU+0R5PQM/pcrAnoL3UStYEClPKiJmmRMwkxKC7bx/IffIL6hYOmImRtsku8LrxMu"
    "EyxzuGy4SLLB8YO/JGy8QWY+GOnonRSjsWYm1npFKthVgDjWeT4opCbWnz1J/whm4NKxoR"
    "BOylTqEm+vTwYqkmJT0R2jNZW8gEkMf3iBcQTXdEOVUGjsWj648ma6DhGTKtLkBENdZLxu"
    "bjz50I0PU8ZUysOW/4Q1e8kOtqTt1HsCnYvIsuj1DiLVNzRhl97zhvJV5ePM0J4ZeRR42L"
    "PBJxZmri0Z1RDCFI1LoYpOptFu43UADhDUUrwjdqb8GJ/1Mo68Qd3iZ5szKNeYE0DB1MCi"
    "zYMFULF20NwV2yhm7L9OU8GSaOZFRYVw6RtWnfel09eSOn7qgj3/kTHRgb8urHoQVYNJEk"
    "YCQ0k2KhSqrEN27A5eF5yV5FM35khwEPXxgQy1h3EpTj8IBuLv3Ycmly6cjp+OyUDx4bCa"
    "XC+ZobbjdD4WQbqWUnbAHpouWGooVi5WkeXeg0XRc6jelCJXqOtlWMPBCxMcHNEpcbsyz6"
    "GXaEEFULv58aEsYKlr7fqeB9KXAPuXHMa9QIaZjsV3mIg6xZ0EjdUtYsaFvNgsE9r+2ytD"
    "oJupN/r5ulNrnBtYoRGLzVsfg4R2CKTRXqAL1xKXkJgY/a6enYvjh/Px3bH87fn4/t88n5"
    "O/bvTxcf2fX3F+jY9RFCrAFRL/4tuIEaAj80G/0AmAivIXs6MXnIEyWixlfM5bjn54+JU+"
    "We33PxYo8nUP/MpvoXnQBoPrt3dWjx2ENRMx+zd+IXTcYXwGZc8caUUz6YezFXWEXHYwKJ"
    "5jWthGDKuMtLK9j8ojOFCbjb1EA8pg7qb8HIbXrpvHxe7+dGYyHoD0uBloUWS/631EoPUC"
    "sdEHsR26RfXUPlBaQLyoGdq6dBDzC6MRk+PDwNrnpuz4kxuR/8Prh/6F8rYoi3/hUx1rnH"
    "RzvXkRbdIfJIkycXeWoPRDWsQOmBi3hy/B6LZjRNhqy7k3fxVhS79aD4yfBV50h9LpwtEq"
    "aSOG/H2TYSUkTSAXaHtw/ZWnT5xpSQbxj0bTI7ekd+qUKYIVLJ5ybz2dVREkTgdNtRgGR/"
    "VqN39eohlVnloppfwY8ngVw6aBr9BenQtBRkGLSQ2Bymap0P4TSX3HGaIXecxuUOmWiWjv"
    "5hBs7lSTQTJrjCDo4glezWu4tjo4jJPcK1OMsK9um9c8zAI2+yg+JZXt9HcKnmST7brZ+J"
    "g+hAdAtIamYSvN/N49LwGw/ky5QyLbQU3gHiGNd/MYEXStbjDUeMNXDMqkCdQzJjs0Ciid"
    "QkaohcJLDgngS39W0sRara6fMY/f2VLs38jTXz827JSvEItAhZ+8xDp/mktAwhLd6RtATO"
    "IaIWBitVD7NJbSMpmCYjmtKnaCHANThCZDRYjRZkGavaSlNIU1S1196bmhCFlqKAFU9w2l"
    "EFa8bnVV4Je+3+k0H40/U1nz3b9bWNvpKn2yS28H8QYVqUIBPRUrzh4xQhwI483tjmaGx/"
    "mL4/G9sXk/dobH96dwLZlQ/onPe6ubg4TuwuWdG0xUpSBNJn2ahguJbflF0qcM1U4GS5ij"
    "3IvMEgXANNi0CdQCrVjHxqBtvslBJhV1FCub63gu22YlOKtoaK0rVOxzvJpeOdZOh4J3Ed"
    "j8kbqHhh5DCV3ENyVUae8W23KNIRshZCfZIH6pN0qE9iUPMmjoVauvgEsjbyDrWRLWrxin"
    "woIZ8qSwQPkUnLQkFhPJCC7GlHMfS5zS4Z+yBNltXuAJmQgSe3wiU3YyhzEIbopPNpu1eE"
    "YaYUjPwOkLQP4XoyuQ8vZco1/BQUpjuX9wP2PV/1gEs/Jnf9fwxvf+3x9ETGBf7/4VVPpD"
    "nyf98/DvvX1/9Q7gdfn26vBuKOYWGo62vFSTd0Uq68u5tr7CAUiVaqTk3+//7N6On2UbkZ"
    "Ptz0Hy9/6wG4oDbbDBbYXEBLnTtPVvpfHwf3iiB23kIRKY6KmCZqdnudT5JHWZCkfh35lk"
    "uAvMGfZ+d2dPvY/zsjpcSCf4zJtwHD47EHVkhNSKzNw4k8HXvT+/XGuvU6C1YxcWIJhmzX"
    "W5RWBvQ32QcntoHConKQqjUx/XsWk73tvDj6UUrJgXIccI7AwrEFATK5tzV5b3PEozKFc4"
    "OEkseN5rGsjtyyJI881ZFlak/buJ4ntUfWxG5SxJisiZ03WCy9JnaxflEidWbHstjRhJ2W"
    "QJ6gWe0I1L2YpE0QFYo7DKLp16BLRtNL0tuOabD43UGKzMmglonPXM4h6WQFaIoB3XwRmv"
    "7YrSGaN5SgNYDANZQCAy2pYYn+XZCXz7NMQKgbZUkN1+TME+SobZg9niZnk2d2PLvpcsAJ"
    "KOpGTZZ1PWdMoDfWuQJWCBCepwdMBsVb0Fc5lY60GX8WFeX/vHc4whZYUVvn/c70NZvHMt"
    "bHXfCMlhaYIwONCY8r5ZmA0ylW2ZSMni1+SlSso7fglrpN1KAOeOBhz6s8yB9uwbXpFSp0"
    "n/eLKagNzUyLPf0eyLLhAVrTQEnLaO16GWjayEBTmVi1h4jHaVbZ4uyYx2lm1eI2QH5yms"
    "f3w0ZlxC3F/D/PmBSC2hvfRnwrL0hJbUthj9MQ03OLgBylayHY1Zfp56A5EkMJtEOEDXYo"
    "NwZtV/Qpmg4QIZMLOwfUbohHYedhmE6aw3bw38JE+1dWCLVH0cIVXksJL2F7eClZVjJEKi"
    "39TbH0p/l3ClSSCrZMnk6Z6k7UXdsF3ruKPhbjrvxpD++Mr8b+V9CulQpfgokrC+pcLTEC"
    "1IoWJs9VU2pDAyAwbAKm1O/twM0/S85tKuw/OqXPgGFIRd0ntsCp/oLACltzRsqLeCSXla"
    "r0CWPSF2e2MDCxc/uzW5IKbSxOdLGgBKy4sYkb0X64YJlvffvVj7gBK3dKdCCqUoOi4aP7"
    "mpvcaCcffpNBKxOjm2mvcvmXOy3DGf5TZ2S8ckjynsBrfkxyuk1qOxMOwT7VuRk+PAxvf1"
    "WuR5c8L6AHFtg0eSi1TlWeFDAm3oj+o8JAur0dXG8GQUtxl5qfD3A1/Pp1cP/gpwM4p5I5"
    "Jkw6e3x62Nx3zhPvfhleV58JED1RCuhZCaRNZnxjTAqHZr3ZU7p79UCXMkjuboz8uUAWu6"
    "ZSLr8hTtuijqJ7tpM5WJbPdkiml/zYjR/Fq65G6Vq3BdWWzVhyE0qilsu+7LIPSCklN6K0"
    "GSRPduVJ8c0oTim3o63bUdBqF8N6mzclRCpzopqTJhHPjvGZNUkw9mUpGCEyGe+QR5FjkN"
    "nCEVG0AngCafsQr6WiiEz5S0e/XS7hsD2QR7mXqBYeIJOSWulgF7s49BsaGWVUVdIdwzTO"
    "hMIZd2EP/L3d5uS7zSpMybyLbzIVIBxL4zmsTSYvuKHdtXBm4/4CUvgS3xqJ4n4HhUNQ3G"
    "8yX+xJmFZkPJFgyhBXaBF/indLg2twxLOe3vA4EmwCyMTFOTJ4WElCsfyanlEiTESGgMgQ"
    "kKafHjIE5KBCQGS2XZ3oTrGOFHMOT88vikAcIWshzjXYjejKVLiuHgc6XZ0K0rRJozo9Of"
    "tw9vH9xZl/DPpXsk6/uJLqNWUqVHI9RLT/suudv0xtogo5bWJj3cLEfMuf99e6nAwZiNZS"
    "jN0PWynElTCVZEvlbInEFhbYhxIoW1OAsrKtKB6VWQLhMLEEOQpyOKy1AMBxQgluFNx4TH"
    "BOcOOEEtxY4IN0Yf0kLqyDzWps2rp4pbRGUQQu0XTslYfLYy/2x+boobqphXXE+0GwfxyL"
    "nEGup3SBUxRrshZ5f+FSWLwCVqTmVVIz1crnz2Mb9rvIugFb0jjcTOOwbJy6h5pWTUn/aB"
    "DIsj5KS7YWWR9ln/VRDrC5loHYYLNEe637wX8/MQnc6YTlzjEmD0+Xl4OB6I9l2qqKkGiQ"
    "9bU/vOaXphDr7pNevRmoV/ShyBcRpGnhN1FHz2a2dxfXqgNkMrS9yaHt0nCS/mm1y3Ai23"
    "20mesJH3usjL/nmS0mvweppPReVdyxb7+pKi7Wne7AeJE/LnazCBsVFttHBlbnnQSDpnun"
    "m2XQhJsx2wyZ6ZBuNxcWsg3+LIbBHX1P6Sa/F2SYuJiiHiBpoVZyen6eR1M/P0/X1Pm9iD"
    "mKfVQFEHaHtxDdk1x2kJMMO8hJQkogJZbb0ChvhFGAZP/hRa+j7VUWSFTAqVn9Yfbn/wcr"
    "eBqM"
)
