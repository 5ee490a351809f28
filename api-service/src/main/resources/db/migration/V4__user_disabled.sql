-- A site admin disables a user: no login by password or web session until re-enabled.
alter table users add column disabled boolean not null default false;
