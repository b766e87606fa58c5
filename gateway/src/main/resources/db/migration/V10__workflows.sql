-- Approvals: a broadcast that needs approval is stored pending-approval with the job it will publish,
-- and without its outbox record; release (a human's approve, or the auto-release poller when
-- release_at passes) moves it to accepted and writes the outbox record in the same transaction.
-- The timer is the row itself, so it survives restarts and any gateway may fire it (once: the
-- status change is conditional on pending-approval and claimed with FOR UPDATE SKIP LOCKED).
ALTER TABLE broadcasts DROP CONSTRAINT broadcasts_status_check;
ALTER TABLE broadcasts ADD CONSTRAINT broadcasts_status_check CHECK (status IN
    ('pending-approval', 'rejected', 'accepted', 'expanding', 'dispatching', 'completed', 'failed'));
ALTER TABLE broadcasts
    ADD COLUMN approval_required  boolean NOT NULL DEFAULT false,
    ADD COLUMN approval_forced    boolean NOT NULL DEFAULT false,
    ADD COLUMN auto_release_after text,
    ADD COLUMN release_at         timestamptz,
    ADD COLUMN approved_by        text,
    ADD COLUMN approved_at        timestamptz,
    ADD COLUMN rejected_by        text,
    ADD COLUMN rejected_at        timestamptz,
    ADD COLUMN reject_reason      text,
    ADD COLUMN pending_job        text;
CREATE INDEX broadcasts_release_due ON broadcasts (release_at) WHERE status = 'pending-approval';

-- Playbooks: per tenant, the definition as PUT (match, channels, audience, approval).
CREATE TABLE playbooks (
    tenant_id  text        NOT NULL REFERENCES tenants (id),
    name       text        NOT NULL,
    definition jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, name)
);

-- Alert ingestion: one row per distinct event received (Alertmanager: a hash of the group key, status and
-- alerts; PagerDuty: the event id), holding the answer given, so a redelivery gets it again and makes nothing.
CREATE TABLE ingested_events (
    tenant_id    text        NOT NULL REFERENCES tenants (id),
    source       text        NOT NULL,
    dedupe_key   text        NOT NULL,
    incident_id  text,
    version      integer,
    broadcast_id uuid,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, source, dedupe_key)
);
