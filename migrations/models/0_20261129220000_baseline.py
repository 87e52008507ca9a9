from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# The baseline: migrations 0 to 19 of the PostgreSQL tree squashed into one, as pg_dump wrote
# the schema they built (tables, indexes, constraints, and the identity rules' triggers).


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);
CREATE FUNCTION audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION binding_for_active_person() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM 1 FROM "person" WHERE "id" = NEW."person_id" AND "status" = 'active' FOR SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'a binding belongs to an active person'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION notify_delivery_forward_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (CASE OLD."status" WHEN 'created' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2 ELSE 3 END) > (CASE NEW."status" WHEN 'created' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2 ELSE 3 END)
       OR (OLD."status" IN ('delivered', 'failed', 'dead') AND NEW."status" <> OLD."status") THEN
        RAISE EXCEPTION 'delivery statuses only move forward (% -> %)', OLD."status", NEW."status";
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION person_transitions() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF OLD."status" <> 'active' AND NEW."status" <> OLD."status" THEN
        RAISE EXCEPTION 'a merged or deleted person stays so (% -> %)', OLD."status", NEW."status"
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW."level" < OLD."level" AND NOT (OLD."id_number_index" IS NOT NULL AND NEW."id_number_index" IS NULL
                AND OLD."face_verified_at" IS NULL AND NEW."level" = 1) THEN
        RAISE EXCEPTION 'an assurance level never goes down (% -> %)', OLD."level", NEW."level"
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TABLE appointment (
    id bigint NOT NULL,
    public_id character varying(32) NOT NULL,
    category_id bigint NOT NULL,
    hall_id bigint NOT NULL,
    local_date date NOT NULL,
    status character varying(16) NOT NULL,
    idempotency_key character varying(64),
    channel character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    cancelled_at timestamp with time zone,
    person_id bigint NOT NULL,
    slot_id bigint NOT NULL,
    CONSTRAINT appointment_status_known CHECK (((status)::text = ANY ((ARRAY['active'::character varying, 'cancelled'::character varying, 'checked_in'::character varying, 'no_show'::character varying, 'completed'::character varying])::text[])))
);

COMMENT ON COLUMN appointment.status IS 'ACTIVE: active
CANCELLED: cancelled
CHECKED_IN: checked_in
NO_SHOW: no_show
COMPLETED: completed';

CREATE SEQUENCE appointment_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE appointment_id_seq OWNED BY appointment.id;

CREATE TABLE audit_event (
    id bigint NOT NULL,
    at timestamp with time zone NOT NULL,
    kind character varying(48) NOT NULL,
    actor character varying(64),
    person_public_id character varying(32),
    request_id character varying(128),
    detail jsonb NOT NULL
);

COMMENT ON TABLE audit_event IS 'Append-only security events. Holds opaque ids and masked values, never personal data.';

CREATE SEQUENCE audit_event_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE audit_event_id_seq OWNED BY audit_event.id;

CREATE TABLE auth_session (
    id bigint NOT NULL,
    public_id character varying(32) NOT NULL,
    audience character varying(16) NOT NULL,
    channel character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    revoked_reason character varying(32),
    person_id bigint,
    staff_id bigint,
    CONSTRAINT auth_session_one_owner CHECK (((person_id IS NULL) <> (staff_id IS NULL)))
);

COMMENT ON TABLE auth_session IS 'One signed-in session; its refresh tokens form one family.';

COMMENT ON COLUMN auth_session.audience IS 'CITIZEN: citizen
STAFF: staff';

CREATE SEQUENCE auth_session_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE auth_session_id_seq OWNED BY auth_session.id;

CREATE TABLE binding (
    id bigint NOT NULL,
    public_id character varying(32) NOT NULL,
    kind character varying(16) NOT NULL,
    value_index character varying(64) NOT NULL,
    value_sealed text NOT NULL,
    session_key_sealed text,
    verified boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone,
    person_id bigint NOT NULL
);

COMMENT ON TABLE binding IS 'A way to reach a person: an openid, a unionid, a phone, an app device.';

COMMENT ON COLUMN binding.kind IS 'MP_OPENID: mp_openid
OA_OPENID: oa_openid
UNIONID: unionid
PHONE: phone
APP_DEVICE: app_device';

CREATE SEQUENCE binding_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE binding_id_seq OWNED BY binding.id;

CREATE TABLE calendar_day (
    id bigint NOT NULL,
    day date NOT NULL,
    works_as_weekday smallint,
    note character varying(64) NOT NULL,
    hall_id bigint NOT NULL
);

COMMENT ON TABLE calendar_day IS 'A day off the weekly pattern: closed (holiday), or a make-up working day (调休) that';

CREATE SEQUENCE calendar_day_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE calendar_day_id_seq OWNED BY calendar_day.id;

CREATE TABLE callback_record (
    id bigint NOT NULL,
    source character varying(32) NOT NULL,
    external_id character varying(128) NOT NULL,
    received_at timestamp with time zone NOT NULL
);

COMMENT ON TABLE callback_record IS 'Each outside system''s callback, recorded once: a repeat finds its record and changes';

CREATE SEQUENCE callback_record_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE callback_record_id_seq OWNED BY callback_record.id;

CREATE TABLE category (
    id bigint NOT NULL,
    code character varying(32) NOT NULL,
    name character varying(64) NOT NULL,
    prefix character varying(1) NOT NULL,
    hall_id bigint NOT NULL,
    default_service_minutes smallint DEFAULT 10 NOT NULL,
    CONSTRAINT category_service_minutes CHECK ((default_service_minutes > 0))
);

COMMENT ON TABLE category IS 'A queue inside a hall, with its ticket prefix letter.';

CREATE SEQUENCE category_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE category_id_seq OWNED BY category.id;

CREATE TABLE consent (
    id bigint NOT NULL,
    policy_version character varying(32) NOT NULL,
    channel character varying(16) NOT NULL,
    accepted_at timestamp with time zone NOT NULL,
    person_id bigint NOT NULL
);

COMMENT ON TABLE consent IS 'Which privacy-policy version a person accepted, and when (a ledger: rows are added).';

CREATE SEQUENCE consent_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE consent_id_seq OWNED BY consent.id;

CREATE TABLE device (
    id bigint NOT NULL,
    public_id character varying(32) NOT NULL,
    name character varying(64) NOT NULL,
    kind character varying(16) NOT NULL,
    hall_code character varying(32) NOT NULL,
    key_hash character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone
);

COMMENT ON TABLE device IS 'A hall kiosk or display. Its key is stored hashed; revoking it is final.';

CREATE SEQUENCE device_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE device_id_seq OWNED BY device.id;

CREATE TABLE hall (
    id bigint NOT NULL,
    code character varying(32) NOT NULL,
    name character varying(64) NOT NULL,
    timezone character varying(64) NOT NULL,
    release_days_ahead smallint NOT NULL,
    release_hour smallint NOT NULL,
    lead_minutes smallint NOT NULL,
    cancel_cutoff_minutes smallint NOT NULL,
    max_active_per_person smallint NOT NULL,
    suspension_days smallint DEFAULT 30 NOT NULL,
    no_show_grace_minutes smallint DEFAULT 15 NOT NULL,
    no_show_limit smallint DEFAULT 3 NOT NULL,
    no_show_window_days smallint DEFAULT 90 NOT NULL,
    latitude double precision,
    longitude double precision,
    geofence_metres integer
);

