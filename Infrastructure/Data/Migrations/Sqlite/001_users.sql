CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'doctor', 'patient')),
    password_hash TEXT NOT NULL,
    doctor_id     TEXT NULL,
    created_at    TEXT NOT NULL
);
