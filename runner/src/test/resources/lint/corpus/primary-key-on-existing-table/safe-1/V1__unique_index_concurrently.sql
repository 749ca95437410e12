-- safe: step 1, unique index built concurrently, alone in its migration
CREATE UNIQUE INDEX CONCURRENTLY legacy_events_id_idx ON public.legacy_events (id);
