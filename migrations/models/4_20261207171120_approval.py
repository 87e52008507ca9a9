from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "approval_core_case" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "core_ref" VARCHAR(64) NOT NULL UNIQUE,
    "application_id_ref" VARCHAR(32) NOT NULL UNIQUE,
    "item_code" VARCHAR(64) NOT NULL,
    "status" VARCHAR(24) NOT NULL,
    "events" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "approval_core_case" IS 'A case of the embedded core engine (`api.approval.local_engine`): what the hall''s own';
        CREATE TABLE IF NOT EXISTS "approval_department" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(64) NOT NULL
);
        CREATE TABLE IF NOT EXISTS "approval_item" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(128) NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "conditions" TEXT NOT NULL,
    "materials" JSONB NOT NULL,
    "legal_limit_days" SMALLINT NOT NULL,
    "promised_limit_days" SMALLINT NOT NULL,
    "fees" JSONB NOT NULL,
    "visits" SMALLINT NOT NULL,
    "online_depth" SMALLINT NOT NULL,
    "appointment" BOOL NOT NULL,
    "online" BOOL NOT NULL,
    "ems_delivery" BOOL NOT NULL,
    "payment" BOOL NOT NULL,
    "queue_code" VARCHAR(32),
    "required_level" SMALLINT NOT NULL,
    "form_schema" JSONB NOT NULL,
    "version" INT NOT NULL,
    "active" BOOL NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "department_id" BIGINT NOT NULL REFERENCES "approval_department" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "approval_item" IS 'A service item (事项) as the core system publishes it; refreshed by `yiwang catalog sync`.';
        CREATE TABLE IF NOT EXISTS "approval_application" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "status" VARCHAR(24) NOT NULL,
    "core_ref" VARCHAR(64) UNIQUE,
    "core_sequence" INT NOT NULL,
    "form_sealed" TEXT NOT NULL,
    "delivery" VARCHAR(8) NOT NULL,
    "address_sealed" TEXT,
    "address_masked" VARCHAR(128),
    "submitted_at" TIMESTAMPTZ NOT NULL,
    "due_at" TIMESTAMPTZ,
    "decided_at" TIMESTAMPTZ,
    "overdue_flagged_at" TIMESTAMPTZ,
    "dispatched_at" TIMESTAMPTZ,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "item_id" BIGINT NOT NULL REFERENCES "approval_item" ("id") ON DELETE RESTRICT,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_approval_ap_person__d8f20a" ON "approval_application" ("person_id", "submitted_at");
CREATE INDEX IF NOT EXISTS "idx_approval_ap_status_63f3a3" ON "approval_application" ("status", "due_at");
COMMENT ON COLUMN "approval_application"."status" IS 'SUBMITTED: submitted\nACCEPTED: accepted\nCORRECTION_REQUESTED: correction_requested\nSUPPLEMENTED: supplemented\nAPPROVED: approved\nREFUSED: refused\nWITHDRAWN: withdrawn\nRESULT_READY: result_ready\nCOMPLETED: completed';
COMMENT ON COLUMN "approval_application"."delivery" IS 'WINDOW: window\nEMS: ems';
COMMENT ON TABLE "approval_application" IS 'An application (办件) of a person for a service item.';
        CREATE TABLE IF NOT EXISTS "approval_correction" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "items" JSONB NOT NULL,
    "requested_at" TIMESTAMPTZ NOT NULL,
    "answered_at" TIMESTAMPTZ,
    "application_id" BIGINT NOT NULL UNIQUE REFERENCES "approval_application" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "approval_correction" IS 'The one correction notice of an application (一次性告知): everything missing or wrong,';
        CREATE TABLE IF NOT EXISTS "approval_evaluation" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "stars" SMALLINT NOT NULL,
    "tags" JSONB NOT NULL,
    "comment" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "follow_up_due_at" TIMESTAMPTZ,
    "followed_up_at" TIMESTAMPTZ,
    "follow_up_note" VARCHAR(500),
    "followed_up_by" VARCHAR(32),
    "application_id" BIGINT NOT NULL UNIQUE REFERENCES "approval_application" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "approval_evaluation" IS '好差评: one per application, after it is decided.';
        CREATE TABLE IF NOT EXISTS "approval_fee_notice" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "notice_number" VARCHAR(32) NOT NULL UNIQUE,
    "payee_code" VARCHAR(32) NOT NULL,
    "region_code" VARCHAR(12) NOT NULL,
    "total_fen" BIGINT NOT NULL,
    "due_date" DATE NOT NULL,
    "items" JSONB NOT NULL,
    "issued_at" TIMESTAMPTZ NOT NULL,
    "application_id" BIGINT NOT NULL REFERENCES "approval_application" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "approval_fee_notice" IS 'A fee notice (缴款通知书) the core system issued for an application; payments makes its';
        CREATE TABLE IF NOT EXISTS "approval_pending_progress" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "sequence" INT NOT NULL,
    "event" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ NOT NULL,
    "application_id" BIGINT NOT NULL REFERENCES "approval_application" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_approval_pe_applica_fce264" UNIQUE ("application_id", "sequence")
);
COMMENT ON TABLE "approval_pending_progress" IS 'A core event that arrived before an earlier one of its case: kept until the gap fills.';
        CREATE TABLE IF NOT EXISTS "approval_file" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "digest" VARCHAR(64) NOT NULL,
    "size" INT NOT NULL,
    "media_type" VARCHAR(32) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_approval_fi_person__62a666" ON "approval_file" ("person_id", "digest");
