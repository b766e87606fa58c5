-- Tenants (DESIGN rule 8): every object belongs to one tenant and ids are unique per tenant. Rows
-- that existed before tenants move to tenant 'default', the bootstrap key's tenant. Tenant columns
-- have no default after this migration, so a statement that forgets the tenant fails loudly.

CREATE TABLE tenants (
    id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO tenants (id, name) VALUES ('default', 'Default tenant');

-- API keys: a key belongs to a tenant; names are unique per tenant; keys can expire; last use is
-- recorded at most once per cache window per gateway (not per request).
ALTER TABLE api_keys ADD COLUMN tenant_id text NOT NULL DEFAULT 'default' REFERENCES tenants (id);
ALTER TABLE api_keys ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;
ALTER TABLE api_keys ADD COLUMN created_by bigint REFERENCES api_keys (id);
ALTER TABLE api_keys DROP CONSTRAINT api_keys_name_key;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_tenant_name UNIQUE (tenant_id, name);
-- The bootstrap key had 'admin', which then meant everything: it keeps every scope.
UPDATE api_keys SET scopes = '{read,write,approve,admin,operator}' WHERE name = 'bootstrap';

-- Foreign keys that point at primary keys about to gain the tenant.
ALTER TABLE broadcasts DROP CONSTRAINT broadcasts_incident_id_version_fkey;
ALTER TABLE incident_updates DROP CONSTRAINT incident_updates_incident_id_fkey;

ALTER TABLE recipients ADD COLUMN tenant_id text NOT NULL DEFAULT 'default' REFERENCES tenants (id);
ALTER TABLE recipients ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE recipients DROP CONSTRAINT recipients_pkey;
ALTER TABLE recipients ADD PRIMARY KEY (tenant_id, id);

ALTER TABLE segments ADD COLUMN tenant_id text NOT NULL DEFAULT 'default' REFERENCES tenants (id);
ALTER TABLE segments ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE segments DROP CONSTRAINT segments_pkey;
ALTER TABLE segments ADD PRIMARY KEY (tenant_id, name);

ALTER TABLE incidents ADD COLUMN tenant_id text NOT NULL DEFAULT 'default' REFERENCES tenants (id);
ALTER TABLE incidents ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE incidents DROP CONSTRAINT incidents_pkey;
ALTER TABLE incidents ADD PRIMARY KEY (tenant_id, id);

ALTER TABLE incident_updates ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
ALTER TABLE incident_updates ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE incident_updates DROP CONSTRAINT incident_updates_pkey;
ALTER TABLE incident_updates ADD PRIMARY KEY (tenant_id, incident_id, version);
ALTER TABLE incident_updates ADD FOREIGN KEY (tenant_id, incident_id) REFERENCES incidents (tenant_id, id);

ALTER TABLE broadcasts ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
ALTER TABLE broadcasts ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE broadcasts ADD FOREIGN KEY (tenant_id, incident_id, version)
    REFERENCES incident_updates (tenant_id, incident_id, version);
DROP INDEX broadcasts_incident;
CREATE INDEX broadcasts_incident ON broadcasts (tenant_id, incident_id, version);

-- The archive gains the tenant too (a column added with a default fires no row trigger).
ALTER TABLE deliveries ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
ALTER TABLE deliveries ALTER COLUMN tenant_id DROP DEFAULT;
DROP INDEX deliveries_recipient;
CREATE INDEX deliveries_recipient ON deliveries (tenant_id, recipient_id, channel, incident_id, version);

ALTER TABLE unusable_contacts ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
ALTER TABLE unusable_contacts ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE unusable_contacts DROP CONSTRAINT unusable_contacts_pkey;
ALTER TABLE unusable_contacts ADD PRIMARY KEY (tenant_id, recipient_id, channel, destination);

-- Audit entries name the tenant whose object changed (NULL for platform actions such as a new tenant).
ALTER TABLE audit_log ADD COLUMN tenant_id text;
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, at);

-- Erasure (DELETE /v1/recipients/{id}): the archive keeps its outcome rows, with the destination
-- replaced by a keyed hash. That one change is the only one the append-only trigger allows on
-- deliveries, and only to a value of the form 'erased:<hex>'; it is audited by the gateway.
CREATE FUNCTION deliveries_allow_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.destination LIKE 'erased:%'
       AND (OLD.destination IS NULL OR OLD.destination NOT LIKE 'erased:%')
       AND to_jsonb(NEW) - 'destination' = to_jsonb(OLD) - 'destination' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'deliveries is append-only (only erasure may replace a destination)';
END;
$$;
DROP TRIGGER deliveries_append_only ON deliveries;
CREATE TRIGGER deliveries_append_only BEFORE UPDATE OR DELETE ON deliveries
    FOR EACH ROW EXECUTE FUNCTION deliveries_allow_erasure();
