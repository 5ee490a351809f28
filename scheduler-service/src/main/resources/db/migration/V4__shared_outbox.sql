-- The outbox takes the shape every service shares (copr-runtime's org/copr/runtime/outbox/outbox.sql):
-- the event's type beside its key, and poison rows set aside with the reason instead of blocking.
alter table outbox rename column message_key to event_key;
alter table outbox add column event_type text;
update outbox set event_type = coalesce(payload::jsonb ->> 'type', 'unknown');
alter table outbox alter column event_type set not null;
alter table outbox add column set_aside_at timestamptz;
alter table outbox add column failure text;
create index outbox_pending on outbox (id) where set_aside_at is null;
