-- Batches (issue 28): a build requested after a batch that has not ended waits in state BLOCKED.
-- BLOCKED rows are in neither build_queued nor queue_count (both are about state 'QUEUED'), so
-- the dispatch decision never reads them, however many there are; api-service's build_released
-- turns one into QUEUED.
alter table build add column blocked_by_batch bigint;

-- GET /queue's count of blocked builds per arch, without reading the queue.
create index build_blocked on build (arch) where state = 'BLOCKED';
