-- Fedora Copr holds tens of thousands of queued builds at times. Nothing the scheduler does per
-- dispatch or per request may read them all.

-- The fair choice walks owners in code-point order (as Java compares names, whatever the
-- database's collation) straight down this index: the next owner after the last served, then that
-- owner's oldest build. Each is one index step, however long the queue.
drop index build_queued;
create index build_queued on build (arch, owner collate "C", requested_at, build_id)
    where state = 'QUEUED';

-- One index on the builds that hold a slot (at most the workers' slots, whatever the queue):
-- build_held, by worker. With build_active beside it, a planner whose statistics predate the last
-- dispatches could walk all of an arch's active builds once per worker to count one worker's.
drop index build_active;

-- The longest wait of an arch (GET /queue) without reading its queue.
create index build_queued_since on build (arch, queued_at) where state = 'QUEUED';

-- Queued builds per arch and owner (owners with some only), kept by the database itself with
-- every change of a build's state, for GET /queue and the queue-length gauge.
create table queue_count (
    arch   text   not null,
    owner  text   not null,
    queued bigint not null,
    primary key (arch, owner)
);

insert into queue_count (arch, owner, queued)
    select arch, owner, count(*) from build where state = 'QUEUED' group by arch, owner;

create function queue_count_follow() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.state = 'QUEUED' then
        update queue_count set queued = queued - 1 where arch = old.arch and owner = old.owner;
        delete from queue_count where arch = old.arch and owner = old.owner and queued = 0;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.state = 'QUEUED' then
        insert into queue_count (arch, owner, queued) values (new.arch, new.owner, 1)
            on conflict (arch, owner) do update set queued = queue_count.queued + 1;
    end if;
    return null;
end
$$;

create trigger build_queue_count after insert or update of state or delete on build
    for each row execute function queue_count_follow();
