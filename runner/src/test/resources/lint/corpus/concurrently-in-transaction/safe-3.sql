-- safe: DETACH PARTITION CONCURRENTLY alone in its migration
alter table public.events detach partition public.events_2023 concurrently;
