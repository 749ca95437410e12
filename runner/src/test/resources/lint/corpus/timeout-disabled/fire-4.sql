-- fires: ALTER ROLE / ALTER DATABASE ... SET statement_timeout / lock_timeout to zero
ALTER ROLE app_migrator SET statement_timeout = 0;
ALTER DATABASE shop SET lock_timeout TO '0ms';