CREATE SEQUENCE hall_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE hall_id_seq OWNED BY hall.id;

CREATE TABLE inbox_message (
    id bigint NOT NULL,
    public_id character varying(32) NOT NULL,
    event_type character varying(48) NOT NULL,
    title character varying(64) NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    read_at timestamp with time zone,
    event_id bigint NOT NULL,
    person_id bigint NOT NULL
);

COMMENT ON TABLE inbox_message IS 'The in-app inbox: always written, whatever else is sent.';

CREATE SEQUENCE inbox_message_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE inbox_message_id_seq OWNED BY inbox_message.id;

CREATE TABLE notify_delivery (
    id bigint NOT NULL,
    public_id character varying(32) NOT NULL,
    channel character varying(16) NOT NULL,
    "position" smallint NOT NULL,
    round smallint NOT NULL,
    status character varying(16) NOT NULL,
    attempts smallint NOT NULL,
    due_at timestamp with time zone NOT NULL,
    lease_until timestamp with time zone,
    leased_by character varying(64),
    provider_ref character varying(64),
    last_error character varying(200),
    created_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    finished_at timestamp with time zone,
    event_id bigint NOT NULL,
    CONSTRAINT notify_delivery_counts_range CHECK (((attempts >= 0) AND (round >= 0) AND ("position" >= 0))),
    CONSTRAINT notify_delivery_status_known CHECK (((status)::text = ANY ((ARRAY['created'::character varying, 'sending'::character varying, 'sent'::character varying, 'delivered'::character varying, 'failed'::character varying, 'dead'::character varying])::text[])))
);

COMMENT ON COLUMN notify_delivery.status IS 'CREATED: created
SENDING: sending
SENT: sent
DELIVERED: delivered
FAILED: failed
DEAD: dead';

CREATE SEQUENCE notify_delivery_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE notify_delivery_id_seq OWNED BY notify_delivery.id;

CREATE TABLE notify_event (
    id bigint NOT NULL,
    public_id character varying(32) NOT NULL,
    event_type character varying(48) NOT NULL,
    dedupe_key character varying(160) NOT NULL,
    data_sealed text NOT NULL,
    urgent boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    person_id bigint,
    subject character varying(64),
    template_version smallint DEFAULT 1 NOT NULL
);

CREATE SEQUENCE notify_event_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE notify_event_id_seq OWNED BY notify_event.id;

CREATE TABLE notify_preference (
    id bigint NOT NULL,
    category character varying(32) NOT NULL,
    opted_out boolean NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    person_id bigint NOT NULL
);

COMMENT ON TABLE notify_preference IS 'A person''s opt-out of a category; mandatory notices ignore it.';

CREATE SEQUENCE notify_preference_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE notify_preference_id_seq OWNED BY notify_preference.id;

CREATE TABLE notify_subscribe_grant (
    id bigint NOT NULL,
    template_id character varying(64) NOT NULL,
    remaining integer NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    person_id bigint NOT NULL,
    CONSTRAINT notify_subscribe_grant_remaining CHECK ((remaining >= 0))
);

COMMENT ON TABLE notify_subscribe_grant IS 'One-time subscribe-message grants a person gave in the mini-program, per template.';

CREATE SEQUENCE notify_subscribe_grant_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE notify_subscribe_grant_id_seq OWNED BY notify_subscribe_grant.id;

CREATE TABLE opening_hours (
    id bigint NOT NULL,
    weekday smallint NOT NULL,
    opens_minute smallint NOT NULL,
    closes_minute smallint NOT NULL,
    hall_id bigint NOT NULL,
    CONSTRAINT opening_hours_range CHECK ((((weekday >= 0) AND (weekday <= 6)) AND (opens_minute >= 0) AND (opens_minute < closes_minute) AND (closes_minute <= 1440)))
);

COMMENT ON TABLE opening_hours IS 'When the hall''s doors are open on a weekday (hall time); a weekday without a row is';

CREATE SEQUENCE opening_hours_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE opening_hours_id_seq OWNED BY opening_hours.id;

CREATE TABLE person (
    id bigint NOT NULL,
    public_id character varying(32) NOT NULL,
    level smallint NOT NULL,
    status character varying(16) NOT NULL,
    merged_into character varying(32),
    name_sealed text,
    id_number_sealed text,
    id_number_index character varying(64),
    verified_at timestamp with time zone,
    face_verified_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT person_inactive_holds_no_personal_data CHECK ((((status)::text = 'active'::text) OR ((name_sealed IS NULL) AND (id_number_sealed IS NULL) AND (id_number_index IS NULL)))),
    CONSTRAINT person_level_range CHECK (((level >= 1) AND (level <= 3)))
);

COMMENT ON COLUMN person.status IS 'ACTIVE: active
MERGED: merged
DELETED: deleted';

CREATE SEQUENCE person_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE person_id_seq OWNED BY person.id;

CREATE TABLE refresh_token (
    id bigint NOT NULL,
    token_hash character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    session_id bigint NOT NULL
);

COMMENT ON TABLE refresh_token IS 'Stored as a SHA-256 hash. `used_at` is set once, by a conditional UPDATE.';

CREATE SEQUENCE refresh_token_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE refresh_token_id_seq OWNED BY refresh_token.id;

CREATE TABLE service_category (
    id bigint NOT NULL,
    service_code character varying(64) NOT NULL,
    category_id bigint NOT NULL,
    hall_id bigint NOT NULL
);

COMMENT ON TABLE service_category IS 'Which queue (业务类别) serves a service item (事项, by its service code) at this hall.';

CREATE SEQUENCE service_category_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE service_category_id_seq OWNED BY service_category.id;

CREATE TABLE slot (
    id bigint NOT NULL,
    public_id character varying(32) NOT NULL,
    hall_id bigint NOT NULL,
    local_date date NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    capacity smallint NOT NULL,
    booked smallint NOT NULL,
    released_at timestamp with time zone NOT NULL,
    category_id bigint NOT NULL,
    CONSTRAINT slot_booked_within_capacity CHECK (((capacity >= 0) AND (booked >= 0) AND (booked <= capacity)))
);

CREATE SEQUENCE slot_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE slot_id_seq OWNED BY slot.id;

CREATE TABLE slot_template (
    id bigint NOT NULL,
    weekday smallint NOT NULL,
    capacity smallint NOT NULL,
    category_id bigint NOT NULL,
    start_minute smallint DEFAULT 0 NOT NULL,
    end_minute smallint DEFAULT 0 NOT NULL
);

COMMENT ON TABLE slot_template IS 'Weekly pattern: on this weekday, this period, this many places.';

CREATE SEQUENCE slot_template_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE slot_template_id_seq OWNED BY slot_template.id;

CREATE TABLE staff_account (
    id bigint NOT NULL,
    public_id character varying(32) NOT NULL,
    username character varying(64) NOT NULL,
    password_hash character varying(255) NOT NULL,
    roles jsonb NOT NULL,
    hall_code character varying(32),
    failed_attempts smallint NOT NULL,
    locked_until timestamp with time zone,
    disabled boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    password_changed_at timestamp with time zone NOT NULL,
    CONSTRAINT staff_failed_attempts_range CHECK ((failed_attempts >= 0))
);

