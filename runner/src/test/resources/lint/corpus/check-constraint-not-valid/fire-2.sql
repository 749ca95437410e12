-- fires: an unnamed CHECK added to an existing table (lower case, no CONSTRAINT keyword)
alter table customers add check (char_length(full_name) <= 200);
