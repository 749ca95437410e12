-- fires (trap): the WHERE is inside the subquery, so every row of customers is still updated
UPDATE public.customers
SET    region = (SELECT r.name FROM public.regions r WHERE r.code = 'EU');
