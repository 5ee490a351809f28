-- Batches of builds (issue 28), as Fedora Copr has them: a batch groups submissions (API v3's
-- builds) with all their builds; a batch may be blocked by another, and its builds wait
-- (state 'waiting') until every build of that batch has ended. ended_at is set once, by the
-- transaction that ends the batch's last unended build.
create table batches (
    id         bigserial primary key,
    blocked_by bigint references batches (id) on delete set null,
    created_at timestamptz not null,
    ended_at   timestamptz
);
create index batches_blocked_by on batches (blocked_by) where blocked_by is not null;

alter table submissions add column batch_id bigint references batches (id) on delete set null;
create index submissions_batch on submissions (batch_id) where batch_id is not null;

-- The builds a batch's end releases, without reading the others.
create index builds_waiting on builds (submission_id) where state = 'waiting';
