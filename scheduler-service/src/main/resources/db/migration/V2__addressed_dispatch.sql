-- The scheduler addresses each dispatch to one worker as it runs now: the worker's incarnation is
-- new at every process start, so a restart under the same worker id is seen and its attempts are
-- taken back.
alter table worker add column incarnation text;

-- The attempts each worker holds (a dispatched one is addressed to its worker from the start).
create index build_held on build (worker_id) where state in ('DISPATCHED', 'RUNNING');
