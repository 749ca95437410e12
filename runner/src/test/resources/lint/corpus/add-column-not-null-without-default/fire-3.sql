-- fires: the DEFAULT in this statement belongs to the OTHER column; priority has none
ALTER TABLE orders
    ADD COLUMN priority integer NOT NULL,
    ADD COLUMN channel  text DEFAULT 'web';
