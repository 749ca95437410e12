-- safe: step 2, PRIMARY KEY USING INDEX over the ready index
ALTER TABLE public.legacy_events
    ADD CONSTRAINT legacy_events_pkey PRIMARY KEY USING INDEX legacy_events_id_idx;
