-- safe: DEFAULT written before NOT NULL, several columns in one statement
alter table orders
    add column if not exists priority integer default 0 not null,
    add column channel text not null default 'web';
