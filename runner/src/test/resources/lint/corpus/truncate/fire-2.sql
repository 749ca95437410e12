-- fires: TRUNCATE TABLE with RESTART IDENTITY CASCADE on a quoted table
truncate table public."Order Items" restart identity cascade;