COMMENT ON TABLE "approval_file" IS 'One upload of a person: the bytes are stored once per content (by digest, encrypted);';
        CREATE TABLE IF NOT EXISTS "approval_material" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "material_code" VARCHAR(32) NOT NULL,
    "source" VARCHAR(8) NOT NULL,
    "licence_type" VARCHAR(32),
    "licence_number_sealed" TEXT,
    "licence_number_masked" VARCHAR(64),
    "state" VARCHAR(12) NOT NULL,
    "round" SMALLINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "application_id" BIGINT NOT NULL REFERENCES "approval_application" ("id") ON DELETE CASCADE,
    "file_id" BIGINT REFERENCES "approval_file" ("id") ON DELETE RESTRICT
);
COMMENT ON COLUMN "approval_material"."source" IS 'UPLOAD: upload\nELICENCE: elicence\nREUSE: reuse';
COMMENT ON COLUMN "approval_material"."state" IS 'PROVIDED: provided\nTO_CORRECT: to_correct\nSUPERSEDED: superseded';
        CREATE TABLE IF NOT EXISTS "approval_timeline" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "status" VARCHAR(24) NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "department" VARCHAR(64) NOT NULL,
    "note" VARCHAR(500) NOT NULL,
    "sequence" INT,
    "application_id" BIGINT NOT NULL REFERENCES "approval_application" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_approval_ti_applica_060a1b" UNIQUE ("application_id", "sequence")
);
CREATE INDEX IF NOT EXISTS "idx_approval_ti_applica_7c8909" ON "approval_timeline" ("application_id", "at");
ALTER TABLE "approval_item" ADD CONSTRAINT approval_item_limits CHECK (
    promised_limit_days >= 0 AND promised_limit_days <= legal_limit_days
    AND visits BETWEEN 0 AND 2 AND online_depth BETWEEN 1 AND 4 AND required_level BETWEEN 1 AND 3);
ALTER TABLE "approval_application" ADD CONSTRAINT approval_application_status_known CHECK (status IN (
    'submitted', 'accepted', 'correction_requested', 'supplemented', 'approved', 'refused',
    'withdrawn', 'result_ready', 'completed'));
ALTER TABLE "approval_application" ADD CONSTRAINT approval_application_ems_has_address CHECK (
    delivery <> 'ems' OR address_sealed IS NOT NULL);
ALTER TABLE "approval_evaluation" ADD CONSTRAINT approval_evaluation_stars CHECK (stars BETWEEN 1 AND 5);
ALTER TABLE "approval_fee_notice" ADD CONSTRAINT approval_fee_notice_total CHECK (total_fen > 0);
ALTER TABLE "approval_material" ADD CONSTRAINT approval_material_one_source CHECK (
    (source = 'elicence') = (licence_number_sealed IS NOT NULL) AND (source = 'elicence') = (file_id IS NULL));
