-- fires: bigserial creates a separately owned sequence
CREATE TABLE public.site_bans (
    id     bigserial PRIMARY KEY,
    reason text NOT NULL
);