CREATE SEQUENCE staff_account_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE staff_account_id_seq OWNED BY staff_account.id;

CREATE TABLE suspension (
    id bigint NOT NULL,
    public_id character varying(32) NOT NULL,
    person_id bigint NOT NULL,
    hall_id bigint NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    lifted_at timestamp with time zone,
    lifted_by character varying(32)
);

COMMENT ON TABLE suspension IS 'Booking suspended at a hall after repeated no-shows; a hall admin may lift it.';

CREATE SEQUENCE suspension_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE suspension_id_seq OWNED BY suspension.id;

CREATE TABLE ticket (
    id bigint NOT NULL,
    public_id character varying(32) NOT NULL,
    hall_id bigint NOT NULL,
    category_id bigint NOT NULL,
    local_date date NOT NULL,
    number integer NOT NULL,
    label character varying(8) NOT NULL,
    person_id bigint,
    priority boolean NOT NULL,
    status character varying(16) NOT NULL,
    window_number smallint,
    created_at timestamp with time zone NOT NULL,
    called_at timestamp with time zone,
    finished_at timestamp with time zone,
    missed_count smallint DEFAULT 0 NOT NULL,
    queued_at timestamp with time zone NOT NULL
);

COMMENT ON COLUMN ticket.status IS 'WAITING: waiting
CALLED: called
COMPLETED: completed
CANCELLED: cancelled
MISSED: missed
CLOSED: closed';

CREATE TABLE ticket_counter (
    id bigint NOT NULL,
    category_id bigint NOT NULL,
    local_date date NOT NULL,
    last_number integer NOT NULL
);

COMMENT ON TABLE ticket_counter IS 'The last number given per hall, category and day: numbers are gap-free and daily.';

CREATE SEQUENCE ticket_counter_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE ticket_counter_id_seq OWNED BY ticket_counter.id;

CREATE SEQUENCE ticket_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE ticket_id_seq OWNED BY ticket.id;

CREATE TABLE "window" (
    id bigint NOT NULL,
    public_id character varying(32) NOT NULL,
    number smallint NOT NULL,
    category_ids jsonb NOT NULL,
    status character varying(8) NOT NULL,
    hall_id bigint NOT NULL
);

COMMENT ON TABLE "window" IS 'A numbered counter serving some categories.';

CREATE SEQUENCE window_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE window_id_seq OWNED BY "window".id;

ALTER TABLE ONLY appointment ALTER COLUMN id SET DEFAULT nextval('appointment_id_seq'::regclass);

ALTER TABLE ONLY audit_event ALTER COLUMN id SET DEFAULT nextval('audit_event_id_seq'::regclass);

ALTER TABLE ONLY auth_session ALTER COLUMN id SET DEFAULT nextval('auth_session_id_seq'::regclass);

ALTER TABLE ONLY binding ALTER COLUMN id SET DEFAULT nextval('binding_id_seq'::regclass);

ALTER TABLE ONLY calendar_day ALTER COLUMN id SET DEFAULT nextval('calendar_day_id_seq'::regclass);

ALTER TABLE ONLY callback_record ALTER COLUMN id SET DEFAULT nextval('callback_record_id_seq'::regclass);

ALTER TABLE ONLY category ALTER COLUMN id SET DEFAULT nextval('category_id_seq'::regclass);

ALTER TABLE ONLY consent ALTER COLUMN id SET DEFAULT nextval('consent_id_seq'::regclass);

ALTER TABLE ONLY device ALTER COLUMN id SET DEFAULT nextval('device_id_seq'::regclass);

ALTER TABLE ONLY hall ALTER COLUMN id SET DEFAULT nextval('hall_id_seq'::regclass);

ALTER TABLE ONLY inbox_message ALTER COLUMN id SET DEFAULT nextval('inbox_message_id_seq'::regclass);

ALTER TABLE ONLY notify_delivery ALTER COLUMN id SET DEFAULT nextval('notify_delivery_id_seq'::regclass);

ALTER TABLE ONLY notify_event ALTER COLUMN id SET DEFAULT nextval('notify_event_id_seq'::regclass);

ALTER TABLE ONLY notify_preference ALTER COLUMN id SET DEFAULT nextval('notify_preference_id_seq'::regclass);

ALTER TABLE ONLY notify_subscribe_grant ALTER COLUMN id SET DEFAULT nextval('notify_subscribe_grant_id_seq'::regclass);

ALTER TABLE ONLY opening_hours ALTER COLUMN id SET DEFAULT nextval('opening_hours_id_seq'::regclass);

ALTER TABLE ONLY person ALTER COLUMN id SET DEFAULT nextval('person_id_seq'::regclass);

ALTER TABLE ONLY refresh_token ALTER COLUMN id SET DEFAULT nextval('refresh_token_id_seq'::regclass);

ALTER TABLE ONLY service_category ALTER COLUMN id SET DEFAULT nextval('service_category_id_seq'::regclass);

ALTER TABLE ONLY slot ALTER COLUMN id SET DEFAULT nextval('slot_id_seq'::regclass);

ALTER TABLE ONLY slot_template ALTER COLUMN id SET DEFAULT nextval('slot_template_id_seq'::regclass);

ALTER TABLE ONLY staff_account ALTER COLUMN id SET DEFAULT nextval('staff_account_id_seq'::regclass);

ALTER TABLE ONLY suspension ALTER COLUMN id SET DEFAULT nextval('suspension_id_seq'::regclass);

ALTER TABLE ONLY ticket ALTER COLUMN id SET DEFAULT nextval('ticket_id_seq'::regclass);

ALTER TABLE ONLY ticket_counter ALTER COLUMN id SET DEFAULT nextval('ticket_counter_id_seq'::regclass);

ALTER TABLE ONLY "window" ALTER COLUMN id SET DEFAULT nextval('window_id_seq'::regclass);

ALTER TABLE ONLY appointment
    ADD CONSTRAINT appointment_pkey PRIMARY KEY (id);

ALTER TABLE ONLY appointment
    ADD CONSTRAINT appointment_public_id_key UNIQUE (public_id);

ALTER TABLE ONLY audit_event
    ADD CONSTRAINT audit_event_pkey PRIMARY KEY (id);

ALTER TABLE ONLY auth_session
    ADD CONSTRAINT auth_session_pkey PRIMARY KEY (id);

ALTER TABLE ONLY auth_session
    ADD CONSTRAINT auth_session_public_id_key UNIQUE (public_id);

ALTER TABLE ONLY binding
    ADD CONSTRAINT binding_pkey PRIMARY KEY (id);

ALTER TABLE ONLY binding
    ADD CONSTRAINT binding_public_id_key UNIQUE (public_id);

ALTER TABLE ONLY calendar_day
    ADD CONSTRAINT calendar_day_pkey PRIMARY KEY (id);

ALTER TABLE ONLY callback_record
    ADD CONSTRAINT callback_record_pkey PRIMARY KEY (id);

ALTER TABLE ONLY category
    ADD CONSTRAINT category_pkey PRIMARY KEY (id);

