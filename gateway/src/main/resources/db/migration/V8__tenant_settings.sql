-- A tenant's settings (PUT/GET /v1/settings): one JSON document per tenant, validated by the gateway
-- (io.clarion.gateway.settings.TenantSettings). A tenant without a row has the defaults.
CREATE TABLE tenant_settings (
    tenant_id   text PRIMARY KEY REFERENCES tenants (id),
    settings    jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
