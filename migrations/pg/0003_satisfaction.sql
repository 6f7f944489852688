-- ipguard's server schema, version 3: the enterprise's satisfaction at a follow-up (issue 16),
-- as the file's version 5.
ALTER TABLE case_events ADD COLUMN satisfaction TEXT COLLATE "C"
    CHECK (satisfaction IN ('satisfied', 'fairly_satisfied', 'dissatisfied'));
ALTER TABLE case_events ADD COLUMN comment TEXT COLLATE "C" NOT NULL DEFAULT '';
