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
    "eJztXVtz2ziW/isovbRdpWRj5+5MTZViK2nt2JbXljs9E00xEAlJGFOAhherNbv93xcASf"
    "FOkRQpUQxeumMSB6S+AwLnfv63s6Aa0s2Xl1DXJ1B9ukcqNbTOBfjfDoELxP6RMqILOnC5"
    "9O/zCxac6IJEdccqhj94YloGVC12ewp1E7FLGjJVAy8tTAkn6kN1DqhtmVhDwFybFlr8Yg"
    "Jvqi5w5kIaoERFFwCyC0sELTDFRDMBtkx3BIBEA+ockhkSb6VRlT0ak1ldDxkTQq05ewA4"
    "seYIzKltIrDUIWEzjzvueD4fODGpbajst6M/LGQQqCtYOx13Tl/y97QJ/reNFIvOEJvGYG"
    "/7/XvHIeC3AySdf/6TXWBvhP5gP5GN438un5QpRnqYd1hgL64r1noprn3GswGxvoixHJ6J"
    "olLdXhB//HJtzSnZEGBi8aszRJABLcSfYBk25yCxdd3lucdU51f4Q5y3DNBoaAptna8DTu"
    "28gH+toyi3w5Hy0B8pSie2RjyKAEfdSyolfH2xVzUFADP+Ci8+np+/fv3+/NXrdx/evnn/"
    "/u2HVx/YWPG+8Vvv/3RexkfLmUpgNvg6uB3xF6JsETuLnF/4U9BACzpUghk++j7zwhy4nE"
    "MjGX+fIsID9uOiPPAQz2KCd8Hngv/x7YMNC/iHoiMys+bsz9fnGQj/1ru//LV3f/L6/DQM"
    "861751zc4oD7AAe/iQIoR8haCPXZ+YccWLNRqWCLe2G02U6G8DPSFGjF0b5iUFl4gZIRj5"
    "BGENdc2pfeP44RfwNBbUj0tbvTZcA/Gtz0H0a9mzv+uIVp/lsXAPZGfX7nXFxdR66evItw"
    "ajMJ+DYY/Qr4n+Afw9u+gJea1swQT/THjf7R4e8EbYsqhK4UqAU2Ze+qh9qf/ESZPgV2NX"
    "6BH5EraGhK7A49p2lj47cW54voFUjgTPCMg8tf0xU6BhpaLKmFiLpOl0zigzKFE+wPV57Q"
    "Op9w0gOqjhGx2JEeeNyLv6G1kAT4uQ+JuUKGkBGm2DAtJimwlcn+P6MWOIFL/PIJWy8DTz"
    "+9iIkn9TxmTChhEgmj4oIO+x+fi/30LvvP0gLnb7jMYpgZUog9+RdSxafLEZPix3GIHz7X"
    "cssfPkkLT8WP73Icih+jO61/JvJb4SPR3T/ywusObyG0797kgPbdm1Ro+a2otCG2NUXDTM"
    "UqtIjjlBLwXICbS/ZEpJgWtGwzjvjDgp0eqXt3Avn2jTwBdnefbgzqzlb++vz9u83mzf/I"
    "2q4fbnrX197+nADwhGoJ28aIqSVboPUIS63nhgGbJSD3fx+FZGNv2Z7c9H4/DcnH18Pbr9"
    "7wwDK/vB5+jqCvMgHdKqW8hCn3o7vsU1o5ElXFA6mpusodMjDVsHpvk06ClhK8namfLN2B"
    "iuGOzKGceDTgX3TCdAcdQZNbGxECPzyNwBvy4/RC6BErajwxVWA1p2woWxEa5tNBHTzecU"
    "4mqCbVP2RMFvQZmeAHYXsf/73sG/sBKAHsnyabALP/YPUpTTHJq4aI/xcQILzx1YgNh9VE"
    "ahEa0nWOACOLbrMR0hbaiI59ow0JM+wLLabcexSlpMJSrHxVr0y4F/XeR1yHpvN9TArpnB"
    "GyNoiOdWtCAjKmxhjl5MUE8go2s4bxoE17mWDYFBNszsszPEIvOd40jjdETejZTAjuPyNi"
    "dRK0hMDdTCUB8nEK2gzcriMsl4hoLyjR18BEqm1gaw0EvfkS/ErZmwO6hGyhAcz+yR0EC2"
    "g+IQ08Q91GZhcQNtjgOoApBHguAb6MKwl1PWUH6V86IQ7phCi+m7bVzNIyD3HIDcIQLeQH"
    "ccfXZZc/nIb9Jk/cxZv0sIs3sagLtqtTowi4GwIp6m8X9Z2TRlnaEx2rBcOIkmhrwvxwC7"
    "r6oC3PPVcM7DBV+5Z2LRFbGrIg1uMw//fD8DYZZp8iegBj1QL/B3Rs1mau6fxlahOVwwgm"
    "NtYtTMyX/LF/7exfo+EIZbugot6myKnKJ+AuqMZoHdb8AZmmg1CC2uHf3qJ3WHPFDIzcqn"
    "gMCQImnhGkvcAEuKSf3FDqKUNrDiz6hIgJptRYAB6pNIULrK/j2sVuU0kV4khViHKH886n"
    "csNYUfOpzA0KiKRFq/eJvRA4D9hLQXdYWOoM0Dc53KZzORgN/tG/vQAqtvB/EBkTpvx8+X"
    "IB2A+bTqN7Tq6jO09Y2Vl6WNlZLKyMJ5YQlHBwp6/3AEmT4S8rHVUP8VGFg8hQ9moMFcJS"
    "b5vlrfwBWsn5Y+I8+mOJ2Wwl+B6mbCHXj4TL+cIS0DPTAMqlKAUppfvuGLjMtivT0UPzm5"
    "GilO0zJVWvHLiWzqJqcIisRcHgew78EYpJYfCDVBL7ItjHTHbRDyHOiC/UQHhG/obWMS05"
    "gr0fDexOdFxc+NNbZt5V/xUNuNqYzsKfPvsH+9HIcvbm3sNl76rfiS/xCmB94PP0VJXax7"
    "jE84Ib/LSTsU03MgcPUWEyVRyTacLm4tJ/+ds90qGFE49LF/d7Z64Rn+p4JeAY8H/WaZL/"
    "zH6s81Ixc7x3q5tlip8EBuVIEVjBNbAoYIKPOgfQDbG5AJAAukQEa112kfGDuv9cMi6zed"
    "ht9gZAQ89YRQnxPpVNm5h37MUJiOggRSwOmXzcnIOyK432h5XL0+Nuthvs647BqcRYf3On"
    "DO/6t4OrC7BYKs6OMibD3uYqhZurj7eDobjmbjdjcvcr0z8vnD1nTHp3d8pV/7fBJbvENh"
    "/F2XyaYfAPbnAFvpcIWZNZ2ZiIHwczE0EdJXw76Um4UbpWgL3vJFzXZ8/rrpRgQTJ1Gww4"
    "++bDMzIwe1iShESpjiBJ+QYCZBHYJ4yurg9gc2W/yH8eDq9DyH8eRKF9vPncZ1u9YAMbhK"
    "0UE470Nqbv9+31OTXM23hEe16DGJ3LIXEwA3njvuaf00rbNDZUaKY9TLzqJa93k5wi593q"
    "ZlYgDgzaahz7NsfqHCwN/AzV9Ysl1bG6BkzW4cLmxqYFoKqiJVsBXZG3tpojAk4gYELoDB"
    "kXwKArE0ADAbZrIO00biqr6yGJhjP/C3AepLgPktaz5mxg3SzrWZhrMU5kmNBilK1QVOu2"
    "pMmIy9ptXN7WVkIYjpBKLagpwnEeLUjKxlI2bhIbjl42vnIcFwmi8dXGpZEuGftujzxe4z"
    "nUdfCEqfkEqAE0bC51uH4JBpbJC0gDbALTYitHYwN58ZNPQATY8V4Y2OJ3p5hAPclvXN3E"
    "Mq+rwTtRppArXcT1C7aHrX146BO3Zl9i0+petEpf4CcEw04rtHxDRC2EuYYYErRW+BlbaB"
    "0HaFq3B1e/TUjvXzr07dV7ZSpSWz1/Danp4WrgybXGzW2VPHxDwFY9MJ2xUveSuldbzv3q"
    "RSsdPSe5FLL7qGyI9mfzPKt3qVfROyWtJ02+WOfUljQ1qgS8Dh9+9t4ld8Rz73I0+I1HKA"
    "vqMbnp33/t8/BnZLBDYEyu+tf9Eb/gmCO1qGntMLqa83YKexwtsqFEyNoQybkPe06J0NkI"
    "WRuQ3nfMLNYUttFMkFEC/iRayYNdeFA4VyKBtBIONEiCqSFZwg34LqHERkilFts0LTbI5y"
    "lUkbIDs5PoJcebzHFpk0zfVNtrk7SXWkmuhykl15vC9YSP3X37YBlooSqW4HqYUu7ozWFy"
    "YUt0LAlzx5IfkZLRR8n3eMGP4GfjFtjYEadALY8j2xFzgeQmWuwIUiCno40gEWrh6dpp17"
    "QjUpveUC384DCZ0ASdvgg8Az7FDduW4OwYhZAiq2lpoCkyeM3tHZfU3WaitiK2tM25W+9j"
    "V6zYTH6UbRuxMu0Jn3yClJkBd96uHrzZvvLJ2ooZXC4pu7XYfXvv+TO1GCwdqwKH3cHyZm"
    "orWFOs77plPYg4+i9soraCtIRr/sEo1NCQsesG78w15FO1Ca86A5FC1R8TwpGi1SHTg5JC"
    "NSnF0K05Ks7yBtAEEDz82ntx/vadyBl5CX645TN+iGwSZAHKRJwumKzZSAaQhvkUUAePd1"
    "x/jyepVDqzjJQ60kgpsRQLR0iHqVoXKyVjpKVluhJ/RLniSLIu0uHZm8vL6FXsK1y8PkQn"
    "s7+ryv4OdG7cMf27mPm/aczImwMeXodNSgIPVbpPkLmjlfDTZW6nmjwMDJX5AD+dlCvzAf"
    "YQu8vEFqNoPnaQpnUQ19DPHZrmirLNtajCFiNsYfLw+du3OfBmo1IBF/ci7dxpooUyvcX4"
    "hqAZHcb58466w3gDcuYbpkHVvY9PIdaFAmqhxTLJ45Od4ZVAvj8N51W9YkwVuV46VXn2M5"
    "NGcUL23JayyRFaaR5osnlAwyYHuWgZ+iCZLEMvy9BLI2t2AUZPtOUVS2el2J8yhVwHTV8H"
    "MkD4iPzoV0jHz8hYdxJLO7r3ulm2PDc0UAsOrtSa972DvADUQP1jg9pEi9UW/x4qkWzQZ6"
    "whQzHQ1BkprYDSCthIVshS48deOpAdnNhK9HNla+ZBOqmSh4x8dlKly2w0N0QSyuOuZOMq"
    "fwWNpJ3L+35PlKpx6cfkoX97Nbj9egFMJJKixJWR+NMSpW0Gv/Xv3eI2XIDhNF96g2t+yb"
    "Ga8VE9MQA2pPRNWSugNP+lfCAaEzlLZKpuqFqolB6JEprL5qcjaKKSxt0wqbTtNp7PmjJZ"
    "FxF0Q0Ttc0XV4O8OqtUFgI7SSay3Yy1aciLDoEahJR2iah/O569e5QkqePUqPaiA35OOip"
    "/TQB2OFiZWCZYHyKRI0GSRYIoJ5s18yhQYC5NKPjeZz8JFUDjmP0glI/6rivjfuGt2jPfP"
    "W3ekaUzIG+kfXH1NivN3cE9wCG4YstUbuFkCMrBfuvSkS68Gl56zeQiECqAcpqrLnn84nN"
    "98yIHzmw+pOPNbEdMw0uwlUp5QIaNSmKp1y/nsXR4FnI3KcGrEFHCxnxSvcx4ha4WzOksy"
    "r6PGuW3MEkW2zJBYn0gGxBYIiDXtyb+QmgB2+m4SIGmfMa96oyl3cuoMDV4dPDn1ONtNmk"
    "QvO+NIU+lPbioNNSfPr1uFyEp9Rk3bvppgY/Fb6e1oZPH79h0XF/IaWULLL2RlYW8Abh+v"
    "r7PMLKGC5jw8CO9aGi8YVH1ke1tqgHqsoK6ycMrh7ohVWyvr1mm8C2GWYMOLYppuygtxMp"
    "ctrzOaI4DJCzYnENQXAOoruDbBysCWhUgXrOaMf2z9A/Y05JSyI1a8Dt4uEyWmEPj7pWOa"
    "jCYOSFOiNCU2lhU/sSnxgIpp9bZEC1t6IYw3BC2Et3q9f0K1BCNtuuXQG98KcPdtMpQ2gP"
    "R13l4bAP9lJVgeIJNhNDKMpvlf8B6F3wYY2H5e+BtlYWsaG3Y3sW0CmWJ7TAW4yvCww4SH"
    "DadTrGKou5Vev1BdpythZ4kZm9KGdnOEkFGoTIPjtxqfvs2FvQdAAqj73BduiVlAl4hgDT"
    "gTmoCNA+6tLm+28A0xHcz6xQSbTkRslliyZ/VPGBOb+BecXm2AZ28AE2LtJWAfA9J4jwc+"
    "nfMENsVEZysXiNULTvi7OI9ewLX7+DGZoCn7nABm0zlfJzDZt2UyotNPYjKCVog9RjwSrD"
    "AxAxY18e6GgZ+hDkR/E9lNounnWDfDhuYsj+Ld66N0rbOkVW+BcD4/t/VmgVCaEN0eo2kO"
    "oxVVGEzjGiFxUoHj7RqLRyeF5tI6i+zunc6Q4zQDJdgJNk7LnGXd6pQ+A51DEwTOcF/RrT"
    "LmMjx8q4jZc6UpJoTRpfWC2kzum/IGXGxVzqix/sSEMMKWLPsn4I9QERO5ZsQRxeJezt2n"
    "2+Lr9CaS7s4m7Z7potqGXwXEtCBNKzwZdbs72afGjh32sRUU0kJ0MuS5gJQmhYSfRUiQ5m"
    "xpzm4qGyo0Zx9I9PUbwSeJvqE28dtFX78/fU7ZlwAnHI8tEN2J3ATWHFrAQCrCz4i3rN2I"
    "s3x24AWBii61whTJr4o2pQmycKXTj8mY9Jx/swmgOmf0lKDQ9F1gUkYHJkinZGay0YA9bs"
    "E2QTHUedgFI59h00L8PfnoKTXGBDIQuSHYta0uKH8/JpID75nYZAK7exvqgAt87NnCsmoi"
    "YiJHzl/O+YOoMCgPrsaE2IsJm/WEPYYz1+TXo6B0ud2YvaC+BtQ2nN88Yx/hCq7BE1oz3Y"
    "GIUof852Dr1P2RY8IjJDfNhdkD2N8nEDjfJnB239NP7o0ntGQYONqITmemeCQk5or9HnCy"
    "gOYT0k67jgEbur+Y/7TQyxhoSQ2Lm5yfoY41Pq9m0OUSadKc3PRzJEtHkSGZe9BReP4Z22"
    "kWyRhvr9kapG+yUtgZDB8uAKYm265vr+6Hg6sLvq0YFLOthWFzM7z9+wVgP3lByTp6ZuRh"
    "TfXFVzd94nMHcXoErVv3b8/yLHw2KhVecU8GFrZbWcwXWOhIWaUYHyNuIe+PhNe5ogylZU"
    "BaBprEhqO3DDx4MURfDZjSmzs8opvDQrAJTFJmG5qtVoIhQS/4DuvHOb1w9XQgZvHVeKYo"
    "PiNPKV5ggl8sDcrGLLp8APCKMMQtBdU/glsLnAAtpvqipRO9xc5aHTixXVz9nUOh0vfuBl"
    "yz5gcxU5Z5LBXTa3Wkzdh8C8xL7nLt+gJwmwNTjlWVqdL8q+Hqr6MR+wFdqo6ROzu7sokQ"
    "W9KlvXQis7piHkeft03HhrHRu9+8Pnt15qrlwojAHsDLhHDLCfv2oeGYJBhcIPAewZeYUG"
    "vu/EQ+s4ouxuTHBOp83A/+wnO64h7INVhwl6M/iRl8/c2E1hwS91eAE4Jm0MLP6MK9Miab"
    "cXwyx3ogXplfBezwEAaYHwZasA+QcfqHY+NYzbHuxLGZ1DYcHNn6BBM0Z5tFHh/oppoHjr"
    "eLkiaGRpoYgiwromiFyZqs9zYmYm3zvcWBTm+yE6RpTR+R87M37998eP3uzWapb65krfC4"
    "t9PdQQsAGqCQcErncdvtAdJ53MgTWaqIbVYRe8slZa+9SCntHLydqRzCyEBZ3/mnE8+lB3"
    "APHkAvrLPwERghlIdg6dyGOdT1wvAHiCT0paHXqQp1hYvmyUJ/MvZhqiyB/wgZkYEpF9iP"
    "v+UrkyLws/cuuQMIepejwW/9C+BQj8ll7/ayfy3at6r8t+mig+vlr/3Lv/WvlMEtuzxH6h"
    "PiiY1jcjtUHn4dfmOYU8Wc88zZy+HN3XXf6SFLF0suvTWk66ts4l0/xDL2oGW2hjyxB5t9"
    "ogzfI7SyvFFzjEpJUSYLjqLGZIS14tRIKBVukjaL5P5RcH9ObaMC9senkfxvMv+lTfmgOp"
    "2p0+Kl5QJEEvqqzPkc1AqM+Q/uNEfGgrym/MDSCxny79lGdD+4HHUSNhfpItnFReIjexgf"
    "ySVkuqUGjSu47iT4SIK3u1k+EtUdyAXEXE6STg+wobyomIisWiH0pK/BEloWMsgFUHVqIg"
    "2czKmO2bjTrhPutYBP6IW9BCtqPPHsND7Fydj+oL56PbbfTM/OTkUGXdR6UevDxoQPMHmS"
    "mTc5H8mRzIjW4kZT8ZpQlqpo0BHSzXACuUs7r2nWHf5T22TFl6FAU3G/ijh+2X3Jkuhb1F"
    "Cpis5khCZ5DNINpN74PZq5Cxq4GxMpKL1hTRHfvdNyR0HzV3eaI2NBXjEzsPSaFIdz6ZVr"
    "ShQw/VJOWdJlYFQOyZJxzRaVD7CGmCDHcemCFbbmIqzewuoTsgCvhIb/AAwky633GhEZS8"
    "6SKe6p7Md1GFr+FWcCKQM2Zx/KkgEF/wqctt74Fvoiqw8AEv8vIsrAxGKmbQC3emHG3WcK"
    "wOtTtBDgszyO9HQ/eqyTu/O2iokMXl9IWWBiW0nNILP1nYxp9tiOueY8iSq0HimaS9G8CS"
    "zYg2gecGK4u4IrDu/cmPfBmS8og7cE/pgXblek2uX3iTspvUTSCnAauVO1Ca861WOx8yWo"
    "xt6OmK4We1uvzEiRiuh+FdFW56FINbRGNZT7vv5DScGewD7NHt0WPRPD/3qYQzKbQ3ysPg"
    "yDiZrQRNwvbypwjmDCrp2tkybPsD8F6n29+3gV2qgHEQ+PLAuvR7s/YD80H1idd9EtaUuJ"
    "0u4P2HdHYEBxovgV1bbodFoW4tRJ9misOj8CsPke72RrKUtkKGmBc9lgp06yP7BfNx9qN6"
    "uNF3Arb4ZNnWSP6/rt8WCt4wVOiK7Nh/GGWC7jBGhX7Hew/3HZqyzAkSn2B/PHI9iZTdtc"
    "ImJibpQtgXEC+R6X8RHgyw2Glp1kqviiU5gmuQWIInBOOVUOQBsW75cVNTl8/HzdB3f3/c"
    "vBw2B4y5/iJxGJm/yS32zqvt+7jtUOILMSMAepJM45cJ4hOuWtE5UFsowksSJ1o0igbFEc"
    "606V72K+xTyuMC/fYDd3RSS94chMdbm8O1X5CtvuJBStv8lMmGF2hGroTPWrN1Mb4ZKu6F"
    "KwObL4jlh9E5O0CaI63auhrzHBzRr9WtPdrbEtYnso8re52yeMu2p/MYFGebV0aCDAJwOU"
    "ALhJGDvhYwD3dZx+ClzmAce8MRkEBl0BLB4cClSu4Rlj4qTE8e5uObLg/AryAhreQy2YCY"
    "ct4GXIbQ+Q9hJ9ZDz0Ubihy+Z17ZjO1bSdrUKNmX+0pmtzLAprlFZiG3F68F2tLLgxYomu"
    "jMmVMbnNY8GRp8tFVaGk1kZxbSldbI2oajmT6L7NsTp3U+CYuPcGncGx/fYcno3t9+r7Cf"
    "/3+eQU8MlFo2L3KUzYQwuH4AMb9PHD+4+bZsXeEB6KdsobD4tOQpwL8ey7/T8+UyrdYCjS"
    "96Ro2pQ9MEs0DfEsxof0aLMonQzryxFmJmt3H7zYmBS/pPjVBBZUJn4l7S8VwNpCG3MU2s"
    "im2ijplmdSJYm0boZVhhzrjag02+V7aGmxtWNYJi9tKoW8xuy0WUKebMyyh4QYKVnIriDN"
    "YURWjE9iVxB3R0/EL73mdYiwhd0NMmA8ujLXiGhlWBwgkwxuNINVuIQqtgr7GYN0bTqFqn"
    "DXTCh9QoWzAX2q1vTtrTADsEw/lQip3IkavhNJQ2ezrG3SNNTZn2nIhz3QFXfHeMZII96W"
    "AF9rUGOozk6KNS1Yhyfbqrap/pPTNRwpn0+J40p1g7q6zl9LZGCquX+wH8IIdKgiM8HXu/"
    "t8soxNg/fubob9TsYPVp7RyO0WJUPcorQS2z+jdoaSyIYpJa7R6AGp3lePqVRUpKLSPFa0"
    "wYe9yfrvJMne/t1syTs8bqvY/ZlSkYDj0GlI4zGMTlsCAKdMdAYGWoqWzIDQF7z0g/lpc1"
    "9jhw+TmtdAx1MLYCsuhVc/vRTKG7xPZQnl0qm+B6d6k1uztnXJy5CGBkAvPfI/gZtEeuRb"
    "zmAu6JVyd4YIZff4I+DxJEFjTZcDQ0Sl5MCGcbQOQbBAzaM6FdmR6GHXSVBi3TvdLAXW8s"
    "fUFJLtClvhcEa2TJAei8/+HpTOwgRuAURiLybsAf+USqdUOhvLChnJ3a71Lu3xDWKBDKbf"
    "MZjePUJj4KXXIN4QtGnZ7lTuMlwdl4syRYRrj6CFSekfchx2H1LPug+Nsa82TX05yFa7ND"
    "A1Ej36nynVESQp6AfIIuBPGF1da3xzZb877Ofh8DpkC/g8iAB7+3jzue81ovVLEycaVS07"
    "IQ6TbyV9tgvH/MpRy6pLvcf2SiuILQ5cMdw733qD0eD26wVw6cfksnd93b+6AOyY1pHG/h"
    "7e3F33R+ISXSy505hf7d1e9r2BvG2JGHszeHjglxbYNMWo66H426l/GHWS5tnGzt7l2MfO"
    "omadQGvhd9GdLKy/xli8JVIuStyiPa2S1iyC8QwwmxRuYRGllRkxQX3HEMECJSzEYcoW+g"
    "E67AdqQ6KvO5sSwcdgM3Y3gUyTsajYVYbpIcIW8vxIeJwzB4ofnmW+7CCh9P00mcdTTLA5"
    "L8XlCKnkc9P43Cjv0yWXnoTjJ8UJ5Q3obvdFOaKYO3ZrQOVojoAOTQs4wjGY4WdEeJ6RCG"
    "rsAs/wCiDReNnzC3egU1x9BpcvpgZC7l2sr+MxlbU8oaDHTBYyapCBJKOft3QPHNpmJd0D"
    "O7oH+FaXaqZIXcARqtYo0ftqilXnEe22mkk4m/0mNOmH8sofs/Uw7rlHH9KAe4g7BZt5Rg"
    "JdIOA3GoofswVpMys9B6NE5KnZjC1aBo0cNGiknOG5na7fijMzEzw2//0wvN0q6SX5ajSs"
    "WuD/gI7N2vDt/GVqE5VDByY21i1MzJf8eX8t6MSpQv7gOIWUbG8Jn9z0fo+u7svr4eeo9s"
    "wn+FzAjZaalLB/1xnv81MX5LU65WX8WVOSkWWN8jxJyA1tEdNbLpkEA62UDOTg7UwBnd0x"
    "6DNTX2GEYru4TkCAhndceXv+EfG+K9N3p7wBIAROJA2YUiPSnyVBgN91tu2pxt/dyB4+2r"
    "QnC2y5LkY27ntgF9fYNF75bynwS4G/kayoWeA/vmCi4mB3Hh4/3wxGIkposx+MSe/ysn8n"
    "LkJVRUsncmh4f9+/HA2Gt8p9/38e+w9uaJFhICELKwZib2qKsQ+Pd3fX/Zv+rTsx29UQL2"
    "wn5r67ux/+JuYW+y6/dt//8igCjgw0tUUEEnf5XN33vt1eiLasGjuPCB/38Hg9Ys/vXf2d"
    "DzbZb1R4GME6Od4pusXmWUjneboCnad3BTqPdwVi4gR7y2mRjzVIU0n6WIM+1Rr6LnG0TL"
    "7+3E8xp9E1RifNrlE1nYkaCwYR1JOKJI/QHynIRsiavAdW4vDu/z7KVsM3/u7r4e1Xb3hU"
    "Nw9DzwRV/IySKiXlO4KC9PuMaN3YuwsFtA5ur4bf+G7Pqcekf/NwAdAi1uj7AOo61DR21J"
    "glvoI4ZRtSgff9HXgoLqCZWKo9/RSNU7YB/0ik9Xme5c5Gpcdan8eWfEg3jAG+pUBJhFaG"
    "MTYu9Cl0yjiqfkEm+1QysK3R3EUq1kp9xmFKyeUmc5lp0Qb/Iqc6nM1KcTt5Bsn1JnNdw+"
    "YSWmq58OQYseR1k3ntK1V5ZV+fon0yb/XGXnuplczTClO2UNg90jythM/KffuAF8tCi8KO"
    "+ACRdMSXDjNucuHXlsKfEQfhe4V3jIS420x0ZGzIGwsRWoChaIh7thvdDy5HndgWUwGuD4"
    "6vf+DO1lJwA1trCrTpkSaB+A8GjIGhvntDLi8W48adsUXQh508CLEj0mILbEfMviB0K+Zp"
    "K1K8KYBbrqM8SnfOJHcG5bKM2VasuLyrY5LgkC0C1sidpU+sVnX6KNYZL+TrdiMu0nEdEj"
    "Si7D/b0b3czJb7u22YZphrKaJnqNuwKtD6odlaAlf54MvN6ZgdhBk8RHMEYy6CwyutrCuT"
    "mpqikXRBeoyjx38GsJZwhKQbvmKErQg+qT3akdpGUuxUzmjHDXWTwe483l0Pe1cXwF7qFG"
    "pj0r8eXPZvL/sXgIkYKg8C4zGGjw99Hlxom87vPGzwifteDqAFvoIonTQCb/8GPMycpL0S"
    "8T6pE7QB/X2H/UTALB79kzpBG7hRd0gtj18vfxx4xHsMO+RiIw9Y6BQ8E3g0+uCKh417M4"
    "zJaKi44e6M71RxVS4R196/f+hfuVHtyDCR98TCUVu5grYyYraiDDOoTRI+j+z05A1RawKf"
    "ZdFG6QzsliraGMi9K+yWitNK31Rp1+AU66gwBwJELarte1ivYCQfdkcXViQf98g+hbwurP"
    "hOkJwyHV3wVfgILUahfXEnO671nhfewGde2ENYZy76JYP+Epqok2AD3dzr5jJ8iqQ01Ruf"
    "o2QUH8vTw605AoipOpomSkAZ7C8ywwSBkx9wiV96D3jp1Gpz7v04vQCrObQEMc/z/8UEdE"
    "WiIm09TxkTbzQw16aFFmBFbV0Dc6prXfCElhaYI/aA1RwRTsr+iU1AKEGys3bTj5Vuhmn3"
    "IAmxDWNEzep7+BgqCnYydetgr96CKAJYijosQkRNtp83ZnUfR4GqvQFcfckC9Iz4k2IAp5"
    "dl8yn2X5DtMEbvWkqvSdNT+ppvl+kppncfTHEJBwAlKzCxIKF8ikwgUilfJXom2wdqygAn"
    "KFHUvooVx3qDXr0a2+8m52fsv6/O34/tt2/ewLH9/j16y/QNxEsfWHNe/pZ3KOL/pwZYGZ"
    "TMujH1Zn+PZjqPxR6lopegB0zE1rjmPYrpNm79GzBZC1XJ+fSYJpRa814qPMeg8HAJr9Bp"
    "uiGQh+kOh+mmIlWJ4zRK28ID9UgO0Fz5kZCYK176vASnI6QyD7bRfG6gk+4nOeB2ElhzOp"
    "W8GOz9uJQOyriqHUrVqQRXaAkNi9drTFIGAnfzqQFamECGcrdyd8gSf4saRKu1hbba4Cz+"
    "XwBab3wLraDVmJkLnHJb9bsiaW7tTPAtluRW8JwKpGElnFPhJK0c51Q4R2y7uWpsv/34Xm"
    "P/1RAa2x8m6psLYUPijQ0Dh3YXwCnvxYQtbuBxq2rFi7/vPJs8HY/0dGRCrpGweWQH7m6I"
    "2hRnWEXsrgVnhSxt3nhpaNvFa0UXnnyfX8bbkOwxSaCzF0nk7atXOUQRNipVFhH3pGfw5/"
    "QMhsuv6zojsJdKuTqtSfTSwtlkC6fDMfa5Mp6V5XeQWnK7+dzm3CI0Ld9u25ftUbYvrbGW"
    "gzT4iUxSmits/7gm5dsqNBry6k1U0mUjXTbSZVOvy8avu5ZgCQsVZcthCPOrweUzhPUAo/"
    "CCmE7G9vvp6zc8Ouo1GtsfX525cVE8aurdu1MR1yTSRtyUD2yaNtKcloahQKtPYAnXXEc0"
    "wQI+IRNgK9YNZp/PHhNqaMgAU4MySksa3Zq++3UzjG7OilHSmnpnOFCihNJJtVUCYN8S21"
    "KKegHDVC10WFUPtIFm/MwpinSErIVQV19uw6KWOCqTCgpm7OIhsjbZ7vdcI4Bbs7TECjXc"
    "PpKMfZAmyypyhEzIwJObORKy1GQ48t69JI60WcKoFyJsof2+TQa9Jlo7fpoTQtYyKfK91W"
    "PH2FvmWrSKeoLlI6HQeg77h1vjXVkGyfLU4RDFMHgeLLB4sQtoGPiZJ3OhKb8DCUDQ0DEy"
    "RGAPnXKjgiirceHUurCJhXVho5jBJZhinf2CBINHXY9JsGV8j342m17Z/5RmjqZset0MM0"
    "eJnuiHaYdePycq64guPr0i0vOGQErPOyXzqYjvc6Vy+UKkLZSgWxwBIwVqKVA3nSHtEKiD"
    "KQgJwnQkQyGHIO31PssjPJvO7IDTOCUWPkzG9scP7z+eAmjGPHdLe8LOzbnwzH3iZRPYhj"
    "N3Cif8WOMVJDMm8lpQpzNGQdQfSYL0Ph4pHYQN3t2yJGeZs1Zb9S6ZsxbwS+VpF8JGZXim"
    "Yi1DnnBSIfh0fL3xLcS3ehcrL9iD+UslOFDSG4OEqVoBdJaKUUc7kIyunumqd4hIqt87qN"
    "86mjGJTscLbCkaXBdOWEuib5MyVkXuGhObF9hE2g4wp0whkY7EgKOkTrfp+4g3Xm4hO2wh"
    "z9jESUVFs1e0TyUXcRhPSnhfXF5fhck6BVGN0kpsY0kLlE2bnNX6mVIdQZJqcwxSRoCdMN"
    "IjRDZLvR4Or0NbxedBVJp7vPncZ1qM2DfYIGyFdPDogi6It08koc4PNVqY3PCIeaXSgoBH"
    "SSXs+WF3swoKIh6gkmDnB5v9VLt42HmYSib45Yk6/7eNeQFNHT0jvagkEqfenyxy3nxBZE"
    "qNhWKqc7SAhRSWMJnUW3bRW5BhJno503UWn2J/i/ms3sVcWfwMVC0mOxSVqjdEezwBPafL"
    "0Z6A9lIrWTMmTCkjZpoSMZMQg+6+fSA3ZlNwtXDATIy0TXaBw8bLhMvg7hguEy7Ce2TsyB"
    "stE1uMhTs+JkYr7Vios52RSrUW6gw0Jk2KKwq1Lc1Tn8AbujWsaEgQsJc6hZro48KLaZqU"
    "XIjQnsnaQiaAPL5HvIBoyiLKbTJwLB5dfzJZAw3PkGl1ASKqsV4yNp9+6kSArucpY2LNeU"
    "MYuuKFPldz6j6CTcHmXXR5hBJvqZkzyuh7x3kr8fLiaU4Iv4w8alzkkYgzUxOP7oxk+SBR"
    "62KQqrdZuN9AAYR9ilaEb9TeohH/p1DWiTu8TfJmZRrzAmkYOpgUWLBhqhYu2hqCu2SN1Z"
    "bpy3kyTBzJqLCuHCJr0751WD3Zl1N31JHvNhMdGRvy6sehBVg0kSRgJDSTYqFKqsQ3bsDl"
    "8XnJDqIZj9hhwMMX+sQy1p0E5Tg8oJtLP7Zcmlw6cjo+O+WDx0ZCqXAecsPtZiicspt6zd"
    "3US/SkbKsYeSRiY4KbJS43Zln0M+wIIaoWfj81JIwVLI2+U0H0UuAec2ORQ9QIaZjsV3mI"
    "g6xZ0EjdUtYsaFvNgjsnNLb/nNKtNnS/m6U+uUG2yqZaTz73ommhpXD7ESDKg/9iAk//uu"
    "BVuow1cKRloM4hmbFZINGEP48awoEHFlBDXj3xmF+x2unz+AnFY6TGdvBtrJuhsfES9Epx"
    "tS1C1r7Y5vM84tF5unR0HhOOmPhfHOcQUQsl/OphNqltJEmgGSaIDUULAa6hT7RUoWpUoa"
    "SBp5UGHiEKFVbgglRSdatKdduIpbt6BR0xf+hNd2S8yKu1BRdhA/U1B/50fW3Dnu36mq+v"
    "5CnRjC38H0SYFuX2cqJOleQCTaQSSzJXNG2xOM5AzAkb9T3gldl0upAKXDMVOBnjuQeZN2"
    "i5MtC0CNQJpFLNyKdmyLZqsq1ay1a1bKu2t7ZqsjXVQVLcZTc72c2uOUzIwDOhm52nCJY4"
    "CEN00h2Sw06f4QvpM+EtZoQ5eNigpyUXtC53Lu/7bKldXQCXfkzuen8f3H694J2hGQv434"
    "Mr/hcW9+5Hg9719d+V+/6Xx9urvrhjWBjq+pprEDZ7RTbOv+tfY3v0g3iQTk3+d+9m+Hg7"
    "Um4GDze90eWvFwAuqM3W6QKbC2ipc+fJSu/LqH+vCGLnLRQ4tZChiGmiNorDrBbukiZJFY"
    "HyLZcAeYO/zc7t8HbU+52RUmLBP8bkW5/hMboAK8R+gFWGE3lqgqdXBI/VAxeLo/DZHqTa"
    "39H+qlXnuveRF0c/Sik5UI4DzsZY2D0XIKvAR9cwIaFNLjrn0CyTsBkklDxuNI9lVu5PmJ"
    "Ura5e1jesJH3usdpnMxW5S0IXMxd49F7tYnTIRfb5jOnY05r0lkCdoVjsCdS8maRNEewnd"
    "Wc4h6WTF7ogB3XzBO5uxW6N3bihBawCBaxYCBlpSwxL10KAFprzLOaFuAA41XAMbz52gtm"
    "Fe8AwKmzyxY8fNpACOr7kbNdDU9Zwxgd5Y5wpYIUB4CgcwGRQvQU/lVDrSZvxZ1Ok/6b7D"
    "CbbAito6rx+nr9k8lrE+7Tr93OfIQGPCQ454ksh0ilU2JaM3EFsfKtbRS3BL3aJ0UAc8Js"
    "WpTcc9wQZPH1mbAJPg834xBbWhZXSG9wOwue9+GkgRkr3hG3O2d0FG2r+Mua8/GGaalQaa"
    "HQ4zzcwCbQPksvtlzfi+ywNvVNsLoPsuCi61LYU9TkNMfysCcpSuhWBXX/aAg+ZIDCXQDh"
    "E22H3WGLRd0adopGiETC7sHFC7Du3CTrEwnTTz7OCXhIl2naxYRo+ihSv8PFdO4HlGTuB5"
    "PCeQKVAIP5cyYEdIpQW7KRbsNL9FzISax9Sn4emUqe5E3bX84r2r6GMx7moz7fGd8Qexa6"
    "XCl2DiyoJ6u7XLCFErWpg8V7kRnwZAYNgETNmRqHWBZ/5Zcm5TYf/RKX0CDEMqSoKwBU71"
    "ZwRW2JozUp7fnVxxpNInjElPnNnCwMTO7U9utRLkW5zoYkEJWHFjEzei/XDBMl9u7Fc/4g"
    "as3NlygRgyDYoCmu5r+mlzTqqkn1wlc+aaaa9y+Zc7PhomdSf9uUKjDxyAuSfwmh+BmW6T"
    "2s6EY7BPdW4GDw+D26/K9fCSR0FfgAU2TQa3olOVh0CPiTeiN1IYSLe3/Wt/ELQUd6ltop"
    "+vBl++9O8fNsHPzqlkjgmTzkaPD/595zzx7pfhdfVxz9ETpYCelUDaZMY3xqRwbNabPVW7"
    "qR7oUgbJ3Y2RPxfIYtdUysXtx2lbVKF1z3YyB8vyUfzJ9JIfu/GjeEG+KF3rtqDacrdKbk"
    "JJ1HLZl132ASml5EaUNoPkya48Kb4ZxSnldrR1Owpa7WJYb/OmhEhlrk9zwv/jWR8bZk0S"
    "jH1ZCkaITMY75FHkGGS2cEQULQ6bQNo+xGspFCtT2dLRb5dLOGwP5FHuJQrJBsikpFY62M"
    "UuDr1PI6OMqkomY5jGmVA4kyzsgb+325xU5q/ClIyy+CZTAcKxNJ7j2mTyghvaXQtn7O0v"
    "IIUv8a2RKO53UDgExf0m88WehGlFxhMJpgxxhRbxp3i3NLgGJzzr6QWPI8EmgExcnCODh5"
    "Uk1FGu6RklwkRkCIgMAWn66SFDQI4qBERm29WJ7hTrSDHn8PztuyIQR8haiHMNdiO6MhWu"
    "q8eBTlengjRt0qgq6xjq9esoVPs4RLT/+sedv0xtogo5bWJj3cLEfMmf99e6nAwZiNZSFT"
    "kSxFZgwSdQtqaCX2VrPh7+VwLhMLEEOdaKOBQ/WQDgOKEENwpuPPg0J7hxQgluzMMufSU/"
    "ia/kaNPnmrYuDpQ/J6poJdoovfpaeQyTm7E5+rj5RZdOeJl19o/TTYvsLnCqL03WIsEsXH"
    "OJl1qKFFdKauhW+fyFOm+7kUHSCtlMK6Rs3raH4klNyTNoEMiyEEdLthZZiGOfhTiOsGeN"
    "gdhgs0TXmvv+/zwyCdxpMOPOMSYPj5eX/b5oO2PaqoqQ6DvzpTe45pemEOvukw7e/s2rLl"
    "DkiwjStPCbqP5olYp1OvTtUqxlPf02cz0hoD5WJzvYB75I5KlPJaW7qgIgN/p9VQF67nRH"
    "xov8AXr+ImxUfF4PGViddxIMXu6dbpbBC/pjthm60iHdbk4qZDv6WQxHO/om0k1Cz8gwcT"
    "FFLkDSQqn1/O3bPJrc27fpmhy/FzFXsI+qAMLu8Baie5ZLTz7L0JPPEnKTKLHcjiF5A1AC"
    "JLL9dsFAkwJOr+oPsz//HyOrl1o="
)
