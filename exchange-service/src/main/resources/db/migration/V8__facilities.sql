-- The HL7 v2 sending facilities (MSH-4 namespace ids) the directory binds to each organization: a
-- message from a facility acts for its organization. A facility belongs to one organization: the
-- primary key refuses a second binding.
alter table organization add column if not exists facilities text[] not null default '{}';

create table organization_facility (
    facility  text  primary key,
    org_id    text  not null references organization (org_id)
);
