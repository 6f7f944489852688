-- ipguard's server schema, version 2: finding cases by their text (issue 16, `case list
-- --text`). The store asks `LIKE '%text%'` (case-sensitive, as on a file) for a text of three
-- characters or more; pg_trgm's GIN indexes serve it. pg_trgm is a trusted extension
-- (PostgreSQL 13 and later): the database's owner may create it. Where it cannot be created
-- (not installed on the server, an older PostgreSQL) the migration goes on without it and
-- the same queries scan the tables: the results are the same, only slower (docs/library.md).
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm could not be created (%): case list --text scans the cases', SQLERRM;
END
$$;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX cases_summary_trgm ON cases USING gin (summary gin_trgm_ops);
        CREATE INDEX case_events_title_trgm ON case_events USING gin (title gin_trgm_ops);
        CREATE INDEX case_events_note_trgm ON case_events USING gin (note gin_trgm_ops);
    END IF;
END
$$;
