-- fires: lower-case drop database
drop database shop_archive;
