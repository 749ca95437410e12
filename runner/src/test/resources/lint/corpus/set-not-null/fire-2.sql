-- fires: SET NOT NULL without the COLUMN keyword, lower case
alter table customers alter full_name set not null;
