-- ipguard schema, version 5: the enterprise's satisfaction at a follow-up (issue 16,
-- seed 004 三(四)): `case follow-up … --satisfaction … --comment …`. NULL: not asked or not
-- given (every event recorded before, and the other kinds).
ALTER TABLE case_events ADD COLUMN satisfaction TEXT
    CHECK (satisfaction IN ('satisfied', 'fairly_satisfied', 'dissatisfied'));
ALTER TABLE case_events ADD COLUMN comment TEXT NOT NULL DEFAULT '';
