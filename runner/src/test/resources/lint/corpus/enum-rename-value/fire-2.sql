-- fires: quoted type name, lower case
alter type public."Order State" rename value 'new' to 'pending';
