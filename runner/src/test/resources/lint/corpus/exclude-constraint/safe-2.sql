-- safe: EXCLUDE added to a table created in the same migration
CREATE TABLE public.desk_bookings (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    desk_no integer   NOT NULL,
    during  tstzrange NOT NULL
);
ALTER TABLE public.desk_bookings
    ADD CONSTRAINT desk_bookings_no_overlap EXCLUDE USING gist (during WITH &&);
