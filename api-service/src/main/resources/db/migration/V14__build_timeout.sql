-- How long a build may run, in seconds: each copr's default for its builds (Fedora Copr's 5 hours
-- unless set), and what each build was requested with (the scheduler's 5 hours before this).
alter table coprs add column timeout integer not null default 18000;
alter table builds add column timeout integer not null default 18000;
