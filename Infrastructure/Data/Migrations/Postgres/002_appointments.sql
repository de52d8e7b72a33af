CREATE TABLE appointments (
    id            uuid PRIMARY KEY,
    title         text NOT NULL,
    patient_name  text NOT NULL,
    date_of_birth text NOT NULL,
    gender        text NOT NULL,
    phone         text NULL,
    address       text NULL,
    doctor_name   text NULL,
    note          text NULL,
    description   text NULL,
    start_time    timestamptz NOT NULL,
    end_time      timestamptz NOT NULL,
    version       bigint NOT NULL DEFAULT 1,
    -- the fencing token of the last write: a write with an older token is refused
    fencing_token bigint NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CHECK (end_time > start_time)
);
CREATE INDEX ix_appointments_start ON appointments (start_time);

-- No foreign key: the history of a deleted appointment stays readable.
CREATE TABLE appointment_history (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    appointment_id uuid NOT NULL,
    at             timestamptz NOT NULL,
    user_id        uuid NOT NULL,
    user_name      text NOT NULL,
    action         text NOT NULL,
    version        bigint NOT NULL,
    changes        text NOT NULL
);
CREATE INDEX ix_history_appointment ON appointment_history (appointment_id, id);

-- High-water mark of fencing tokens that may have been issued (see FencingTokens).
CREATE TABLE fencing (
    id             integer PRIMARY KEY CHECK (id = 1),
    reserved_up_to bigint NOT NULL
);
INSERT INTO fencing (id, reserved_up_to) VALUES (1, 0);
