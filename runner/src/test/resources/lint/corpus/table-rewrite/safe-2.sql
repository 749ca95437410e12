-- safe: several storage parameters and a RESET, same table
ALTER TABLE public.orders
    SET (autovacuum_vacuum_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE public.orders RESET (fillfactor);
