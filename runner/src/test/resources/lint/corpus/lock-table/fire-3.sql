-- fires: LOCK TABLE ONLY on a quoted table inside BEGIN ... COMMIT
BEGIN;
LOCK TABLE ONLY public."Order Items" IN ROW EXCLUSIVE MODE;
COMMIT;
