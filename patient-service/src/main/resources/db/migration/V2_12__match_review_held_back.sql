-- What held a possible match back from a link (decisions §47): the names of the rules, the
-- threshold or the ambiguity, from the MatchReviewRequested event, for the reviewer. Null for
-- reviews raised before it was recorded and for merge requests (no score).
alter table mpi_match_review add column held_back_by jsonb;
