-- fires: old-style options, lower case, quoted table
vacuum full verbose analyze public."Order Items";
