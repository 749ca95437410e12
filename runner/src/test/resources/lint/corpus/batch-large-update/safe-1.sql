-- safe: a WHERE clause limits the UPDATE and the DELETE
UPDATE public.customers SET tier = 'gold' WHERE id = 42;
DELETE FROM public.audit_log WHERE created_at < now() - interval '90 days';
