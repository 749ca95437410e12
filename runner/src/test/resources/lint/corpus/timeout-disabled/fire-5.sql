-- fires: SET SESSION ... TO '0s', lower case
set session statement_timeout to '0s';
