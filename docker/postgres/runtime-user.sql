-- Runs once, when the postgres container initializes an empty data volume (docker-entrypoint-initdb.d),
-- as POSTGRES_USER (clarion), the migration user who owns Clarion's tables. Creates the runtime login the
-- gateway and the dispatchers connect as: a member of clarion_runtime, which may use the tables but never
-- TRUNCATE, ALTER, DROP or disable triggers on them, and only read and append to the archive. The
-- migration V5__runtime_role.sql grants clarion_runtime its privileges; it finds the role already here.
CREATE ROLE clarion_runtime NOLOGIN;
CREATE ROLE clarion_app LOGIN PASSWORD 'clarion_app' IN ROLE clarion_runtime;
