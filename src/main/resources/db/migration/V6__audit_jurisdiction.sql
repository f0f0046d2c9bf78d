-- The jurisdiction an audited change belongs to (an evaluation's, an alert's), so that a chief who acts in
-- some jurisdictions reads their trail only; empty for changes that belong to none (users, rules).
alter table audit_event add column jurisdiction varchar(100);
create index audit_event_jurisdiction on audit_event (jurisdiction, at);
