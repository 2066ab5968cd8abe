-- Merge requests (HL7 ADT^A40, issue 13) share the review queue with possible matches: the same
-- decision (link merges, not-a-match declines), written from PersonMergeRequested in the
-- transaction that appends it. A request has no score; it names the message it came in.
alter table mpi_match_review
    add column kind text not null default 'possible-match',   -- 'possible-match' | 'merge-request'
    add column message_control_id text,                       -- MSH-10 of the request
    alter column score drop not null,
    alter column contributions drop not null;
-- A pair is still proposed once while open or declined; after a link it may be asked again
-- (the two may have been unmerged since).
drop index mpi_match_review_pair;
create unique index mpi_match_review_pair on mpi_match_review (person_id, candidate_person_id)
    where decision is null or decision = 'not-a-match';
