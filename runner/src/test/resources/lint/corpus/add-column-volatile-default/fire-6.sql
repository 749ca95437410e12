-- fires: a user's own function is VOLATILE unless declared otherwise: every row calls it, the table is rewritten
CREATE OR REPLACE FUNCTION public.generate_unique_changeme() RETURNS text
    LANGUAGE sql
    AS $$ SELECT 'http://changeme.invalid/' || substr(md5(random()::text), 0, 25) $$;
ALTER TABLE public.customers ADD COLUMN actor_id varchar(255) NOT NULL DEFAULT generate_unique_changeme();
