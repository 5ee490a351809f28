-- The outbox takes the shape every service shares (copr-runtime's org/copr/runtime/outbox/outbox.sql):
-- acknowledged events are deleted instead of kept, and poison rows are set aside with the reason.
delete from outbox where sent_at is not null;
drop index outbox_pending;
alter table outbox drop column sent_at;
alter table outbox alter column topic type text;
alter table outbox alter column event_key type text;
alter table outbox alter column event_type type text;
alter table outbox alter column created_at set default now();
alter table outbox add column set_aside_at timestamptz;
alter table outbox add column failure text;
create index outbox_pending on outbox (id) where set_aside_at is null;
