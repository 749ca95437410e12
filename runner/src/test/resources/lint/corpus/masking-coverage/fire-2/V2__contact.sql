-- fires: a column added to a covered table, in a later migration, without its rule
ALTER TABLE customers ADD COLUMN birth_date date;