CREATE FUNCTION approval_application_transitions() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW."core_sequence" < OLD."core_sequence" THEN
        RAISE EXCEPTION 'a case''s applied events only grow (% -> %)', OLD."core_sequence", NEW."core_sequence"
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW."status" <> OLD."status" AND NOT (OLD."status", NEW."status") IN (
        ('submitted', 'accepted'), ('submitted', 'correction_requested'), ('submitted', 'refused'),
        ('submitted', 'withdrawn'),
        ('accepted', 'correction_requested'), ('accepted', 'approved'), ('accepted', 'refused'),
        ('correction_requested', 'supplemented'), ('correction_requested', 'refused'),
        ('correction_requested', 'withdrawn'),
        ('supplemented', 'accepted'), ('supplemented', 'approved'), ('supplemented', 'refused'),
        ('approved', 'result_ready'), ('approved', 'completed'), ('result_ready', 'completed')
    ) THEN
        RAISE EXCEPTION 'an application cannot move % -> %', OLD."status", NEW."status"
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER approval_application_transitions BEFORE UPDATE OF status, core_sequence ON approval_application
    FOR EACH ROW EXECUTE FUNCTION approval_application_transitions();"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP FUNCTION IF EXISTS approval_application_transitions() CASCADE;
        DROP TABLE IF EXISTS "approval_timeline";
        DROP TABLE IF EXISTS "approval_file";
        DROP TABLE IF EXISTS "approval_correction";
        DROP TABLE IF EXISTS "approval_pending_progress";
        DROP TABLE IF EXISTS "approval_material";
        DROP TABLE IF EXISTS "approval_department";
        DROP TABLE IF EXISTS "approval_application";
        DROP TABLE IF EXISTS "approval_item";
        DROP TABLE IF EXISTS "approval_core_case";
        DROP TABLE IF EXISTS "approval_evaluation";
        DROP TABLE IF EXISTS "approval_fee_notice";"""


MODELS_STATE = (
    "eJztfWlz2zqW9l9B6UvbVUomduzEcaamSraVG03bll/buenpqEuBSEhCmwLYXKyrnrn//Q"
    "XARdxFUqREMfiShcQBqeeAwNnP/3YWVEWa+fYaatoEKi+PSKGG2rkE/9shcIHYP1JGdEEH"
    "6vr6Pr9gwYkmSBR37NhYD56YlgEVi92eQs1E7JKKTMXAuoUp4UR9qMwBtS0TqwiYK9NCi7"
    "+YwJuqC5y5kAooUdAlgOyCjqAFppioJsCW6Y4AkKhAmUMyQ+KtVKqwR2Myq+shI0KoNWcP"
    "AEfWHIE5tU0EdA0SNvOo447n84Ejk9qGwn47+sNCBoHaGKvHo87xW/6eNsH/stHYojPEpj"
    "HY2/740XEI+O0ASecf/2AX2BuhP9hPZOP4f/WX8RQjLcw7LLAX18fWShfXrvBsQKwvYiyH"
    "ZzJWqGYvyHq8vrLmlPgEmFj86gwRZEAL8SdYhs05SGxNc3nuMdX5FeshzlsGaFQ0hbbG1w"
    "Gndl5gfa0zHt8Pn8dP/efxuBNbIx5FgKPuJYUSvr7Yq5oCgBl/hTefTk/fv/94+u79h4vz"
    "s48fzy/eXbCx4n3jtz7+6bzMGi1nKoHZ4LfB/TN/IcoWsbPI+YU/BQ20oEMlmLFGf828MA"
    "eu59BIxn9NEeEB+3FRHniIZzHBu7Dmwvrj2wUbFvCPsYbIzJqz/74/zUD4997j9dfe49H7"
    "0+MwzPfunVNxiwO+Bjj4TRRAOULWQqhPTi9yYM1GpYIt7oXRZjsZwq9IHUMrjvYNg8rCC5"
    "SMeIQ0grjq0r71/nGI+BsIqkOirdydLgP+58Fd/+m5d/fAH7cwzX9pAsDec5/fORVXV5Gr"
    "Rx8inPInAd8Hz18B/y/4+/C+L+ClpjUzxBPX457/3uHvBG2LjgldjqEa2JS9qx5qf/ITZf"
    "oS2NX4BX5ELqGhjmN36ClNGxu/tThdRK9AAmeCZxxc/pqu0DFQ0UKnFiLKKl0yiQ/KFE7w"
    "evj4Ba3yCSc9oGgYEYsd6YHHvfkrWglJgJ/7kJhLZAgZYYoN02KSAluZ7O8ZtcAR1PHbF2"
    "y9DTz9+DImntTzmBGhhEkkjIoLOuwvPhf76V32h26B0zMusxhmhhRiT/6JFPHpcsSk+HEY"
    "4seaa7nljzVJC0/FTx9yHIqfojvt+kzkt8JHort/5IXXHd5CaD+c5YD2w1kqtPxWVNoQ29"
    "pYxUzFKrSI45QS8FyAmzp7IhqbFrRsM47404KdHql7dwL55o08AXZ3n24M6s5W/v704wd/"
    "8+b/ydqun+56t7fe/pwA8ISqCdvGM1NLNkDrEZZazw0DNktA7v/tOSQbe8v26K73t+OQfH"
    "w7vP/NGx5Y5te3w6sI+goT0K1SykuYcje6yy6llQNRVTyQmqqrPCADUxUrjzbpJGgpwduZ"
    "+onuDhwb7sgcyolHA/5JJ0x30BA0ubURIfDT0wi8IT+PL4UesaTGC1MFlnPKhrIVoWI+Hd"
    "TAtwfOyQTVpPqHjMiCviIT/CRs7+O/l31jPwElgP3TZBNg9gdWXtIUk7xqiPi7gADhja9G"
    "bNivJlKL0JCucwQYWXSbjZC20EZ06BttSJhhX2gx5d6jKCUVlmLlu3plwp2o92vENWg638"
    "ekkM4ZIWuD6Fi3JiQgY2qMUU5eTCCvYDNrGA/atJcJhk0xwea8PMMj9JLjTeN4Q9SEns2E"
    "4P4rIlYnQUsI3M1UEiAfN0b+wM06gq4jor6hRFsBEym2ga0VEPTmW/CVsjcHVIdsoQHM/s"
    "kdBAtoviAVvELNRmYXEDbY4DqAKQR4LgG+jSsJdT1lC+lfOiH26YQovpu21czSMg9xyA3C"
    "EC3kB3HH12WX35+GfZYn7uIsPeziLBZ1wXZ1ahQB1yeQov5mUd85aca6PdGwUjCMKIm2Js"
    "z3t6CrD9ry3HPFwA5TtW9p1xKxpSILYi0O838/De+TYV5TRA9grFjg/4CGzdrMNZ3/nNpE"
    "4TCCiY01CxPzLX/sf3V2r9FwhLJdUFFvU+RU5RNwF1RjtA5r/oRM00EoQe1Y396gd1jzsR"
    "kYuVHxGBIETDwjSH2DCXBJP7uh1FOG1hxY9AURE0ypsQA8UmkKF1hbxbWL7aaSKsSBqhDl"
    "DuetT+WGsaLmU5kbFBBJi1bvE3shcB6wl4LusLDUGaBvcrhN53rwPPh7//4SKNjC/0ZkRJ"
    "jy8+XLJWA/bDqN7jm5ju48YWUn6WFlJ7GwMp5YQlDCwZ2+3gMkTYa/rHRUPcQHFQ4iQ9mr"
    "MVQIS71tlrfyB2gl5w+J8+gPHbPZSvA9TNlCrh8Il/OFJaBXpgGUS1EKUkr33SFwmW1Xpq"
    "OH5jcjRSnbZ0qqXjlwLZ1F1eAQWYuCwXcc+CMUk8LgB6kk9kWwj5nsoh9CnBFfqIHwjPwV"
    "rWJacgT7dTSwO9FhceFPb5l5V9evaMClbzoLf/rsH+xHI8vZm3tP172bfie+xCuA9YnP01"
    "MUah/iEs8LbvDTTsY23cgcPESFyXTsmEwTNheX/stfH5EGLZx4XLq4PzpzPfOpDlcCjgH/"
    "Z50m+Sv2Y52XipnjvVvdLFP8JDAoR4rAEq6ARQETfJQ5gG6IzSWABFAdEax22UXGD+r+U2"
    "dcZvOw2+wNgIpesYIS4n0qmzYx79iLExDRQWOxOGTycXMOyq402u9XLk+Pu9lssK87BqcS"
    "Y/3dw3j40L8f3FyChT52dpQRGfb8qxT6V7/dD4bimrvdjMjDV6Z/Xjp7zoj0Hh7GN/3fB9"
    "fsEtt8xs7m0wyDf3CDK/C9RMiazMrGRPw4mJkIaijh20lPwo3StQLsXSfhuj57XnelBAuS"
    "qdtgwNk1H16RgdnDkiQkSjUESco3ECCLwD5hdHV9AP6V3SJ/NRzehpC/GkSh/XZ31WdbvW"
    "ADG4StFBOO9Dam7/ft9Tk1zNt4QHtegxidyyGxNwN5477mX9NK2zQ2VGim3U+86jWvd5Oc"
    "Iufd6mZWIA4M2mgc+z7HyhzoBn6FyuqNTjWsrACTdbiw6du0AFQUpLMV0BV5a8s5IuAIAi"
    "aEzpBxCQy6NAE0EGC7BlKP46ayuh6SaDhbfwHOg8bug6T1rDkbWDfLehbmWowTGSa0GGUr"
    "FNW6LWky4rJ2G5e3tZUQhiOkUgtqinCcRwuSsrGUjZvEhoOXjW8cx0WCaHzjuzTSJeO12y"
    "OP13gONQ28YGq+AGoAFZu6BldvwcAyeQFpgE1gWmzlqGwgL37yGYgAO94LA1v87hQTqCX5"
    "jaubWOZ1NXgnyhRypYu4fsF2v7UP933i1uxLbFrdi1bpC/yEYNiphZZviKiFMNcQQ4JWY3"
    "7GFlrHAZrW7cHVbxPS+5cOfXv1XpmK1FbPX0NqergaeHKtcXNTJY+1IWCjHpjOWKl7Sd2r"
    "Led+9aKVhl6TXArZfVR8ot3ZPE/qXepV9E5J60mTL9Y5tSVNjSoBr8OHX713yR3x3Lt+Hv"
    "zOI5QF9Yjc9R9/6/PwZ2SwQ2BEbvq3/Wd+wTFHqlHT2n50NeftxuxxtMiGEiFrQyTnLuw5"
    "JUJnI2RtQHrXMbNYHbONZoKMEvAn0UoebMODwrkSCaSVcKBBEkwNyRJuwHcJJTZCKrXYpm"
    "mxQT5PoYLGWzA7iV5yvMkclzbJ9E21vTZJW1dLcj1MKbneFK4nfOzu2wfLQAtVsQTXw5Ry"
    "R28OkwtbomNJmFuW/IiUjD5IvscLfgQ/G7fAxpY4BWp5HNiOmAskN9FiS5ACOR1tBIlQC0"
    "9XTrumLZHye0O18IPDZEITdPoi8Az4FHdsW4KzQxRCiqwm3UBTZPCa21suqQd/orYiptvm"
    "3K33sS1WbKZ1lG0bsTLtCZ98gsYzA269XT15s/3GJ2srZlDXKbu12H57761najFYGlYEDt"
    "uD5c3UVrCmWNt2y3oScfRf2ERtAqnOwJpQNcOE8JpotcP0IJtQjUUxdGPOhcMuAE0AwdPX"
    "3pvT8w8iB+It+OmWg/gpsiOQBSg7srtgsmIjGUAq5lNADXx74PpoPOmi0pll5M+BRv6IpV"
    "g44jdM1brYHxnzKy2tldjXyxX7kXV+9s/eXF4zrwJd4WLsITqZzVxVNnOgE+GW6czFzNlN"
    "Y0benObwOmxSUnOocnuCzB2t7J4uczvV0WFgqIxv/+WkXBnfvoNYVCa2GEXzi4M0rYO4hv"
    "7k0DSXlG2uRRW2GGELk2FPz89z4M1GpQIu7kXak9NEi1t6y2yfoBkds/nzDrpjdgNywBum"
    "QdW9j08h1oQCaqGFnuTByM5YSiDfnYbzrl4xporcJY0qPJuXSaM4IRtsQxngCK00DzTZPK"
    "Bik4NctKx6kEyWVZdl1aWRNbugoCfa8gqcs1LsT5lCroOmrwMZ8HpAfvQbpOFXZKw6iaUK"
    "3XvdLFueG+qmBgdXas370UFeQGWgnq9BbaLGamX/CJX8NegrVpExNtDUGSmtgNIK2EhWyN"
    "LZh14Kjx2c2Er0c2Vr5kE6qZKHjHx2UuXGbDR9IgnlYVdmcZW/gkbSzvVjvydKr7j0I/LU"
    "v78Z3P92CUwkknzElWfxX0uUahn83n90i7VwAYbTfOkNbvklx2rGR/XEANiQUi5lrYDS/J"
    "fygahM5CyReelTtVApPRAlNJfNT0PQRCWNu2FSadttPJ/V8WRVRNANEbXPFVWDvzuoVhcA"
    "Okonsd6MtWgxiQyDGoWWdIiqfTifvnuXJ6jg3bv0oAJ+Tzoqfk0DdThamFglWB4gkyJBk0"
    "WCKSaYN6cpUzArTCr53GQ+CxdB4Zj/IJWM+K8q4t9312wZ75+3jkbTmJA30j+4+poU5+/g"
    "nuAQ9Bmy0RvoLwEZ2C9detKlV4NLz9k8BEIFUA5T1WXP3x/OZxc5cD67SMWZ34qYhpFq62"
    "j8ggoZlcJUrVvOJx/yKOBsVIZTI6aAi/2keN3uCFkrnNVZknkdNbttY5YosmWGxK6JZEBs"
    "gYBY0578EykJYKfvJgGS9hnzqjeacienxtDg1a6TU4+z3aRJ9LLTizSV/uKm0r01iW/a9t"
    "UEG8vue8Q3jAt5jSzpLeLZG4D7b7e3WWaWUIFuHh6Ety31FgyqPrC9LTVAPVYgdrxwyrtu"
    "iVVbK8XWabwLYZZgw4timm7KC3Eyly2v8zxHAJM3bE4gqC8B1JZwZYKlgS0LkS5Yzhn/2P"
    "oH7GnIKWVHrHgdvG0mSkwhWO+XjmkymjggTYnSlNhYVvzCpsQ9KqbV2xItbGmFMPYJWghv"
    "9Xr/hKoJRtp0y6E3vhXg7tpkKG0A6eu8vTYA/stKsDxAJsNoZBhN87/gHQq/DTCw/brwN8"
    "rC1jQ2bG9i8wOZYntMBbjK8LD9hIcNp1OsYKi5lV6/UE2jS2FniRmb0oZ2c4SQUTieBsdv"
    "ND59nwt7D4AEUPe5b9wSs4DqiGAVOBOagI0D7q0ub7bwHTEdzPqLCfzOOmyWWLJn9U8YEZ"
    "usLzi9xwDP3gAmxOpbwD4GpPIeD3w65wlsionGVi4Qqxcc8XdxHr2AK/fxIzJBU/Y5Acym"
    "c75OYLJvy2REx5/FZAQtEXuMeCRYYmIGLGri3Q0Dv0INUENFhuwm0fRzrJthQ3OWR/Fu7F"
    "G61lnSqrdAOJ+f20qyQChNiG6H0TT70YoqDKZxjZA4qcDxZo3Fo5NCc2mdRXarTmfIYZqB"
    "EuwEvtMyZ1m3OqXPQCfMBIEz3Cdzo4yph4dvFDF7rjTFhDCqW2+ozeS+KW/AxVbljBqrz0"
    "wII2zJsn8C/ggFMZFrRhxRLO7l3H66Db5ObyLp7mzS7pkuqvn8KiCmBWla4cmo293JPjV2"
    "7LCPraCQFqKTIc8FpDQpJPwqQoI0Z0tzdlPZUKE5e0+i77qxeZLoG2p7vln0Xfdbzyn7Eu"
    "CE47EFojmRm8CaQwsYSEH4FfGWtb44y2cHXhCo6FIrTJH8qmhTmiALVzr9iIxIz/k3mwAq"
    "c0ZPCQpN3wUmZXRggjRKZiYbDdjjFmwTFEOdh10y8hk2LcTfk4+eUmNEIAORG4Jd2+qC8v"
    "djIjnwnolNJrC7t6EGuMDHni0sqyYiJnLkfH3OH0SFQXlwMyLEXkzYrEfsMZy5Jr8eBaXL"
    "7cbsBbUVoLbh/OYZ+wiXcAVe0IrpDkSUOuQ/B1vH7o8cER4h6TcXZg9g/z+CwPk2gbP7Hn"
    "92b7wgnWHgaCManZnikZCYS/Z7wNECmi9IPe46Bmzo/mL+00IvYyCdGhY3Ob9CDat8XtWg"
    "uo5UaU5u+jmSpaPIkMwd6Cg8/4ztNItkjDfXbA3SN1kp7AyGT5cAU5Nt1/c3j8PBzSXfVg"
    "yK2dbCsLkb3v/PJWA/eUHJKnpm5GFN9cVX/T7xuYM4PYLWrfvzkzwLn41KhVfck4GF7VYW"
    "8wUWOlJWKcbHiFvI+wPhda4oQ2kZkJaBJrHh4C0DT14M0W8GTOnNHR7RzWEh8AOTxjOfZq"
    "OVYEjQG77DruOc3rh6OhCzrNV4pii+Ik8pXmCC3+gGZWMWXT4AeEUY4paC6h/BrQVOgBZT"
    "fZHuRG+xs1YDTmwXV3/nUKj0vYcB16z5QcyUZR5LxfRaDakzNt8C85K7XLu+BNzmwJRjRW"
    "GqNP9quPrraMTrgC5Fw8idnV3xI8R0qtu6E5nVFfM4+rxtOjYMX+8+e3/y7sRVy4URgT2A"
    "lwnhlhP27UPDMUkwuEDgPYIvMaHW3PmJfGYFXY7IzwnU+Lif/IXndMk9kCuw4C7H9SRm8P"
    "X9Ca05JO6vAEcEzaCFX9Gle2VE/HF8Msd6IF6ZXwXs8BAGmJ8GWrAPkHH6p2PjWM6x5sSx"
    "mdQ2HBzZ+gQTNGebRR4fqF/NA8fbRUkTQyNNDEGWFVG0wmRN1nsbE7Hmf29xoNOb7ARpWt"
    "NH5PTk7OPZxfsPZ/5S969krfC4t9PdQQsAGqCQcErncdvtAdJ53MgTWaqIbVYRe7pO2Wsv"
    "Uko7B29nKocwMlDWd/7lxHPpAdyBB9AL6yx8BEYI5SFYOrdhDjWtMPwBIgl9aeg1qkBtzE"
    "XzZKE/GfswVZbAf4CMyMCUC+yH3/KVSRH41XuX3AEEvevnwe/9S+BQj8h17/66fyvatyr8"
    "t2mig+v11/71X/s348E9uzxHygviiY0jcj8cP30dfmeY07E555mz18O7h9u+00OWLnQuvT"
    "Wk66ts4l0/xDL2oGW2hjyxB/4+UYbvEVpZ3qg5RqWkKJMFR1FlMsJq7NRIKBVukjaL5P5B"
    "cH9ObaMC9senkfxvMv+lTXmvOp2p0eKl5QJEEvqqzPkc1AqM+U/uNAfGgrym/MDSCxnyH9"
    "lG9Di4fu4kbC7SRbKNi2SN7H58JNeQ6ZYqNG7gqpPgIwne7mb5SBR3IBcQczlJOj3AhvKi"
    "YiKyaonQi7YCOrQsZJBLoGjURCo4mlMNs3HHXSfcawFf0BtbB0tqvPDsND7F0ci+UN69H9"
    "ln05OTY5FBF7Ve1PqwEeEDTJ5k5k3OR3IkM6K1uNFUvCaUpSoadIR0M5xA7tLOa5p1h//S"
    "NlnxZYyhOXa/ijh+2X3Jkuhb1FCpis5khCZ5DNINpN74HZq5Cxq4GxMpKL1hTRHfvdNyS0"
    "HzqzvNgbEgr5gZWHpNisO59so1JQqY61JOWdJlYFQOyZJxzRaVD7CKmCDHcemCJbbmIqze"
    "wsoLsgCvhIb/AAwky633GhEZS86SKe4p7Md1GFrrK84EUgZszj6UJQMK/hU4bb3xLfRFVh"
    "8AJP4uIsrAxGKmbQC3emHG3WcKwLumaCHAJ3kc6el+9Fgnd+dtxyYyeH2h8QIT20pqBpmt"
    "72RMs8N2zDXnSVSh9UjRXIrmTWDBDkTzgBPD3RVccXjrxrxPznxBGbwl8Me8cNsi1S6/T9"
    "xJ6SWSVoDTsztVm/CqUz0WO1+CauztiOlqsbf1yowUqYjuVhFtdR6KVENrVEO57+vflBTs"
    "Cbym2aHbomdi+B9Pc0hmc4gP1YdhMFETmoj75c0xnCOYsGtn66TJM+xOgfpY7z5ehTbqQc"
    "TDI8vC69HuDtiL5gOr8S66JW0pUdrdAfvhAAwoThT/WLEtOp2WhTh1kh0aq04PAGy+xzvZ"
    "WmMdGeO0wLlssFMn2R3Y75sPtZvVxgu4lTfDpk6yw3V9fjhYa3iBE6Jr82HsE8tlnADtkv"
    "0O9heXvcoCHJlidzB/OoCd2bRNHRETc6NsCYwTyHe4jA8AX24wtOwkU8UXjcI0yS1AFIFz"
    "yqlyANqweL+sqMnht6vbPnh47F8PngbDe/6UdRKRuMkvrZtNPfZ7t7HaAWRWAuYglcQ5B8"
    "4zRKe8deJ4gSwjSaxI3SgSKFsUx7pV5buYbzGPK8zLN9jOXRFJbzgwU10u705VvsK2OwlF"
    "628yE2aYLaEaOlN99WZqI1zSFV0KNkcW3xKr72KSNkFUp3s19DUmuFmjX2u6uzW2RWwORf"
    "4+d/uEcVftX0ygUl4tHRoI8MkAJQD6CWNHfAzgvo7jz4HLPOCYNyaDwKBLgMWDQ4HKNTxj"
    "RJyUON7dLUcW3LqCvICG91ALZsJhC3gZcpsDpL1EHxkPfRBu6LJ5XVumczVtZ6tQY+Yfre"
    "naHIvCGqWV2EacHnxXKwtujFiiK2NyZUxu81hw4OlyUVUoqbVRXFtKF1sjqlrOJLrvc6zM"
    "3RQ4Ju6doRM4ss9P4cnI/qh8nPB/n06OAZ9cNCp2n8KEPbRwCC7YoE8XHz/5zYq9ITwU7Z"
    "g3HhadhDgX4tl3u398plTqYyjS96Ro2pQ9MEs0DfEsxof0aLMonQzryxFmJmt3773YmBS/"
    "pPjVBBZUJn4l7S8VwNpCG3MU2sim2ijplmdSJYm0boZVhhzrjag02+VHaGmxtWNYJi9tKo"
    "W8xuy0WUKebMyyg4QYKVnIriDNYURWjE9iVxB3R0/EL73mdYiwhd0NMmA8uDLXiKhlWBwg"
    "kwxuNIMVqEMFW4X9jEG6Np1CVbhrJpS+oMLZgGuq1vTtrTADsEw/lQip3IkavhNJQ2ezrG"
    "3SNNTZnWloDXugK+6W8YyRRrwtAb7WoMZQnZ0Ua1qwDk+2Vc2v/pPTNRwpn0+J40p1g7q6"
    "zv90ZGCquv9hP4QRaFBBZoKvd/v5ZBmbBu/d3Qz7nYwfrDyjkdstSoa4RWkltn9G7QwlkQ"
    "1TSlyj0QNSva8eU6moSEWleaxogw/bz/rvJMne67vZknd43Eax+4pSkYDj0KlI5TGMTlsC"
    "AKdMdAYG0kVLZkDoG176wfzs31fZ4cOk5hXQ8NQC2IpL4dVPL4XyBu9TWUK5dKrvwKne5N"
    "asbV3yMqShAdBLj/wv4CaRHvmWM5gLeqXcnSFC2T3+AHg8SdBY0+XAEFEpObBhHK1DECxQ"
    "86hORfZZ9LDrJCix7p1ulgJrrcfUFJLtClvhcEa2TJAWi8/+EZTOwgRuAURiLybsAf+QSq"
    "dUOhvLChnJ3a71Lu3xDWKBDKbfMpjePUJj4KXXIPYJ2rRstyp3Ga6Oy0WZIsK1R9DCpPSL"
    "HIfdRepZd9EY+2rT1Je9bLW6gamR6NG/olRDkKSgHyCLgD9hdHWtcf/KbnfYq+HwNmQLuB"
    "pEgL3/dnfV9xrRrksTJxpVLTshDpNvJX22C8f8ylHLqku9w/ZKS4gtDlwx3Dvfe4Pnwf1v"
    "l8ClH5Hr3u1t/+YSsGNaQyr7//Du4bb/LC7Rhc6dxvxq7/667w3kbUvE2LvB0xO/tMCmKU"
    "bdDsX/nfqHUSdpnm3s5EOOfewkatYJtBb+EN3JwvprjMUbIuWixC3a0yppzSIYzwCzSeEW"
    "FlFamRET1HcMESxQwkIcpmyhH6DDfqA6JNqq45cIPgSbsbsJZJqMRcWuMkwPEbaQ5wfC45"
    "w5UPzwLPNlBwml76fJPJ5igs15KS5HSCWfm8bnRnmfrrn0JBw/KU4ob0B3sy/KEcXcsRsD"
    "Kp/nCGjQtIAjHIMZfkWE5xmJoMYu8AyvABKVlz2/dAc6xdVnUH8zNRBy72JtFY+prOUJBT"
    "1mspBRgwwkGf28pXtg3zYr6R7Y0j3At7pUM0XqAo5QtUaJ3lVTrDqPaLfVTMLZvG5Ck34o"
    "L9djNh7GPffoQypwD3GnYDPPSKALBNaNhuLHbEHazErPwSgReWo2Y4uWQSN7DRopZ3hup+"
    "u34szMBI/Nfz8N7zdKekm+GhUrFvg/oGGzNnw7/zm1icKhAxMbaxYm5lv+vP8q6MSpQv7g"
    "OIWUbG8JH931/hZd3de3w6uo9swnuCrgRktNSti964z3+akL8lqd8jL+rCnJyLJGeZ4k5I"
    "a2iOnpOpNgoJWSgRy8nSmgszsGfWXqK4xQbBbXCQjQ8I4r56efEO+7Mv1wzBsAQuBE0oAp"
    "NSL9WRIE+G1n25xq/MON7OGjTXuywJbrYmTjfgR2cZVN45X/lgK/FPgbyYqaBf7DCyYqDn"
    "bn6dvV3eBZRAn5+8GI9K6v+w/iIlQUpDuRQ8PHx/7182B4P37s/79v/Sc3tMgwkJCFxwZi"
    "b2qKsU/fHh5u+3f9e3ditqshXthOzP3w8Dj8Xcwt9l1+7bH/5ZsIODLQ1BYRSNzlc/PY+3"
    "5/Kdqyquw8Inzc07fbZ/b83s3/8MEm+41jHkawSo53im6xeRbSaZ6uQKfpXYFO412BmDjB"
    "3nJa5GMN0lSSPtagT7WGvkscLZOvP/dTzGl0jdFJs2tUTWeixoJBBLWkIsnP6I8UZCNkTd"
    "4DK3F49//2nK2G+/7u2+H9b97wqG4ehp4JqvgVJVVKyncEBel3GdHq27sLBbQO7m+G3/lu"
    "z6lHpH/3dAnQItboew/qOlRVdtSYJb6COGUbUoF3/R14KC6gmViqPf0UjVO2Af9IpPVpnu"
    "XORqXHWp/GlnxIN4wBvqFASYRWhjE2LvQpdMo4qn5BJq+pZGBbo7mLFKyW+ozDlJLLTeYy"
    "06IN/kVONTibleJ28gyS603muopNHVpKufDkGLHkdZN5betqyTyiMGULhbEDzSNKYLv79g"
    "Evi4UWhR3FASLpKC6fut3gwqQthT/DT7/2Wm7pqX/wJzowNuT11YcWYMhb/8h2o8fB9XMn"
    "tsVUgOuT44seuLO1FNzA1poCbXokRCA+gQFjYKht3zDKixW4c2dsEfRhJwRC7Ii02ALbEr"
    "MvCN2LedqKFC9a75aTKI/SgzPJg0G5LGO2FSsu72qYJDgMi4D17M7SJ1arOlEU69wW8sW6"
    "EQHpuA4Jeqbsj83oXvuz5f5um6mFZi9F9Ao1G1YFWj80W0vgKh8c6J+O2UGCwUM0R7DgIj"
    "i80sqvMummKRpJF6TH4Hn8ZwCrCUdIulMyRtiK4Ijao/GobSTF9uSMxvOpmwx259vD7bB3"
    "cwlsXaNQHZH+7eC6f3/dvwRMxFB4kBKPgfv21OfBb7bp/M79Bke47+UAWuAriNK1zzFf/T"
    "fgYeYklZWIR0mdoA3o7zosJQJm8eiU1AnawI26Qz55fHX548Aj3mFYHBcbuUO9U/BM4NHS"
    "gxse1uzNMCLPw7Ebjs34TseuyiXirvuPT/0bN+oaGSbynlg4qihXUFFGTFGUYQa1ScLnkZ"
    "0+6xO1JjBXFhWUzsBuqaKCgdywwm6pOK30TZV2DU6xhgpzIEDUotqz+/UKRvI1t3RhRfJF"
    "D+xTyOvCiu8EySm90QVfhY/QYhTqF3eyw1rveeENfOaFPYR15kpfM+ivoYk6CTZQ/143l+"
    "FTJE0p3vgcJY34WJ6+bM0RQEzVUVVRoshg/yMzTBA4+gl1/NZ7wFunlphz7+fxJVjOoSWI"
    "eR76X0xAlyQq0tbzlBHxRgNzZVpoAZbU1lQwp5raBS9It8AcsQcs54hwUvZPbAJCCZKdn5"
    "t+rHQzTLt7SdhsGCNqVt/Dx1BRsJOpWwd79RZEEcBS1GERImqy/bwxq/swCijtDODqU+rR"
    "K+JPigGcXjZsTbH7gmH7MXrXUhpMmp7S13y7TE8xvXtviks4AChZgYkFCeVTZAKRSvkqpT"
    "PZPlDzBDhBiaI2U6x40xl6925kf5icnrA/351+HNnnZ2dwZH/8iM6ZvoF4ar415+VZeQcd"
    "/jc1wNKgZNaNqTe7ezTTeSz2KAW9BT1gIrbGVe9RTLdx67OAyUqoSs6nxzSh1JrsUuE5BI"
    "WHS3iFTlOfQB6mWxymfsWkEsdplLaFB+qBHKC58vcgMZe8NHcJTkdIZZ5mo/ncQCfdL3LA"
    "bSWw5nQqeTHYu3Ep7ZVxVTuUqlMJbpAODYvXE0xSBgJ386kBaphAhnK3cnfIEn+LGkSrtY"
    "W22uAs/i4ArTe+hVbQaszMBU65jfpdkTS3dib4FktyK3hOBdKwEs6pcJJWjnMqnCO22Vw1"
    "ss8/fVTZnypCI/tiopxdChsSb7wXOLS7AE55ryBscQOPW/UpXpx869nk6XigpyMTco2EzS"
    "M7cNcnalOcYRWxuxacFbK0eeOloW0brxVdePJ9fhnPJ9lhkkBnJ5LI+bt3OUQRNipVFhH3"
    "pGfw1/QMhsuDaxojsPVxuTqiSfTSwtlkC6fDMfa5Mp6V5XeQWnK7+dzm3CI0Ld9u05ftUb"
    "YvrbGWgzT4iUxSiv9v/rgm5cv+Nxry6k1U0mUjXTbSZVOvy2Zddy3BEhYqypbDELauBpfP"
    "ENYDjMILYjoa2R+n7894dNR7NLI/vTtx46J41NSHD8cirkmkjbgpH9g0baQ6LfdCgVafgQ"
    "5XXEc0wQK+IBNgK9atZJfPHhFqqMgAU4MySksa3Zq++3UzjG7OihmnNZ3OcKBECaWTaqME"
    "wL4ltqUU9QKGqVrosKoeaAPN+JlTFOkIWQuhrr7chkUtcVQmFRTM2MVDZG2y3e+4RgC3Zq"
    "mJFWq4fSQZ+yBNllXkAJmQgSc3cyRkqclw5J17SRxps4RRL0TYQvt9mwx6TbR2/DInhKxl"
    "UuR7q8eOsbPMtWgV9QTLR0Kh9Rz2D7fG+1gPkuWpwyGKYfA8WGDxYhfQMPArT+ZCU34HEo"
    "CgoWFkiMAeOuVGBVFW49KpdWETC2vCRjGDOphijf2CBINHXY9JsGX8iH42fi/nf0gzR1M2"
    "vW6GmaNEz+79tOuunxOVdewWn14R6dknkNLzVsl8CuL7XKlcvhBpCyXoFkfASIFaCtRNZ0"
    "g7BOpgCkKCMB3JUMghSHu9z/IIz6YzO+A0TomFi8nI/nTx8dMxgGbMc6fbE3ZuzoVn7jMv"
    "m8A2nLlTOOHnCi8hmTGR14IanTEKovxMEqR38UjpIGzw7pYlOcuctdqqd8mctYBfKk+7ED"
    "YqwzMVaxnygpMKwafj641vIb7Vu1h5wR7MXyrBgZLeGCRM1Qqgs1SMOtqBZHT1TFe9Q0RS"
    "/d5C/dbQjEl0Gl5ga6zCVeGEtST6NiljVeSuMbF5gU2kbgFzyhQS6UgMOErqdJu+j3jj5R"
    "ayxRbyik2cVFQ0e0WvqeQiDuNJCe+Ly+urMFmnIKpRWoltLGmBsmmTs1qvKNUQJKk2xyBl"
    "BNgJIz1AZLPU6+HwNrRVXA2i0ty3u6s+02LEvsEGYSukg0cXdEG810QS6vxQo4XJDY+YVy"
    "otCHiUVMKeH3Y3q6Ag4gEqCXZ+sNlPtYuHnYepZIJfnqjzf9mYF9DU0CvSikoicerdySKn"
    "zRdEptRYjE1ljhawkMISJpN6yzZ6CzLMRC9nus6yptjdYj6pdzFXFj8DFYvJDkWlap9ohy"
    "eg53Q52BPQ1tWSNWPClDJipikRMwkx6O7bB3Jj/IKrhQNmYqRtsgvsN14mXAZ3y3CZcBHe"
    "A2NH3miZ2GIs3PExMVppy0Kd7YxUqrVQZ6AxaVJcUahtaZ76BN7QjWFFQ4KArWsUqqKPCy"
    "+maVJyKUJ7JisLmQDy+B7xAqIpiyi3ycCxeHT90WQFVDxDptUFiCjGSmdsPv7ciQBdz1NG"
    "xJrzhjB0yQt9LufUfQSbgs276PIIJd5SM2eU0Y+O81bi5cXTnBB+GXnUuMgjEWemJB7dGc"
    "nyQaLWxSBVb7Nwv4ECCK8pWhG+UXuLRvzvQlkn7vA2yZuVacwLpGLoYFJgwYapWrhoawju"
    "kjVWW6Yv58kwcSSjwrpyiKxN+9Z+9eS1nLqljvzgT3RgbMirH4cWYNFEkoCR0EyKhSqpEt"
    "+5AZeH5yXbi2b8zA4DHr7QJ5ax6iQox+EB3Vz6seXS5NKR0/HZKh88NhJKhXOfG243Q+GU"
    "3dRr7qZeoidlW8XIAxEbE9wscbkxy6KfYUcIUbXw+6khYaxgafStCqKXAveQG4vso0ZIw2"
    "S/ykMcZM2CRuqWsmZB22oW9Ji2qcw7CZqTe6ebqTKtxzSmLe2vovRsudmmqzOp4XrpAkN6"
    "vF4bBLLT8/M8Gs35ebpKw+/FjrgiCLvDW4juSS6Z7CRDJjtJaPbmBAfEEU6P+A2QyGjfgt"
    "G+MZFhl4fZn/8fhdcsfg=="
)
