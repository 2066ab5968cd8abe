-- The review queue of possible matches (issue 12), written from MatchReviewRequested in the
-- transaction that appends it; a decision fills the last three columns.
create table mpi_match_review (
    review_id            uuid              primary key,
    person_id            uuid              not null,   -- the new person the registration became
    candidate_person_id  uuid              not null,   -- the person it may be
    organization         text              not null,
    score                double precision  not null,
    contributions        jsonb             not null,
    requested_at         timestamptz       not null default now(),
    decision             text,                         -- 'not-a-match' (a link needs a merge: not yet)
    decided_by           text,
    decided_at           timestamptz
);
create index mpi_match_review_open on mpi_match_review (requested_at) where decision is null;
-- a pair once judged not to match is never proposed again
create unique index mpi_match_review_pair on mpi_match_review (person_id, candidate_person_id);
