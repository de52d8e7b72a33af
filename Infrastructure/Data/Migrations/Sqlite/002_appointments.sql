CREATE TABLE appointments (
    id            TEXT PRIMARY KEY,
    title         TEXT NOT NULL,
    patient_name  TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    gender        TEXT NOT NULL,
    phone         TEXT NULL,
    address       TEXT NULL,
    doctor_name   TEXT NULL,
    note          TEXT NULL,
    description   TEXT NULL,
    start_time    TEXT NOT NULL,
    end_time      TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    -- the fencing token of the last write: a write with an older token is refused
    fencing_token INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (end_time > start_time)
);
CREATE INDEX ix_appointments_start ON appointments (start_time);

-- No foreign key: the history of a deleted appointment stays readable.
CREATE TABLE appointment_history (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    appointment_id TEXT NOT NULL,
    at             TEXT NOT NULL,
    user_id        TEXT NOT NULL,
    user_name      TEXT NOT NULL,
    action         TEXT NOT NULL,
    version        INTEGER NOT NULL,
    changes        TEXT NOT NULL
);
CREATE INDEX ix_history_appointment ON appointment_history (appointment_id, id);

-- High-water mark of fencing tokens that may have been issued (see FencingTokens).
CREATE TABLE fencing (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    reserved_up_to INTEGER NOT NULL
);
INSERT INTO fencing (id, reserved_up_to) VALUES (1, 0);
