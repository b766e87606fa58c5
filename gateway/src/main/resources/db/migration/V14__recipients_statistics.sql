-- The applications refresh the planner's statistics of recipients (ANALYZE) right after a large import, so a
-- broadcast sent at once reads its audience in key order rather than sorting every remaining match per page.
-- ANALYZE needs the table's owner or, from PostgreSQL 17, the MAINTAIN privilege, which the runtime role gets here
-- on this one table. On an older server the grant does not exist: ANALYZE by the runtime role is then skipped
-- with a warning, and autovacuum analyzes the table within its next minute as before.
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 170000 THEN
        EXECUTE 'GRANT MAINTAIN ON recipients TO clarion_runtime';
    END IF;
END
$$;
