-- fires: EXCLUDE on a table created by an earlier migration
ALTER TABLE public.shifts
    ADD CONSTRAINT shifts_no_overlap EXCLUDE USING gist (during WITH &&);
