-- The runtime role: what the gateway and the dispatchers may do, and nothing more. The migration user
-- (spring.flyway.user) owns every table; the applications log in as a member of clarion_runtime
-- (spring.r2dbc.username), which is not an owner, so it can never ALTER, DROP, TRUNCATE, disable or drop
-- triggers on, any table, and on the append-only archive (deliveries, audit_log, incident_updates) it may
-- only read and add rows; on deliveries it may also replace a destination (erasure writes a keyed hash there).
--
-- Roles are cluster-wide (several databases, e.g. one per test, share them): created only when missing, and
-- a concurrent creation by another database's migration is not an error. Creating it needs CREATEROLE; a
-- DBA may create clarion_runtime beforehand instead, and this step then does nothing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'clarion_runtime') THEN
        BEGIN
            CREATE ROLE clarion_runtime NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- created meanwhile by a migration of another database
        END;
    END IF;
END
$$;

DO $$
DECLARE
    schema_name text := current_schema();
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO clarion_runtime', schema_name);
    -- every table and sequence there now, and (next statement) every one later migrations create
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO clarion_runtime', schema_name);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO clarion_runtime', schema_name);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO clarion_runtime',
                   schema_name);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO clarion_runtime',
                   schema_name);
    -- Flyway's own history is the migration user's alone
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        REVOKE ALL ON flyway_schema_history FROM clarion_runtime;
    END IF;
END
$$;

-- The archive: read and append only. A later migration that creates an archive table must revoke the same way
-- (the default privileges above grant UPDATE and DELETE on every new table).
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON deliveries, audit_log, incident_updates FROM clarion_runtime;
GRANT SELECT, INSERT ON deliveries, audit_log, incident_updates TO clarion_runtime;
GRANT UPDATE (destination) ON deliveries TO clarion_runtime;
