-- fires: unnamed multi-column UNIQUE NULLS NOT DISTINCT (PostgreSQL 15) on an existing table
alter table orders
    add unique nulls not distinct (customer_id, placed_at);
