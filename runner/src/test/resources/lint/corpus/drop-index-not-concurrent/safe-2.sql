-- safe: dropping an index that was created in the same migration, on a table created here too
CREATE TABLE public.coupons (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code  text    NOT NULL,
    value integer NOT NULL
);
CREATE INDEX coupons_code_idx ON public.coupons (code);
-- replaced by a unique index right away
DROP INDEX public.coupons_code_idx;
CREATE UNIQUE INDEX coupons_code_key ON public.coupons (code);
