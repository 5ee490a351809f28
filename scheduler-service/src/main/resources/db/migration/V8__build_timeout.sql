-- How long the build may run, from its request (its copr's or its own timeout). Builds queued
-- before this column existed have none: the configured build-timeout applies to them.
alter table build add column timeout_seconds bigint;
