-- btree_gist lets one exclusion constraint compare a uuid (=) and a time range (&&).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE specialties (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    description text NULL,
    created_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX ux_specialties_name ON specialties (lower(name));

CREATE TABLE doctors (
    id               uuid PRIMARY KEY,
    name             text NOT NULL,
    specialty_id     uuid NOT NULL REFERENCES specialties (id),
    email            text NULL,
    consultation_fee double precision NULL CHECK (consultation_fee IS NULL OR consultation_fee >= 0),
    created_at       timestamptz NOT NULL
);
CREATE INDEX ix_doctors_specialty ON doctors (specialty_id);

-- seats_taken counts the seats of PENDING (until swept), CONFIRMED, IN_PROGRESS, COMPLETED and
-- NO_SHOW bookings; the CHECK makes overbooking impossible even for a buggy statement.
-- The exclusion constraint is the no-overlap rule itself: two statements racing on two
-- connections cannot both put a doctor in two places at once.
CREATE TABLE slots (
    id           uuid PRIMARY KEY,
    doctor_id    uuid NOT NULL REFERENCES doctors (id),
    start_time   timestamptz NOT NULL,
    end_time     timestamptz NOT NULL,
    capacity     integer NOT NULL CHECK (capacity >= 1),
    seats_taken  integer NOT NULL DEFAULT 0,
    is_available integer NOT NULL DEFAULT 1 CHECK (is_available IN (0, 1)),
    created_at   timestamptz NOT NULL,
    CHECK (end_time > start_time),
    CHECK (seats_taken >= 0 AND seats_taken <= capacity),
    CONSTRAINT ex_slots_doctor_overlap EXCLUDE USING gist (doctor_id WITH =, tstzrange(start_time, end_time) WITH &&)
);
CREATE UNIQUE INDEX ux_slots_doctor_start ON slots (doctor_id, start_time);
CREATE INDEX ix_slots_time ON slots (start_time);

-- start_time/end_time copy the slot's. A patient's active bookings never overlap: the booking
-- transaction ends the patient's lapsed holds first, and this constraint refuses the second of
-- two racing bookings whatever the isolation level.
CREATE TABLE bookings (
    id               uuid PRIMARY KEY,
    slot_id          uuid NOT NULL REFERENCES slots (id),
    doctor_id        uuid NOT NULL,
    patient_id       uuid NOT NULL REFERENCES users (id),
    seats            integer NOT NULL CHECK (seats >= 1),
    status           text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'EXPIRED')),
    start_time       timestamptz NOT NULL,
    end_time         timestamptz NOT NULL,
    expires_at       timestamptz NULL,
    reason_for_visit text NULL,
    idempotency_key  text NULL,
    created_by       uuid NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT ex_bookings_patient_overlap EXCLUDE USING gist (patient_id WITH =, tstzrange(start_time, end_time) WITH &&)
        WHERE (status IN ('PENDING', 'CONFIRMED', 'IN_PROGRESS'))
);
CREATE UNIQUE INDEX ux_bookings_idempotency ON bookings (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_bookings_patient ON bookings (patient_id, start_time);
CREATE INDEX ix_bookings_slot ON bookings (slot_id, status);
CREATE INDEX ix_bookings_pending ON bookings (expires_at) WHERE status = 'PENDING';
