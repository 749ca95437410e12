-- fires: CHECK without NOT VALID on a table created by an earlier migration
ALTER TABLE invoices ADD CONSTRAINT invoices_amount_nonneg CHECK (amount >= 0);
