-- safe: DETACH PARTITION ... CONCURRENTLY alone in its migration
ALTER TABLE public.events DETACH PARTITION public.events_2023 CONCURRENTLY;
