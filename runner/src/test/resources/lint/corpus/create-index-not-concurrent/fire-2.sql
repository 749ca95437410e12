-- fires: a UNIQUE expression index built without CONCURRENTLY on an existing table
create unique index if not exists customers_lower_email_key
    on customers (lower(email))
    where email is not null;
