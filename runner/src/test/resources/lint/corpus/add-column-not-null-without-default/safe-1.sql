-- safe: NOT NULL with a constant DEFAULT (stored in the catalog, no rewrite)
ALTER TABLE public.customers ADD COLUMN country_code varchar(2) NOT NULL DEFAULT 'NL';