ALTER TABLE ONLY consent
    ADD CONSTRAINT consent_pkey PRIMARY KEY (id);

ALTER TABLE ONLY device
    ADD CONSTRAINT device_key_hash_key UNIQUE (key_hash);

ALTER TABLE ONLY device
    ADD CONSTRAINT device_pkey PRIMARY KEY (id);

ALTER TABLE ONLY device
    ADD CONSTRAINT device_public_id_key UNIQUE (public_id);

ALTER TABLE ONLY hall
    ADD CONSTRAINT hall_code_key UNIQUE (code);

ALTER TABLE ONLY hall
    ADD CONSTRAINT hall_pkey PRIMARY KEY (id);

ALTER TABLE ONLY inbox_message
    ADD CONSTRAINT inbox_message_pkey PRIMARY KEY (id);

ALTER TABLE ONLY inbox_message
    ADD CONSTRAINT inbox_message_public_id_key UNIQUE (public_id);

ALTER TABLE ONLY notify_delivery
    ADD CONSTRAINT notify_delivery_pkey PRIMARY KEY (id);

ALTER TABLE ONLY notify_delivery
    ADD CONSTRAINT notify_delivery_public_id_key UNIQUE (public_id);

ALTER TABLE ONLY notify_event
    ADD CONSTRAINT notify_event_dedupe_key_key UNIQUE (dedupe_key);

ALTER TABLE ONLY notify_event
    ADD CONSTRAINT notify_event_pkey PRIMARY KEY (id);

ALTER TABLE ONLY notify_event
    ADD CONSTRAINT notify_event_public_id_key UNIQUE (public_id);

ALTER TABLE ONLY notify_preference
    ADD CONSTRAINT notify_preference_pkey PRIMARY KEY (id);

ALTER TABLE ONLY notify_subscribe_grant
    ADD CONSTRAINT notify_subscribe_grant_pkey PRIMARY KEY (id);

ALTER TABLE ONLY opening_hours
    ADD CONSTRAINT opening_hours_pkey PRIMARY KEY (id);

ALTER TABLE ONLY person
    ADD CONSTRAINT person_id_number_index_key UNIQUE (id_number_index);

ALTER TABLE ONLY person
    ADD CONSTRAINT person_pkey PRIMARY KEY (id);

ALTER TABLE ONLY person
    ADD CONSTRAINT person_public_id_key UNIQUE (public_id);

ALTER TABLE ONLY refresh_token
    ADD CONSTRAINT refresh_token_pkey PRIMARY KEY (id);

ALTER TABLE ONLY refresh_token
    ADD CONSTRAINT refresh_token_token_hash_key UNIQUE (token_hash);

ALTER TABLE ONLY service_category
    ADD CONSTRAINT service_category_pkey PRIMARY KEY (id);

ALTER TABLE ONLY slot
    ADD CONSTRAINT slot_pkey PRIMARY KEY (id);

ALTER TABLE ONLY slot
    ADD CONSTRAINT slot_public_id_key UNIQUE (public_id);

ALTER TABLE ONLY slot_template
    ADD CONSTRAINT slot_template_pkey PRIMARY KEY (id);

ALTER TABLE ONLY staff_account
    ADD CONSTRAINT staff_account_pkey PRIMARY KEY (id);

ALTER TABLE ONLY staff_account
    ADD CONSTRAINT staff_account_public_id_key UNIQUE (public_id);

ALTER TABLE ONLY staff_account
    ADD CONSTRAINT staff_account_username_key UNIQUE (username);

ALTER TABLE ONLY suspension
    ADD CONSTRAINT suspension_pkey PRIMARY KEY (id);

ALTER TABLE ONLY suspension
    ADD CONSTRAINT suspension_public_id_key UNIQUE (public_id);

ALTER TABLE ONLY ticket_counter
    ADD CONSTRAINT ticket_counter_pkey PRIMARY KEY (id);

ALTER TABLE ONLY ticket
    ADD CONSTRAINT ticket_pkey PRIMARY KEY (id);

ALTER TABLE ONLY ticket
    ADD CONSTRAINT ticket_public_id_key UNIQUE (public_id);

ALTER TABLE ONLY appointment
    ADD CONSTRAINT uid_appointment_person__522440 UNIQUE (person_id, idempotency_key);

ALTER TABLE ONLY binding
    ADD CONSTRAINT uid_binding_kind_b06cb1 UNIQUE (kind, value_index);

ALTER TABLE ONLY calendar_day
    ADD CONSTRAINT uid_calendar_da_hall_id_61ff23 UNIQUE (hall_id, day);

ALTER TABLE ONLY callback_record
    ADD CONSTRAINT uid_callback_re_source_2dc164 UNIQUE (source, external_id);

ALTER TABLE ONLY category
    ADD CONSTRAINT uid_category_hall_id_b53837 UNIQUE (hall_id, code);

ALTER TABLE ONLY category
    ADD CONSTRAINT uid_category_hall_id_ea6b64 UNIQUE (hall_id, prefix);

ALTER TABLE ONLY consent
    ADD CONSTRAINT uid_consent_person__180268 UNIQUE (person_id, policy_version);

ALTER TABLE ONLY inbox_message
    ADD CONSTRAINT uid_inbox_messa_person__65a7eb UNIQUE (person_id, event_id);

ALTER TABLE ONLY notify_delivery
    ADD CONSTRAINT uid_notify_deli_event_i_f16bd3 UNIQUE (event_id, channel, round);

ALTER TABLE ONLY notify_preference
    ADD CONSTRAINT uid_notify_pref_person__4d2681 UNIQUE (person_id, category);

ALTER TABLE ONLY notify_subscribe_grant
    ADD CONSTRAINT uid_notify_subs_person__3e2fad UNIQUE (person_id, template_id);

ALTER TABLE ONLY opening_hours
    ADD CONSTRAINT uid_opening_hou_hall_id_b53e35 UNIQUE (hall_id, weekday);

ALTER TABLE ONLY service_category
    ADD CONSTRAINT uid_service_cat_hall_id_817d09 UNIQUE (hall_id, service_code);

ALTER TABLE ONLY slot
    ADD CONSTRAINT uid_slot_categor_77cb15 UNIQUE (category_id, starts_at);

ALTER TABLE ONLY ticket_counter
    ADD CONSTRAINT uid_ticket_coun_categor_e577ef UNIQUE (category_id, local_date);

ALTER TABLE ONLY "window"
    ADD CONSTRAINT uid_window_hall_id_15f3c8 UNIQUE (hall_id, number);

ALTER TABLE ONLY "window"
    ADD CONSTRAINT window_pkey PRIMARY KEY (id);

ALTER TABLE ONLY "window"
    ADD CONSTRAINT window_public_id_key UNIQUE (public_id);

CREATE INDEX idx_appointment_person ON appointment USING btree (person_id, status);

CREATE INDEX idx_appointment_slot ON appointment USING btree (slot_id);

CREATE INDEX idx_audit_event_at_500752 ON audit_event USING btree (at);

CREATE INDEX idx_audit_event_kind_b9de88 ON audit_event USING btree (kind);

CREATE INDEX idx_audit_event_person__2abfa1 ON audit_event USING btree (person_public_id);

