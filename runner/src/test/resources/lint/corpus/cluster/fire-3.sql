-- fires: the parenthesized-options form
CLUSTER (VERBOSE) public."Order Items" USING "Order Items_pkey";
