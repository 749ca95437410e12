-- fires: IF NOT EXISTS, lower case
alter table public.customers
    add column if not exists email_domain text generated always as (split_part(email, '@', 2)) stored;
