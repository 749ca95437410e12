-- safe: step 2, the backfill in a later migration, with no DDL next to it
UPDATE public.customers SET email_verified = false WHERE email_verified IS NULL;
