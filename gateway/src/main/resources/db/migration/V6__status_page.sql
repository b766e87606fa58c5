-- The public status page: which incidents it may show, and the components it lists.

-- Only public incidents appear on a tenant's status page, its Statuspage-shaped JSON and its Atom feed.
-- Existing incidents were visible to nobody but API keys until now; they stay public by default, as new ones are.
ALTER TABLE incidents ADD COLUMN public boolean NOT NULL DEFAULT true;

-- The status page cache of every gateway looks for changes of a tenant's incidents and components with an
-- index-only probe of these (see gateway statuspage.TenantChanges): newest change, and changes of the last seconds.
CREATE INDEX incidents_tenant_updated ON incidents (tenant_id, updated_at);

-- A component of a tenant's status page: a named part of the product, tied to one service of the incidents'
-- "services"; its status is derived from the unresolved public incidents on that service unless set by hand.
CREATE TABLE components (
    tenant_id   text        NOT NULL REFERENCES tenants (id),
    id          text        NOT NULL,
    name        text        NOT NULL,
    service     text        NOT NULL,
    group_name  text,
    status      text        CHECK (status IN ('operational', 'degraded_performance', 'partial_outage',
                                              'major_outage', 'under_maintenance')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX components_tenant_updated ON components (tenant_id, updated_at);
