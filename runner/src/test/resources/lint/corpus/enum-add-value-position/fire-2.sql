-- fires: IF NOT EXISTS, quoted type name, lower case, still no position
alter type public."Order State" add value if not exists 'on_hold';
