-- fires: a bigserial column means DEFAULT nextval(...): the table is rewritten
alter table customers add column legacy_seq bigserial;
