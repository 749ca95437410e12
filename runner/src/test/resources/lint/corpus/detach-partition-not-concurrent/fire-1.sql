-- fires: DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the parent
ALTER TABLE public.events DETACH PARTITION public.events_2023;
