-- safe: an EXCLUDE constraint inside CREATE TABLE
CREATE TABLE public.room_bookings (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id bigint    NOT NULL,
    during  tstzrange NOT NULL,
    CONSTRAINT room_bookings_no_overlap EXCLUDE USING gist (during WITH &&)
);
