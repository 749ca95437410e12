-- safe: SET (fillfactor = 90) only changes a storage parameter
ALTER TABLE public.orders SET (fillfactor = 90);
