-- The incarnation of the worker an attempt was dispatched to: the scheduler forwards a started,
-- finished or canceled only from that worker process (src-docs/scheduler.md, "The one judge").
alter table build add column incarnation text;
