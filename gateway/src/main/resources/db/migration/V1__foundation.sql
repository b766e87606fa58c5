-- Clarion's foundation schema. Runtime access is R2DBC; Flyway applies this over JDBC once.

-- API keys are stored as SHA-256 hashes; the key itself is shown once, to its owner.
CREATE TABLE api_keys (
    id          bigserial PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    key_hash    bytea       NOT NULL UNIQUE,
    scopes      text[]      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE TABLE recipients (
    id              text PRIMARY KEY,
    locale          text,
    tier            text,
    region          text,
    time_zone       text,
    services        text[]      NOT NULL DEFAULT '{}',
    attributes      jsonb       NOT NULL DEFAULT '{}',
    email           text,
    sms             text,
    push            jsonb       NOT NULL DEFAULT '[]',
    webhook_url     text,
    webhook_secret  text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recipients_tier ON recipients (tier);
CREATE INDEX recipients_region ON recipients (region);
CREATE INDEX recipients_services ON recipients USING gin (services);
CREATE INDEX recipients_attributes ON recipients USING gin (attributes jsonb_path_ops);

CREATE TABLE segments (
    name        text PRIMARY KEY,
    rule        jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE incidents (
    id              text PRIMARY KEY,
    title           text        NOT NULL,
    severity        text        NOT NULL CHECK (severity IN ('SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5')),
    tags            text[]      NOT NULL DEFAULT '{}',
    services        text[]      NOT NULL DEFAULT '{}',
    latest_version  integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Update content is immutable once stored: no UPDATE is ever issued on this table.
CREATE TABLE incident_updates (
    incident_id  text        NOT NULL REFERENCES incidents (id),
    version      integer     NOT NULL CHECK (version > 0),
    status       text        NOT NULL,
    body         text        NOT NULL,
    title        text        NOT NULL,
    severity     text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (incident_id, version)
);

CREATE TABLE broadcasts (
    id           uuid PRIMARY KEY,
    incident_id  text        NOT NULL,
    version      integer     NOT NULL,
    audience     jsonb       NOT NULL,
    channels     text[]      NOT NULL,
    status       text        NOT NULL DEFAULT 'accepted'
                 CHECK (status IN ('accepted', 'expanding', 'dispatching', 'completed', 'failed')),
    expanded     boolean     NOT NULL DEFAULT false,
    targeted     bigint      NOT NULL DEFAULT 0,
    sent         bigint      NOT NULL DEFAULT 0,
    failed       bigint      NOT NULL DEFAULT 0,
    superseded   bigint      NOT NULL DEFAULT 0,
    suppressed   bigint      NOT NULL DEFAULT 0,
    api_key_id   bigint      REFERENCES api_keys (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    FOREIGN KEY (incident_id, version) REFERENCES incident_updates (incident_id, version)
);
CREATE INDEX broadcasts_incident ON broadcasts (incident_id, version);

-- IETF Idempotency-Key: scoped to the caller's key; a row without response is a request in flight.
CREATE TABLE idempotency_keys (
    api_key_id       bigint      NOT NULL REFERENCES api_keys (id),
    key              text        NOT NULL,
    request_hash     bytea       NOT NULL,
    response_status  integer,
    response_body    text,
    response_location text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (api_key_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Transactional outbox: written in the same transaction as the broadcast, relayed to Kafka.
CREATE TABLE outbox (
    id            bigserial PRIMARY KEY,
    topic         text        NOT NULL,
    record_key    text        NOT NULL,
    payload       text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- The archive of what was sent to whom: one row per (broadcast, recipient, channel) final outcome.
CREATE TABLE deliveries (
    broadcast_id  uuid        NOT NULL REFERENCES broadcasts (id),
    recipient_id  text        NOT NULL,
    channel       text        NOT NULL,
    incident_id   text        NOT NULL,
    version       integer     NOT NULL,
    outcome       text        NOT NULL CHECK (outcome IN ('sent', 'failed', 'superseded', 'suppressed')),
    reason        text,
    message_id    text        NOT NULL,
    destination   text,
    content_hash  bytea,
    attempts      integer     NOT NULL DEFAULT 1,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (broadcast_id, recipient_id, channel)
);
CREATE INDEX deliveries_recipient ON deliveries (recipient_id, channel, incident_id, version);

-- Append-only audit log: the application only INSERTs; the trigger refuses UPDATE and DELETE.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    action      text        NOT NULL,
    subject     text        NOT NULL,
    detail      jsonb       NOT NULL DEFAULT '{}'
);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER deliveries_append_only BEFORE UPDATE OR DELETE ON deliveries
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER incident_updates_append_only BEFORE UPDATE OR DELETE ON incident_updates
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
