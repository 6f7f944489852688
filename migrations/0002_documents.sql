-- ipguard schema, version 2: the rules as the source documents state them (issue 11).
-- Run by store/open.rs with foreign keys off and checked before the commit, so that tables
-- whose CHECK constraints change can be rebuilt (SQLite cannot alter a constraint).

-- Cases: the kind `information` (信息收集, art. 6(1)), and the city office's decision on an
-- overdue reason (P1: only an accepted reason excuses): NULL = not yet decided, 1 accepted,
-- 0 rejected, with the day and the office's note.
CREATE TABLE cases_v2 (
    id              TEXT PRIMARY KEY,
    station         TEXT NOT NULL REFERENCES stations (code),
    enterprise      TEXT NOT NULL,
    credit_code     TEXT,
    received_on     TEXT NOT NULL,
    source          TEXT NOT NULL DEFAULT 'enterprise'
                    CHECK (source IN ('enterprise', 'city_transfer')),
    kind            TEXT NOT NULL DEFAULT 'guidance'
                    CHECK (kind IN ('guidance', 'consultation', 'information')),
    ip_type         TEXT CHECK (ip_type IN ('patent', 'trademark', 'copyright', 'trade_secret',
                    'gi', 'unfair_competition', 'other')),
    country         TEXT NOT NULL DEFAULT '',
    dispute_type    TEXT CHECK (dispute_type IN ('litigation', 'exhibition', 'ecommerce',
                    'squatting', 'section_337', 'other')),
    warning_level   TEXT CHECK (warning_level IN ('red', 'yellow', 'blue')),
    accepted_on     TEXT,
    closed_on       TEXT,
    outcome         TEXT CHECK (outcome IN ('resolved', 'guided', 'withdrawn', 'referred')),
    effective       INTEGER CHECK (effective IN (0, 1)),
    followup_on     TEXT,
    overdue_reason  TEXT NOT NULL DEFAULT '',
    summary         TEXT NOT NULL DEFAULT '',
    typical         INTEGER NOT NULL DEFAULT 0 CHECK (typical IN (0, 1)),
    reason_accepted INTEGER CHECK (reason_accepted IN (0, 1)),
    reason_decided_on TEXT,
    reason_note     TEXT NOT NULL DEFAULT '',
    CHECK (accepted_on IS NULL OR accepted_on >= received_on),
    CHECK (closed_on IS NULL OR (accepted_on IS NOT NULL AND closed_on >= accepted_on)),
    CHECK (followup_on IS NULL OR (closed_on IS NOT NULL AND followup_on >= closed_on))
);
INSERT INTO cases_v2 (id, station, enterprise, credit_code, received_on, source, kind, ip_type,
    country, dispute_type, warning_level, accepted_on, closed_on, outcome, effective,
    followup_on, overdue_reason, summary, typical)
SELECT id, station, enterprise, credit_code, received_on, source, kind, ip_type,
    country, dispute_type, warning_level, accepted_on, closed_on, outcome, effective,
    followup_on, overdue_reason, summary, typical FROM cases;
DROP TABLE cases;
ALTER TABLE cases_v2 RENAME TO cases;
CREATE INDEX cases_station_received ON cases (station, received_on);

-- Case events: a red case's special-handling plan (专项处理方案) is its own kind; a risk
-- notice (风险提示) is a published notice with a title. A `plan` already recorded on a red
-- case was its special-handling plan; a risk notice's text becomes its title.
CREATE TABLE case_events_v2 (
    id          INTEGER PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    kind        TEXT NOT NULL CHECK (kind IN
                ('followup', 'plan', 'special_plan', 'risk_notice', 'note')),
    on_date     TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT ''
);
INSERT INTO case_events_v2 (id, case_id, kind, on_date, title, note)
SELECT e.id, e.case_id,
       CASE WHEN e.kind = 'plan' AND c.warning_level = 'red' THEN 'special_plan' ELSE e.kind END,
       e.on_date,
       CASE WHEN e.kind = 'risk_notice' THEN e.note ELSE '' END,
       CASE WHEN e.kind = 'risk_notice' THEN '' ELSE e.note END
FROM case_events e LEFT JOIN cases c ON c.id = e.case_id;
DROP TABLE case_events;
ALTER TABLE case_events_v2 RENAME TO case_events;
CREATE INDEX case_events_case ON case_events (case_id, on_date);

-- The art. 4 conditions are now the measure's own five. Carried over where an old one means
-- the same: old 3 (staff who know the work) is new 2 (a professional team), old 4 (working
-- rules and a service process) is new 5 (a sound management mechanism). New 1, 3 and 4 are
-- cleared: old 1 (legal-person host) and old 5 (resources of experts) are not in art. 4, and
-- old 2 (a fixed office) is only part of new 1.
UPDATE stations SET cond1 = 0, cond2 = cond3, cond3 = 0, cond4 = 0, cond5 = cond4;

-- An acceptance passes or fails (art. 9: 验收合格 / 验收不合格), never `excellent`.
UPDATE assessments SET grade = 'pass',
    scorecard = replace(scorecard, '"grade":"excellent"', '"grade":"pass"')
WHERE kind = 'acceptance' AND grade = 'excellent';
