-- fires: every row deleted in one transaction; Slipway does not batch DELETEs
DELETE FROM public.audit_log;
