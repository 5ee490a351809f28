-- Deleting a package deletes its versions, and each version's row checks the submissions that name
-- it: without this index that is a scan of all submissions per version (bench/api-scale lists
-- foreign keys no index covers).
create index submissions_version on submissions (version_id);
