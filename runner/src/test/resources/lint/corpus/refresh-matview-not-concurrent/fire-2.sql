-- fires: WITH DATA, lower case
refresh materialized view customer_stats with data;
