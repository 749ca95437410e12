-- safe: IF NOT EXISTS ... BEFORE, quoted type name
alter type public."Order State" add value if not exists 'on_hold' before 'shipped';
