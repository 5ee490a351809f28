-- A deleted copr's name stays its owner's: .repo files on users' machines still point at it
-- (baseurl and gpgkey), so no other account may create a copr of that name until the former
-- owner takes it again or a site admin releases it.
create table retired_copr_names (
    name       varchar(100) primary key,
    owner_id   bigint       not null references users (id),
    retired_at timestamptz  not null
);
