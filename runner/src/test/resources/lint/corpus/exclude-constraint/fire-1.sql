-- fires: ADD CONSTRAINT ... EXCLUDE builds its index under ACCESS EXCLUSIVE on an existing table
ALTER TABLE public.room_bookings
    ADD CONSTRAINT room_bookings_no_overlap
    EXCLUDE USING gist (during WITH &&);
