-- Blackout windows (API.md "Playbooks, approvals, blackouts"): per tenant, the definition as PUT (audience,
-- window, overrideSeverities). Dispatchers read a tenant's blackouts into a cache refreshed every
-- clarion.blackouts.refresh, so a change applies within that.
CREATE TABLE blackouts (
    tenant_id  text        NOT NULL REFERENCES tenants (id),
    name       text        NOT NULL,
    definition jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, name)
);

-- Deliveries that waited without being sent (a blackout, a recipient's anti-fatigue limit, an open circuit):
-- one row per (broadcast, recipient, channel), written by the dispatcher's ledger each time the delivery is
-- deferred, with the latest reason and when it is due again. A row without a final outcome in deliveries is
-- a delivery waiting now (the broadcast's "deferred" count); every row counts in the KPIs' deferred reasons.
CREATE TABLE deferred_deliveries (
    broadcast_id       uuid        NOT NULL REFERENCES broadcasts (id),
    recipient_id       text        NOT NULL,
    channel            text        NOT NULL,
    tenant_id          text        NOT NULL,
    reason             text        NOT NULL,
    times              integer     NOT NULL DEFAULT 1,
    first_deferred_at  timestamptz NOT NULL DEFAULT now(),
    last_deferred_at   timestamptz NOT NULL DEFAULT now(),
    due_at             timestamptz NOT NULL,
    PRIMARY KEY (broadcast_id, recipient_id, channel)
);
