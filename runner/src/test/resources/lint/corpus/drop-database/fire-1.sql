-- fires: DROP DATABASE in a migration
DROP DATABASE IF EXISTS shop_staging;
