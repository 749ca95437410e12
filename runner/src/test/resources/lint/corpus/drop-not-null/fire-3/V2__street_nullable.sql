-- fires: the table was created by an earlier migration
ALTER TABLE public.addresses ALTER COLUMN street DROP NOT NULL;
