-- fires: ADD PRIMARY KEY on an existing table builds the index (and may scan for NOT NULL) while locked
ALTER TABLE public.legacy_events ADD PRIMARY KEY (id);
