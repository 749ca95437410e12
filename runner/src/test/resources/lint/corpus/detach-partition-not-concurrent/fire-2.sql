-- fires: lower case, unqualified names
alter table events detach partition events_2022;
