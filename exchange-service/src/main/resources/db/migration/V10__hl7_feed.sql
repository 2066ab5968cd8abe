-- Issue 13 part 5: an organization's feed as HL7 v2 over MLLP to an endpoint it registers.
-- hl7_feed: where to send (mllp://host:port or mllps:// for TLS); hl7_delivery: where delivery
-- stands, the same shape as webhook_delivery (each organization strictly in order).
create table hl7_feed (
    organization text primary key references organization (org_id),
    endpoint text not null,
    updated_at timestamptz not null default now()
);

create table hl7_delivery (like webhook_delivery including defaults including constraints including indexes);
