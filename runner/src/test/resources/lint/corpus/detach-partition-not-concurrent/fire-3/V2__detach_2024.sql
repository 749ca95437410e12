-- fires: plain DETACH PARTITION on a partitioned table created by an earlier migration
ALTER TABLE public.measurements
    DETACH PARTITION public.measurements_2024;
