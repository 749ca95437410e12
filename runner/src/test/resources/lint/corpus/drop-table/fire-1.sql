-- fires: dropping an existing table loses its data
DROP TABLE public.legacy_events;
