-- fires: unnamed EXCLUDE with an expression and a WHERE clause, lower case
alter table public.reservations
    add exclude using gist (tstzrange(starts_at, ends_at) with &&) where (not cancelled);
