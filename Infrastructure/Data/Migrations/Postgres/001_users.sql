-- The SQLite schema's tables with PostgreSQL's types: ids uuid, instants timestamptz.
-- Emails are stored lower-cased, so a plain unique constraint is the case-insensitive one.
CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text NOT NULL UNIQUE,
    name          text NOT NULL,
    role          text NOT NULL CHECK (role IN ('admin', 'staff', 'doctor', 'patient')),
    password_hash text NOT NULL,
    doctor_id     uuid NULL,
    created_at    timestamptz NOT NULL
);
