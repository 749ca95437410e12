-- safe: DROP DEFAULT is a look-alike that keeps the NOT NULL
ALTER TABLE public.customers ALTER COLUMN status DROP DEFAULT;