CREATE INDEX idx_auth_session_person ON auth_session USING btree (person_id);

CREATE INDEX idx_auth_session_staff ON auth_session USING btree (staff_id);

CREATE INDEX idx_binding_person ON binding USING btree (person_id);

CREATE INDEX idx_consent_person ON consent USING btree (person_id);

CREATE INDEX idx_inbox_message_person ON inbox_message USING btree (person_id, id);

CREATE INDEX idx_notify_delivery_dead ON notify_delivery USING btree (id) WHERE ((status)::text = 'dead'::text);

CREATE INDEX idx_notify_delivery_due ON notify_delivery USING btree (due_at) WHERE ((status)::text = ANY ((ARRAY['created'::character varying, 'sending'::character varying])::text[]));

CREATE INDEX idx_notify_even_event_t_bffa06 ON notify_event USING btree (event_type);

CREATE INDEX idx_notify_event_person ON notify_event USING btree (person_id);

CREATE INDEX idx_refresh_token_session ON refresh_token USING btree (session_id);

CREATE INDEX idx_slot_category_day ON slot USING btree (category_id, local_date);

CREATE INDEX idx_suspension_person__dbe87b ON suspension USING btree (person_id);

CREATE INDEX idx_ticket_hall_id_d2049f ON ticket USING btree (hall_id, local_date, window_number);

CREATE INDEX idx_ticket_waiting ON ticket USING btree (local_date, category_id, priority, queued_at, id) WHERE ((status)::text = 'waiting'::text);

CREATE UNIQUE INDEX uid_ticket_categor_0e0794 ON ticket USING btree (category_id, local_date, label);

CREATE UNIQUE INDEX uniq_appointment_active_per_day ON appointment USING btree (person_id, category_id, local_date) WHERE ((status)::text = 'active'::text);

CREATE UNIQUE INDEX uniq_ticket_active_per_person ON ticket USING btree (person_id, category_id, local_date) WHERE (((status)::text = ANY ((ARRAY['waiting'::character varying, 'called'::character varying])::text[])) AND (person_id IS NOT NULL));

CREATE UNIQUE INDEX uniq_ticket_called_per_window ON ticket USING btree (hall_id, local_date, window_number) WHERE ((status)::text = 'called'::text);

CREATE TRIGGER audit_event_append_only BEFORE DELETE OR UPDATE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER binding_for_active_person BEFORE INSERT OR UPDATE OF person_id ON binding FOR EACH ROW EXECUTE FUNCTION binding_for_active_person();

CREATE TRIGGER notify_delivery_forward_only BEFORE UPDATE OF status ON notify_delivery FOR EACH ROW EXECUTE FUNCTION notify_delivery_forward_only();

CREATE TRIGGER person_transitions BEFORE UPDATE OF status, level ON person FOR EACH ROW EXECUTE FUNCTION person_transitions();

ALTER TABLE ONLY appointment
    ADD CONSTRAINT appointment_person_id_fkey FOREIGN KEY (person_id) REFERENCES person(id) ON DELETE RESTRICT;

ALTER TABLE ONLY appointment
    ADD CONSTRAINT appointment_slot_id_fkey FOREIGN KEY (slot_id) REFERENCES slot(id) ON DELETE RESTRICT;

ALTER TABLE ONLY auth_session
    ADD CONSTRAINT auth_session_person_id_fkey FOREIGN KEY (person_id) REFERENCES person(id) ON DELETE CASCADE;

ALTER TABLE ONLY auth_session
    ADD CONSTRAINT auth_session_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES staff_account(id) ON DELETE CASCADE;

ALTER TABLE ONLY binding
    ADD CONSTRAINT binding_person_id_fkey FOREIGN KEY (person_id) REFERENCES person(id) ON DELETE CASCADE;

ALTER TABLE ONLY calendar_day
    ADD CONSTRAINT calendar_day_hall_id_fkey FOREIGN KEY (hall_id) REFERENCES hall(id) ON DELETE CASCADE;

ALTER TABLE ONLY category
    ADD CONSTRAINT category_hall_id_fkey FOREIGN KEY (hall_id) REFERENCES hall(id) ON DELETE CASCADE;

ALTER TABLE ONLY consent
    ADD CONSTRAINT consent_person_id_fkey FOREIGN KEY (person_id) REFERENCES person(id) ON DELETE CASCADE;

ALTER TABLE ONLY inbox_message
    ADD CONSTRAINT inbox_message_event_id_fkey FOREIGN KEY (event_id) REFERENCES notify_event(id) ON DELETE CASCADE;

ALTER TABLE ONLY inbox_message
    ADD CONSTRAINT inbox_message_person_id_fkey FOREIGN KEY (person_id) REFERENCES person(id) ON DELETE CASCADE;

ALTER TABLE ONLY notify_delivery
    ADD CONSTRAINT notify_delivery_event_id_fkey FOREIGN KEY (event_id) REFERENCES notify_event(id) ON DELETE CASCADE;

ALTER TABLE ONLY notify_event
    ADD CONSTRAINT notify_event_person_id_fkey FOREIGN KEY (person_id) REFERENCES person(id) ON DELETE SET NULL;

ALTER TABLE ONLY notify_preference
    ADD CONSTRAINT notify_preference_person_id_fkey FOREIGN KEY (person_id) REFERENCES person(id) ON DELETE CASCADE;

ALTER TABLE ONLY notify_subscribe_grant
    ADD CONSTRAINT notify_subscribe_grant_person_id_fkey FOREIGN KEY (person_id) REFERENCES person(id) ON DELETE CASCADE;

ALTER TABLE ONLY opening_hours
    ADD CONSTRAINT opening_hours_hall_id_fkey FOREIGN KEY (hall_id) REFERENCES hall(id) ON DELETE CASCADE;

ALTER TABLE ONLY refresh_token
    ADD CONSTRAINT refresh_token_session_id_fkey FOREIGN KEY (session_id) REFERENCES auth_session(id) ON DELETE CASCADE;

ALTER TABLE ONLY service_category
    ADD CONSTRAINT service_category_category_id_fkey FOREIGN KEY (category_id) REFERENCES category(id) ON DELETE CASCADE;

ALTER TABLE ONLY service_category
    ADD CONSTRAINT service_category_hall_id_fkey FOREIGN KEY (hall_id) REFERENCES hall(id) ON DELETE CASCADE;

ALTER TABLE ONLY slot
    ADD CONSTRAINT slot_category_id_fkey FOREIGN KEY (category_id) REFERENCES category(id) ON DELETE CASCADE;

ALTER TABLE ONLY slot_template
    ADD CONSTRAINT slot_template_category_id_fkey FOREIGN KEY (category_id) REFERENCES category(id) ON DELETE CASCADE;

ALTER TABLE ONLY "window"
    ADD CONSTRAINT window_hall_id_fkey FOREIGN KEY (hall_id) REFERENCES hall(id) ON DELETE CASCADE;
"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    # Nothing before the baseline to go back to: drop the database instead.
    return ""


