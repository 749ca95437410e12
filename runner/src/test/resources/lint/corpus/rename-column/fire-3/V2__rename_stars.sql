-- fires: the table was created by an earlier migration, so the app may already use "stars"
ALTER TABLE IF EXISTS public.reviews RENAME COLUMN stars TO rating;
