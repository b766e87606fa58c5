-- Message templates (API.md "Templates, locales, links, redaction"): per tenant, name and locale, each PUT a new
-- immutable numbered version; parts is {"email": {"subject","text","html"}, "sms": {"text"}, "push": {"title","body"}}.
CREATE TABLE templates (
    tenant_id   text        NOT NULL REFERENCES tenants (id),
    name        text        NOT NULL,
    locale      text        NOT NULL,
    version     integer     NOT NULL CHECK (version > 0),
    parts       jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, name, locale, version)
);
CREATE TRIGGER templates_immutable BEFORE UPDATE OR DELETE ON templates
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON templates FROM clarion_runtime;

-- An update may name a template and give its variables; both are immutable with the update.
ALTER TABLE incident_updates ADD COLUMN template text, ADD COLUMN template_variables jsonb;

-- The ledger records which template version and locale each delivery was rendered from (null: built-in text).
ALTER TABLE deliveries ADD COLUMN template_name text, ADD COLUMN template_version integer,
    ADD COLUMN template_locale text;
