-- safe: non-zero timeouts in every form; a different timeout set to 0 is not lock/statement_timeout
SET LOCAL statement_timeout = '15min';
SELECT set_config('lock_timeout', '3s', true);
SET idle_in_transaction_session_timeout = 0;
ALTER ROLE app_migrator SET lock_timeout = '10s';
