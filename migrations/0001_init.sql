-- ipguard schema, version 1.
-- Dates are ISO text (YYYY-MM-DD), so text order is date order; booleans are 0/1;
-- money is integer fen and points integer hundredths. Portable SQL only.

CREATE TABLE stations (
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    host_org        TEXT NOT NULL DEFAULT '',
    district        TEXT NOT NULL DEFAULT '',
    level           TEXT CHECK (level IN ('city', 'district', 'park')),
    status          TEXT NOT NULL DEFAULT 'applied' CHECK (status IN
                    ('applied', 'recommended', 'reviewed', 'publicized', 'established',
                     'accepted', 'revoked', 'rejected')),
    status_on       TEXT,
    established_on  TEXT,
    cond1           INTEGER NOT NULL DEFAULT 0 CHECK (cond1 IN (0, 1)),
    cond2           INTEGER NOT NULL DEFAULT 0 CHECK (cond2 IN (0, 1)),
    cond3           INTEGER NOT NULL DEFAULT 0 CHECK (cond3 IN (0, 1)),
    cond4           INTEGER NOT NULL DEFAULT 0 CHECK (cond4 IN (0, 1)),
    cond5           INTEGER NOT NULL DEFAULT 0 CHECK (cond5 IN (0, 1))
);

CREATE TABLE station_history (
    id          INTEGER PRIMARY KEY,
    station     TEXT NOT NULL REFERENCES stations (code),
    status      TEXT NOT NULL CHECK (status IN
                ('applied', 'recommended', 'reviewed', 'publicized', 'established',
                 'accepted', 'revoked', 'rejected')),
    on_date     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX station_history_station ON station_history (station, id);

CREATE TABLE staff (
    id          INTEGER PRIMARY KEY,
    station     TEXT NOT NULL REFERENCES stations (code),
    name        TEXT NOT NULL,
    full_time   INTEGER NOT NULL CHECK (full_time IN (0, 1)),
    from_on     TEXT NOT NULL,
    to_on       TEXT,
    CHECK (to_on IS NULL OR from_on <= to_on),
    UNIQUE (station, name, from_on)
);

CREATE TABLE experts (
    id          INTEGER PRIMARY KEY,
    station     TEXT NOT NULL REFERENCES stations (code),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('expert', 'lawyer')),
    field       TEXT NOT NULL DEFAULT '',
    countries   TEXT NOT NULL DEFAULT '',
    joined_on   TEXT NOT NULL,
    left_on     TEXT,
    CHECK (left_on IS NULL OR joined_on <= left_on),
    UNIQUE (station, name, joined_on)
);

CREATE TABLE funding (
    id          INTEGER PRIMARY KEY,
    station     TEXT NOT NULL REFERENCES stations (code),
    on_date     TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
    source      TEXT NOT NULL DEFAULT '',
    UNIQUE (station, on_date, source)
);

CREATE TABLE cases (
    id              TEXT PRIMARY KEY,
    station         TEXT NOT NULL REFERENCES stations (code),
    enterprise      TEXT NOT NULL,
    credit_code     TEXT,
    received_on     TEXT NOT NULL,
    source          TEXT NOT NULL DEFAULT 'enterprise'
                    CHECK (source IN ('enterprise', 'city_transfer')),
    kind            TEXT NOT NULL DEFAULT 'guidance' CHECK (kind IN ('guidance', 'consultation')),
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
    CHECK (accepted_on IS NULL OR accepted_on >= received_on),
    CHECK (closed_on IS NULL OR (accepted_on IS NOT NULL AND closed_on >= accepted_on)),
    CHECK (followup_on IS NULL OR (closed_on IS NOT NULL AND followup_on >= closed_on))
);
CREATE INDEX cases_station_received ON cases (station, received_on);

-- Dated entries on a case's timeline: every follow-up (the first is also cases.followup_on),
-- red / yellow plans, blue risk notices, notes.
CREATE TABLE case_events (
    id          INTEGER PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    kind        TEXT NOT NULL CHECK (kind IN ('followup', 'plan', 'risk_notice', 'note')),
    on_date     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events (case_id, on_date);

CREATE TABLE activities (
    id           INTEGER PRIMARY KEY,
    station      TEXT NOT NULL REFERENCES stations (code),
    kind         TEXT NOT NULL CHECK (kind IN
                 ('training', 'publicity', 'publication', 'aid_guidance', 'referral')),
    on_date      TEXT NOT NULL,
    title        TEXT NOT NULL,
    participants INTEGER CHECK (participants >= 0),
    UNIQUE (station, kind, on_date, title)
);

CREATE TABLE reports (
    id           INTEGER PRIMARY KEY,
    station      TEXT NOT NULL REFERENCES stations (code),
    kind         TEXT NOT NULL CHECK (kind IN ('annual_summary', 'work_plan', 'quarterly_cases')),
    period       TEXT NOT NULL,
    submitted_on TEXT NOT NULL,
    UNIQUE (station, kind, period)
);

CREATE TABLE awards (
    id           INTEGER PRIMARY KEY,
    station      TEXT NOT NULL REFERENCES stations (code),
    item         TEXT NOT NULL,
    points_cents INTEGER NOT NULL CHECK (points_cents >= 0),
    on_date      TEXT NOT NULL,
    reason       TEXT NOT NULL,
    UNIQUE (station, item, on_date, reason)
);

CREATE TABLE complaints (
    id          INTEGER PRIMARY KEY,
    station     TEXT NOT NULL REFERENCES stations (code),
    on_date     TEXT NOT NULL,
    verified    INTEGER NOT NULL CHECK (verified IN (0, 1)),
    note        TEXT NOT NULL DEFAULT '',
    UNIQUE (station, on_date, note)
);

-- Official results of acceptance and biennial assessments (art. 9).
CREATE TABLE assessments (
    id           INTEGER PRIMARY KEY,
    station      TEXT NOT NULL REFERENCES stations (code),
    kind         TEXT NOT NULL CHECK (kind IN ('acceptance', 'biennial')),
    period       TEXT NOT NULL,
    on_date      TEXT NOT NULL,
    total_cents  INTEGER NOT NULL,
    grade        TEXT NOT NULL CHECK (grade IN ('excellent', 'pass', 'fail')),
    rubric_id    TEXT NOT NULL,
    scorecard    TEXT NOT NULL
);

-- Settings of this database, such as the rubric in force (key 'rubric', a JSON document).
CREATE TABLE settings (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);

-- The append-only, hash-chained record of every write.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    command     TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_key  TEXT NOT NULL,
    station     TEXT,
    before_json TEXT,
    after_json  TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
