-- Status-page subscribers (double opt-in) and the indexes the timeline, KPIs and live stream read through.

-- A sign-up, pending until its confirmation link is followed. The id is 'sub-' and a hash of the lower-cased
-- address, so signing up again finds the same row. The confirmation token is random and stored only as its
-- SHA-256; it expires and is used once. Once confirmed, the subscriber is the recipient of the same id (segment
-- 'subscribers'), and the address is kept only there (the recipient's contact point, which erasure removes).
CREATE TABLE subscribers (
    tenant_id           text        NOT NULL REFERENCES tenants (id),
    id                  text        NOT NULL,
    email               text,
    components          text[]      NOT NULL DEFAULT '{}',
    status              text        NOT NULL CHECK (status IN ('pending', 'confirmed')),
    confirm_hash        bytea,
    confirm_expires_at  timestamptz,
    confirmation_sent_at timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    confirmed_at        timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX subscribers_confirm_hash ON subscribers (confirm_hash) WHERE confirm_hash IS NOT NULL;

-- The live stream polls what changed since its cursor, per tenant; KPIs read broadcasts by creation time.
CREATE INDEX incident_updates_tenant_created ON incident_updates (tenant_id, created_at);
CREATE INDEX broadcasts_tenant_updated ON broadcasts (tenant_id, updated_at);
CREATE INDEX broadcasts_tenant_created ON broadcasts (tenant_id, created_at);
-- The timeline reads a broadcast's audit entries (approved, released, rejected) by their subject.
CREATE INDEX audit_log_subject ON audit_log (tenant_id, subject, at);
