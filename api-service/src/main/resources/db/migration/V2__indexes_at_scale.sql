-- api-service at Fedora Copr's scale: 100,000 builds, one copr with 30,000 of them. Measured with
-- bench/api-scale; the figures are in src-docs/api.md, "Speed at scale".

-- GET /coprs/{copr}/builds?state=...: the page's ids and the total come from this index alone,
-- instead of reading every build of the copr to keep those in the state (30,000 rows for a page
-- of pending builds in the big copr).
create index builds_copr_state on builds (copr_id, state, id desc);

-- Deleting a package or a copr deletes its package versions, and PostgreSQL then deletes their
-- builds (on delete cascade) by version_id: without an index, one scan of the whole builds table
-- per version (seconds for a copr with thousands of versions, holding its locks all along).
create index builds_version on builds (version_id);
