-- fires: the table was created by an earlier migration
TRUNCATE TABLE ONLY public.web_sessions;
