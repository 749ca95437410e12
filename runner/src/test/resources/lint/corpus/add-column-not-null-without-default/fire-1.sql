-- fires: NOT NULL column without DEFAULT on an existing table fails as soon as it has a row
ALTER TABLE public.customers ADD COLUMN country_code char(2) NOT NULL;
