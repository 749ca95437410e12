-- slipway:allow rename-column reason: the application reads the column through a view
-- fires: the renamed column's new name has no rule (the rule still says "Full Name")
ALTER TABLE "Sales"."Customers" RENAME COLUMN "Full Name" TO display_name;
