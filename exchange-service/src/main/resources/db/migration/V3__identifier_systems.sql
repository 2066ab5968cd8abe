-- The assigning authorities (identifier systems) the directory binds to each organization. A
-- system belongs to one organization: the primary key refuses a second binding.
alter table organization add column if not exists identifier_systems text[] not null default '{}';

create table organization_identifier_system (
    system  text  primary key,
    org_id  text  not null references organization (org_id)
);
