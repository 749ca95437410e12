-- creates a partitioned table with one partition
CREATE TABLE public.measurements (
    sensor_id   bigint      NOT NULL,
    measured_at timestamptz NOT NULL,
    value       double precision
) PARTITION BY RANGE (measured_at);
CREATE TABLE public.measurements_2024 PARTITION OF public.measurements
    FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');
