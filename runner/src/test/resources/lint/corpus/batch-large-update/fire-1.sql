-- fires: every row of an existing table updated in one transaction
UPDATE public.customers SET email_normalized = lower(email);
