-- fires: set_config('lock_timeout', '0', ...)
SELECT set_config('lock_timeout', '0', false);
