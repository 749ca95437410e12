-- fires: DROP SCHEMA removes everything in it
DROP SCHEMA legacy CASCADE;
