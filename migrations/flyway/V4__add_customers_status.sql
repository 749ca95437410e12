-- A constant default is stored in the catalog (PostgreSQL 11+): no table rewrite.
ALTER TABLE customers ADD COLUMN status text NOT NULL DEFAULT 'active';