MODELS_STATE = (
    "eJztXVtz2ziy/isovUxSJWdtx3E8ztZWybKSaMe2XLaSTM14iguRkIRjCtDyYke7m/9+AF"
    "4k3kVSpAwyeEpMokHqa7DRN3T/t7OgGtLNN32o6xOoPt4hlRpa5xz8t0PgArH/pIzogg5c"
    "Ljf3+QULTnSHRPXGKsZm8MS0DKha7PYU6iZilzRkqgZeWpgSTjSA6hxQ2zKxhoC5Mi20+M"
    "UE/lRd4M6FNECJis4BZBeWCFpgiolmAmyZ3ggAiQbUOSQz5LyVRlX2aExmdT3kgRBqzdkD"
    "wCtrjsCc2iYCSx0SNvNDxxvP5wOvTGobKvvt6LuFDAJ1BWuvHzqv3/D3tAn+t40Ui84Qm8"
    "Zgb/vnnx2XgN8OkHT++otdYG+EvrOfyMbxP5ePyhQjPcw77GDvXFes1dK5doFnQ2J9dMZy"
    "eCaKSnV7QTbjlytrTsmaABOLX50hggxoIf4Ey7A5B4mt6x7Pfaa6v2IzxH3LAI2GptDW+T"
    "rg1O4LbK51FOVmNFbuB2NF6cTWiE8R4Kh3SaWEry/2qqYDwIy/wsGvx8dv374/Pnx7evbu"
    "5P37d2eHZ2ys877xW+9/uC+zQcudysFs+Gl4M+YvRNkidhc5v/DDoYEWdKkcZmzQ3zAvzI"
    "H+HBrJ+G8oIjxgPy7KAx/xLCb4FzZc2Hx8+2DDAn5XdERm1pz9+fY4A+Gvvbv+597dq7fH"
    "r8Mw33h3jp1bHPANwMFvogDKEbIWQn10fJYDazYqFWznXhhtJskQfkKaAq042pcMKgsvUD"
    "LiEdII4ppH+8b/TxPxNxDURkRfeZIuA/7x8HpwP+5d3/LHLUzz37oDYG884HeOnauryNVX"
    "pxFOrScB34bjz4D/Cf4Y3QwceKlpzQzniZtx4z86/J2gbVGF0GcFagGh7F/1UfvBd5TpY0"
    "Cq8Qt8i3yGhqbE7tBjmjY2fmtxvIhegQTOHJ5xcPlrekpHz9awNXhCxEpSSQJ3M9URyMcp"
    "aD1wqyrSWy4R0Q4oYycwkWob2FoBh958Az5T9uaALiFbdwCz/3JVYAHNR6Y1PEHdRmYXED"
    "bYAEtkmJTJGcB3iDcxXaS2pyRoElJhaILCUFyw7lOe7pUf7RKnwW30kSFaRFvxx9elpuyV"
    "rSEt5SSPknKSrqOcxFQUJtWpUQTcNUEpdD3ohNFBQuienuRA9/QkFV1+K4yuu9MoS3uiY7"
    "Wgzp1EWxPmL7egq7dwDMR+pWkVBDtM1b6lXYt5oyELYj0O8z/vRzfJMG8oohswVi3wP6Bj"
    "M6YIVWXKdP4+tYnKYQQTG+sWJuYb/th/dGriQAbgHKHQ5uvj/Oq693uUBf2r0UV0V+UTXD"
    "B2CGN1WPN7ZJouQglmx+b2FrvDmitmYORWw2NEEDDxjCDtABPgkX7w/I5ThtYcWPQRERNM"
    "qbEAlA2fwgXWV3HrYreppAnRUBOi3Oa8864sGCtq3pW5QwGRNNfugNgLB+cheynoDQtrnQ"
    "F6kb2Pnf5wPPxjcHMOVGzh/yDyQJjx8/HjOWA/bDqNypxcW/dpnp07ap4FNu7TKDN4FIag"
    "hI07fb0HSESGv6x2VD3EzBq3Sjl+w5TS79skR4UOmQlhm6X4HqWVnG8S59H3JWazleB7mL"
    "KFXG8Il31MMtlsoCdmAZSL5wUpK2CzYO6GNnKZiSvTtUPzu5GilO1zJVVvHHiezqJmcIhs"
    "uzXcAJz3aA8Hcm64YVIY/CCVxL4I9jGXXfRDiDPiIzUQnpHf0CpmJUew9xxut+uJmsWFH/"
    "4y869uXtGAz2vXWfjTZ/9hPxpZrmzu3fd7l4NOfIlXAOs9n6enqtRu4hLPC27w007GNt3J"
    "HNxEHZep4rpME4SLR//xtzukQwsnbpce7nfuXGM+VXM14BjwP+p0yV+wH+u+VMwd79/qZr"
    "niJ4FB29N/wDNcAYsCpviocwC9FJtzAAmgS0Sw1mUXGT+o998l4zKbh91mbwA09IRVlJDv"
    "U9m0ianCfp6Akx2kOItDJgqLs1F2pdP+ZfXy9Lyb7Q77unNwKnHWX98qo9vBzfDyHCyWii"
    "tRHsiot75K4frql5vhyLnmiZsHcvuZ2Z/nrsx5IL3bW+Vy8HXYZ5eY8FFc4SOGwz8o4Ap8"
    "LxEykVkpTMaPi5mJoI4Svp0x+p6yPUTpWgF2llNo8Ps45A+KZUCsfUJXo5tP/vBoWkTElH"
    "Vj9sojWpVgQTJ1Gxw4++bDEzIwe1iShkSpjiBJ+QYCZBHYJ4yurg9gfWW/yF+MRlch5C+G"
    "UWi/XF8MmKh32MAGYSvFhSOjjenyvr0xJ8GijQ2SeQIxOldA4sUc5MJ9zT+nl1Y0NlTopn"
    "2ZfNU+e/OUI3L+rW7mcf3AoK3OsW9zrM7B0sBPUF0dLKmO1RVgug5XNtc+LQBVFS3ZCug6"
    "59ae54iAVxAwJXSGjHNg0GcTQAMBJjWQ9jruKqvrIYmOs80X4D5I8R4kvWfiCLBulvcszL"
    "UYJzJcaDHKVhiqdXvSZMZl7T4uX7SVUIYjpNIKEkU5zmMFSd1Y6sYisaHxuvGlG7hIUI0v"
    "1yGNdM14E/bIEzWeQ10Hj5iaj4AaQMPmUoerN2BomeARrQA2gWmxlaOxgeYcaR+Ak2DHC0"
    "dhi9+dYgL1pLhxdRPLc10CS6JMJVeGiOtXbJ1/C+Drj2+hSlt9LFG0uhetshf4DsGw0wot"
    "3xBRC2GuIYcErRS+xxZaxwGa1sng6sWEjP6lQ99eu1ceRWpr5E+Qmh6eBZ5gB25s83Q7cO"
    "MI2GoHpjNW2l7S9mrLvl+9aqWjp6SQwv2CKamp63xNtD+f51G9S/3t8fvT9eLmf2Qt5/vr"
    "3tVV4hk4y044pJIv13lDvT+TgNfhw0/+u+TOeO71x8OvPEPZoX4g14O7TwOe/owMtgk8kM"
    "vB1WDML7juSC3qWnsZW819O4U9jhYRKBGyNmRy7sOfUyJ1NkLWBqT3nTOLNYUJmgkySsCf"
    "RCt5sAsPCp+VSCCthAMCaTA1HJbwEr5LGLERUmnFimbFBvk8hSpSdmB2Er3kuMgclz7JdK"
    "HaXp+kvdRKcj1MKbkuCtcTPnbv7YNloB1TsQTXw5RSoovD5MKe6NghzB1LfkRKRjeS7/GC"
    "H8HPxiuwsSNOgVoeDZOIuUDyDlrsCFLgTEcbQSLUwtOV265pR6TWvaFa+MFhMqEJNn0ReI"
    "Z8imsmluCsiUpIkdW0NNAUGbzm9o5L6nY9UVsRM+0Jn3yClJkBd/4E7/3ZPvHJ2ooZXC4p"
    "u7XYXWT1NjO1Caw6Q/uhemoJAf5ovbX0MH+oypszdGvW972beA1NAMH9597B8btTJwv7Df"
    "iXdyD9X05+NrKcFsBdMFmxkQwgDfMpoA6+3HKNOJ72XenMMvegobkHzlIsnHMYpmpd9oHM"
    "OpS+nko8fOXKjchKIy/P3lx+e78GVuFy0CE6eZ6yqvOUgV5oOx6oLOZQE40ZeU9VhtehSM"
    "cqQ7WjE3TuaG3pdJ3brc8MA0Nlhu1Pp+XKDNs9ZMMxtcUoesIxSNM6iGvokAxN85ky4VrU"
    "YIsRtvA43vG7dznwZqNSAXfuRRokUz3JpZvetHdNIEbPXv68RvfsFeAUqmAWVN1yfAqx7h"
    "igFlosk/zN2WcmEsj3Z+Ec1qvGVHF6QqcqP0/ItNGkbuBbCpFGaKV7QGT3gIZNDnLRws5B"
    "MlnYWRZ2lk7W7JJmvmrLawDOSrE/ZQq5DkRfBzLlrkFx9Euk4ydkrDqJxdK8e90sX56XbK"
    "MFB1fqzfuzg/yUrkBFUYPaRJPVeqWrr6F+KFmht4EVt9juiK3EYFa2+R2kk3Z3yJNnJxWI"
    "y0ZzTSShbHYBCM/CK+gJ7fTvBj2nwoNH/0DuBzeXw5tP58BEzlkC58rY+dNyKkIMvw7uvJ"
    "oQXEvhNB97wyt+yXWN8VE9ZwAUpGJEWVef9PGlfCAa0ytLHPBaU7XQ8myIpZnLsacjaKKS"
    "HtwwqXTgCs9nTZmsiii6IaL2xZtqCGob9AlryFAMlNB2PsNoi9BJrLdj7XSyQ4ZBjUJLOk"
    "TVPpyPDw/zZA4cHqZnDvB7Mhrxc3qhwynBxCrB8gCZVAlEVgmmmGDeA6NMXZ4wqeSzyHx2"
    "4gCFE/uDVDKtv6q0/nVMZsek/rzH9UVjQt50/uDqEymZ38U9Ieq3ZsjWkN96CcjsfRnSky"
    "G9GkJ6rvBwECqAcpiqLn/+y+F8cpYD55OzVJz5rYhrGGn2EimPqJBTKUzVuuV8dJrHAGej"
    "MoIaMQPckSfFywNHyFoRrM7SzOsoDWwbs0SVLTPvdUMks14LZL2a9uT/kJoAdro0CZC0z5"
    "lXvdOUBzl1hkZ6C/DsMGkSvWwoIV2lP7mr9MV6UYsmvkTwsey/FbVgXMjrZEnvRM3eANx8"
    "ubrKcrOE6gDz9CC8a8HAYOZ0w2RbahZ6rA6lsnCrSO6IVVsLUtbpvAthluDDi2Ka7soLcT"
    "KXL68zniOAyQGbEzjU5wDqz3BlgmcDWxYiXfA8Z/xj6x+wpyG3Xh2x4sXudpko8ZzARl66"
    "rkl5OkCYXa4rXYnSlSiEwK7bl2hhSy+E8ZqghfBWb/dPqJbgpE33HPrjWwHuvl2G0geQvs"
    "7b6wPgv6xUU24o02hkGk1zvuA9Kr8CONh+XviF8rCJxobdXWzrRKaYjKkAV5ke9jLpYYGW"
    "Jwn+pXBDlK2JYsvw8K0eph5wV9svJqBL64DaFqBT3ueA8X9GjdUHwN6b6RLsv4A/QkUmYK"
    "uKrS2AE/xMu0+3xdvkTyQdTuII/W6Gw2nNrxgPMkolBGhaYUvW7XBinxqz/9jHlrDSszJO"
    "QnQy6aRA0onsXZq+2JtprSeYc7FYnDQopEEhEhsqNCheRvWNdK9LanQQ62+3VQWONNjLpw"
    "ePCDrgAhesqQ+8SC1w2/QxJdaFEczgEw+mAqaeggUm+GBpUDZm0eUDgJ/sFteNq3/EA3kg"
    "3xBTpCzwiNDSdMYz8asDp9sDYKo2b2nGNG3Qux0Ci/KbGtO0P7CR2AQ60mZsvgXmR5uZIm"
    "6dOzOoOnaKuRhoSQ32WgiqcwBVFS2dD6nrXuD1X4BtMgWeEnaNPwuCk7dHh0fs/+Yzm5d9"
    "yNCZNo9iv04SxLLUnEDyN0u3D7KsgHofIWuhhl99KM5AC/Ysr3VzGOj02l1BmtaUJzo+On"
    "l/cvb29GS91NdXsla4VOGlCi9VeKnCi8aGxqvwwYbKCfp7pN9yuvIOIwMrrmu8WWlYY/oH"
    "tRBRV855QqlsCiMpspRNmbm4j7rGnue98P4YIZQ7ZOmkBaddU1H4A0QS+tLQ61SFusL19m"
    "SLIBn7MFWWNdBARmRgyrX55tdFZioGfvLfJXdZ5F5/PPw6OAcu9QPp9276gyunxrHKf5vu"
    "lDnufx70fxtcKsMbdnmOnNZVmDyQm5Fy/3n0jWFOFXNOn9nI0fXt1cAttEwXS67aCVIaOa"
    "otFdh8E0jlaevtrh7ZW6D2RS1zrdOhb6brJ0+u9Voyl+F7hFZmXYvj44tzWjr5XlSPNnVa"
    "POc9QCShr8q/ykGtwLt6703TMBbk9a0Gll7Is3rHBNHdsD/uJAgX6bPexWe9QfZlnNZ9yL"
    "RLDRqXMLEbX/B2N8tprXoDmfmfrxtfpwfYUECnUyfT4hmhR30FlryRjEGY8adTE2ng1Zzq"
    "mI173QXUABAs4CM6sJfgmRqPjDHOFK8e7DP18O2DfTI9OnrNZnMVk0g2dn0PeyB8gAmguZ"
    "6cj+RIaun5HtxR5bwmlI53gbaQbobj3Vvaed1h3vCf2g/mfBkKNBXvq4jjl10wLYm+RZWe"
    "qiiZRmiSlzbdReKP36NrsaBTURgHlIxAiKK++7vljormZ2+ahrEgr5oZWHoiJUb0/VNMiQ"
    "rm5oRTlnYZGJVDs2Rcs3nasIk1xBQ5jksXPGNrDrDFtDSsPiIL8AOC+DtgIDEtMOkAX8lZ"
    "MtU9lf24DkNrc8WdQOqA4sihLB3Q4V+B3dYf38JoRPVJF86/RVQZb3wLwa2juZ4jZwrAu6"
    "FoIcBHeUJp6ZG0eDF/520VExlPWEXKAhPbSqpSmW3vZEyzxzrRDeirK1VzqZqLwII9qObB"
    "loKuVPDU4Z0rBt+78wV18JbAH4vC7YpUu+I+8SClfxStApzG3lRtwqtO89iRfAmmsS8R08"
    "1iX/TKVmjSEN2vIdrq3H9phtbZQgcv0H8oKViseEOzx7BFz8Twb/dzSGZziJsawzCYqglN"
    "xOPypgLnCCZI7WybNHmG/RlQ7+uV41VYoz5Ec2obZeH1afcH7Jn4wOq8vG9JX0qUdn/Anj"
    "bAgeLm8SqqbdHptCzEqZPs0Vl13ACwuYx3T8goS2QoaYlz2WCnTrI/sN+KD7V3kohXPCrv"
    "hk2dZI/r+l1zsNbxAidk1+bDeE0sl3ECtM/sd7B/uO5VFuDIFPuD+dcGSGbTNpeI8F6cpT"
    "BOIN/jMm4AvtxhaNlJroqPOoVpmluAKALnlFPlAFSwfL+srMnRl4urAbi9G/SH98PRDX/K"
    "5hCRc5Nf2tRgvRv0rmLntcmsBMxBKolzDpxniE55RXFlgSwjSa1IFRQJlC3KY92pFFkstp"
    "gnFOafN9gtXBE53tAwV12u6E5VscK2Bwkp28fZJI4bZkeoRu5Un/2Z2giXDEWXgs3VxXfE"
    "6pszSZsgqjO8GvoaE8Ks0a81PdwaExHbU5G/zZFbu5iHan8xgUZ5eWFoIMAnA5QAuD4w9o"
    "qPATzW8fpD4DJPOObdQyAw6DPAzoNDico1POOBuEfi3oBenlNwm5LLDjS80UnwJBy2gH9C"
    "bnuCtH/QR+ZDNyIMXfZc147HuUSTbBVazPyjNT2fY1FYo7QS20jQg0u1suDGiCW6MidX5u"
    "SKx4KGH5eLmkJJvUDi1lK62hox1XIeovs2x+rcOwLH1L0TdAQf7HfH8OjBfq++n/D/H09e"
    "Az454v06vKcwZQ8tXIIzNujXs/e/dsFk5ZyY84fwVLTXAFpu6w3Ohfjpu/0/PlMrXWPoHN"
    "+TqqkoMjBLNQ3xLMaH9GyzKJ1M68tTq1HWS37pYmNS/ZLqlwgsqEz9SpIvFcDaQh9zFNqI"
    "UBVKu+UnqZJUWu+EVYYe64+ouCFGcGmxtWNYJi9tKpU8YSRtlpInm2Hs4UCM1CxkJwZxGJ"
    "GV45PYicGT6In4pRe6DhG2sL55BoyNK3ONiFaGxQEyyWChGazCJVSxVTjOGKRr0y5URbhm"
    "QukjKnwacEPVmkaqFZ4ALNNRIUIqJZHgkkg6OsXytknXUGd/rqEN7IE2pTvmM0Y6o7YE+F"
    "qTGkN1dlK8acE6PNletXX1n5yh4Uj5fErcUKqX1NV1/1oiA1PN+4P9EEagQxWZCbHe3eeT"
    "ZWwElt3dDP+dzB+s/EQj91uUTHGL0kpsf0T9DCWRDVNKXKPZA9K8rx5TaahIQ0U8VrQhhr"
    "0+9d9J0r03d7M17/C4rWr3BaXOARyXTkMaz2F02xIAOGWqMzDQ0mnKCgg94KUfzA/r+xrb"
    "fJjWvAI6nloAW3EtvPrppVIusJzKUsplUH0PQXWRW7O2dcnLlAYBoJcR+Z8gTCIj8i1nMF"
    "f0SoU7Q4Sye3wDeDxJsFjT9cAQUSk9UDCO1qEIFqh5VKchO3Z62HUSjFjvTjfLgLU2Y2pK"
    "yfaUrXA6I1smSI/lZ/8Z1M7CBF4BRGIvJuwBf0mjUxqdwrJCZnK3a71Lf7xALJDJ9Dsm03"
    "tbaAy89BrEa4I2Ldudyl2Gq+NyVaaIcu0TtPBQ+lmOze4sda87E8a/Kpr58iKidmlgaiRG"
    "9C8o1REkKegHyCLgTxhdXWt8fWW/EvZiNLoK+QIuhhFgb75cXwz8RrSb0sSJTlXLTsjD5K"
    "JkwKRwLK4c9ax61Htsr/QMscWBK4Z751tvOB7efDoHHv0D6feurgaX54Bt0zrS2N+j69ur"
    "wdi5RBdLHjTmV3s3/YE/kLctccZeD+/v+aUFNk1n1NXI+dutfxgNkuYRY0enOeTYUdStE2"
    "gtfBqVZGH7NcbiLZlyUeIWybRKWrM4jGeA2aRwC4sorTwRE7R3DCdZoISHOEzZwjhAh/1A"
    "bUT0VWddIrgJPmNPCGS6jJ2KXWWYHiJsIc8bwuOcZ6D45lnmyw4SytiPyDyeYoLNeSkuR0"
    "gln0Xjs1DRpz7XnpzAT0oQyh/Q3R6LclUxb+zWhMrxHAEdmhZwlWMww0+I8HNGTlJjF/iO"
    "VwCJxsuen3sD3eLqM7g8mBoIeXexvornVNbyhIIRM1nISCAHSUY/bxkeeGmflQwP7Bge4K"
    "Iu1U2RuoAjVK0xovfVFKvOLdprNZOwN2+a0KRvys+bMVs345639SENeJu4W7CZn0igCwQ2"
    "jYbi22xB2sxKz8EsEblriiGiZdLIiyaNlHM8tzP0W/HJzISIzT/vRzdbNb2kWI2GVQv8D+"
    "jYrA3fzt+nNlE5dGBiY93CxHzDn/ePgkGcKvQPjlPIyPaX8Kvr3u/R1d2/Gl1ErWc+wUWB"
    "MFrqoYT9h854n5+6IK81KC/zz0Q5jCxrlOc5hCxoi5geMrA67ySo5d6dTLUcbsZUmre9i8"
    "r8s+jLO6aOpWvCT8jwj5Ln3boCJC1MJzt+9y7H3sVGpe5ezr3w/sU/qgIIe8NbiO7R4WGe"
    "NJfDw/Q8F34vohhTZrsnpWFk6MQbkv2rwy/jeKtM8X1RH9OP/weLWS6O"
)
