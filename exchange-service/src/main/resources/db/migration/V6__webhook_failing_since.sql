-- When an organization's webhook receiver started failing without an acknowledgement since;
-- null while it answers. Failing longer than chartstream.webhooks.error-after = in error.
alter table webhook_delivery add column failing_since timestamptz;
