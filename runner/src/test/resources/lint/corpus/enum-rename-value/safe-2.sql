-- safe (lexer trap): RENAME VALUE only inside a string with doubled '' quotes
COMMENT ON TYPE public.order_status IS 'Do not RENAME VALUE ''canceled'' TO ''cancelled'': the app matches on it';
