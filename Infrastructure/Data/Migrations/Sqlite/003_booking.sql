CREATE TABLE specialties (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE doctors (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    specialty_id     TEXT NOT NULL REFERENCES specialties (id),
    email            TEXT NULL COLLATE NOCASE,
    consultation_fee REAL NULL CHECK (consultation_fee IS NULL OR consultation_fee >= 0),
    created_at       TEXT NOT NULL
);
CREATE INDEX ix_doctors_specialty ON doctors (specialty_id);

-- seats_taken counts the seats of PENDING (until swept), CONFIRMED, IN_PROGRESS, COMPLETED and
-- NO_SHOW bookings; the CHECK makes overbooking impossible even for a buggy statement.
CREATE TABLE slots (
    id           TEXT PRIMARY KEY,
    doctor_id    TEXT NOT NULL REFERENCES doctors (id),
    start_time   TEXT NOT NULL,
    end_time     TEXT NOT NULL,
    capacity     INTEGER NOT NULL CHECK (capacity >= 1),
    seats_taken  INTEGER NOT NULL DEFAULT 0,
    is_available INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    CHECK (end_time > start_time),
    CHECK (seats_taken >= 0 AND seats_taken <= capacity)
);
CREATE UNIQUE INDEX ux_slots_doctor_start ON slots (doctor_id, start_time);
CREATE INDEX ix_slots_time ON slots (start_time);

-- start_time/end_time copy the slot's, so a patient's overlapping bookings are one index range.
CREATE TABLE bookings (
    id               TEXT PRIMARY KEY,
    slot_id          TEXT NOT NULL REFERENCES slots (id),
    doctor_id        TEXT NOT NULL,
    patient_id       TEXT NOT NULL REFERENCES users (id),
    seats            INTEGER NOT NULL CHECK (seats >= 1),
    status           TEXT NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'EXPIRED')),
    start_time       TEXT NOT NULL,
    end_time         TEXT NOT NULL,
    expires_at       TEXT NULL,
    reason_for_visit TEXT NULL,
    idempotency_key  TEXT NULL,
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_bookings_idempotency ON bookings (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_bookings_patient ON bookings (patient_id, start_time);
CREATE INDEX ix_bookings_slot ON bookings (slot_id, status);
CREATE INDEX ix_bookings_pending ON bookings (expires_at) WHERE status = 'PENDING';
