-- One request that made builds of one package version in several chroots (an upload; later a
-- rebuild). Fedora Copr's API v3 shows it as one build, and our builds as its build-chroots.
create table submissions (
    id           bigserial primary key,
    copr_id      bigint      not null references coprs (id) on delete cascade,
    package_id   bigint      not null references packages (id) on delete cascade,
    version_id   bigint      not null references package_versions (id) on delete cascade,
    submitted_by varchar(64) not null,
    submitted_at timestamptz not null
);
create index submissions_copr on submissions (copr_id, id desc);
create index submissions_package on submissions (package_id, id desc);

-- Until now every upload was one version: one submission per version holds its builds.
insert into submissions (copr_id, package_id, version_id, submitted_by, submitted_at)
select min(copr_id), min(package_id), version_id, min(submitted_by), min(submitted_at)
from builds group by version_id order by min(id);

alter table builds add column submission_id bigint references submissions (id) on delete cascade;
update builds b set submission_id = s.id from submissions s where s.version_id = b.version_id;
alter table builds alter column submission_id set not null;
create index builds_submission on builds (submission_id, chroot);
