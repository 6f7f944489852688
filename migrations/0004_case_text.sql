-- ipguard schema, version 4: finding cases by their text (issue 16, `case list --text`).
-- Two FTS5 indexes with the trigram tokenizer, case-sensitive, so that a text of three
-- characters or more (Chinese included) is found as a substring through the index: one over
-- the cases' summaries, one over the titles and texts of the timeline entries. Both are
-- external-content tables: they hold the index only, the text stays in cases and
-- case_events, and the triggers below keep them in step with every insert, update and
-- delete. A shorter text is scanned with instr (store/cases.rs); the results are the same.
CREATE VIRTUAL TABLE cases_fts USING fts5(
    summary, content = 'cases', columnsize = 0, tokenize = 'trigram case_sensitive 1'
);
CREATE VIRTUAL TABLE case_events_fts USING fts5(
    title, note, content = 'case_events', content_rowid = 'id', columnsize = 0,
    tokenize = 'trigram case_sensitive 1'
);
INSERT INTO cases_fts (cases_fts) VALUES ('rebuild');
INSERT INTO case_events_fts (case_events_fts) VALUES ('rebuild');

CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
    INSERT INTO cases_fts (rowid, summary) SELECT new.rowid, new.summary WHERE new.summary <> '';
END;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF summary ON cases
WHEN old.summary IS NOT new.summary BEGIN
    INSERT INTO cases_fts (cases_fts, rowid, summary)
        SELECT 'delete', old.rowid, old.summary WHERE old.summary <> '';
    INSERT INTO cases_fts (rowid, summary) SELECT new.rowid, new.summary WHERE new.summary <> '';
END;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
    INSERT INTO cases_fts (cases_fts, rowid, summary)
        SELECT 'delete', old.rowid, old.summary WHERE old.summary <> '';
END;

CREATE TRIGGER case_events_fts_insert AFTER INSERT ON case_events BEGIN
    INSERT INTO case_events_fts (rowid, title, note)
        SELECT new.id, new.title, new.note WHERE new.title <> '' OR new.note <> '';
END;
CREATE TRIGGER case_events_fts_update AFTER UPDATE OF title, note ON case_events BEGIN
    INSERT INTO case_events_fts (case_events_fts, rowid, title, note)
        SELECT 'delete', old.id, old.title, old.note WHERE old.title <> '' OR old.note <> '';
    INSERT INTO case_events_fts (rowid, title, note)
        SELECT new.id, new.title, new.note WHERE new.title <> '' OR new.note <> '';
END;
CREATE TRIGGER case_events_fts_delete AFTER DELETE ON case_events BEGIN
    INSERT INTO case_events_fts (case_events_fts, rowid, title, note)
        SELECT 'delete', old.id, old.title, old.note WHERE old.title <> '' OR old.note <> '';
END;
