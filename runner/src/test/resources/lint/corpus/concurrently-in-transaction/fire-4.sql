-- fires: DETACH PARTITION CONCURRENTLY with executeInTransaction=true
ALTER TABLE public.events
    DETACH PARTITION public.events_2023 CONCURRENTLY;
