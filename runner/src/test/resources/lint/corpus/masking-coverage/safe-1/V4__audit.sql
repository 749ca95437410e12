ALTER TABLE audit.entries ADD COLUMN who text;
