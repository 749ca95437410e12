-- fires: an int4 column that references another table's key (added to a table created here)
CREATE TABLE public.mod_bans (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY
);
ALTER TABLE public.mod_bans ADD COLUMN person_id int4 NOT NULL REFERENCES public.customers (id);
