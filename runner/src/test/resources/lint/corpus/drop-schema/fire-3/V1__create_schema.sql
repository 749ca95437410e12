-- creates the archive schema; existing for later migrations
CREATE SCHEMA archive;
