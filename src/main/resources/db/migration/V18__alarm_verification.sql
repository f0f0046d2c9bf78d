-- An inspector's verification of a monitoring alarm (domain.md section 10): CONFIRMED turns the alarm into facts
-- of a recorded inspection (its evaluation named here), DISMISSED keeps the inspector's note; either once.
alter table monitoring_alarm add column state varchar(20) default 'OPEN' not null;
alter table monitoring_alarm add column evaluation_id varchar(36);
alter table monitoring_alarm add column verified_by varchar(64);
alter table monitoring_alarm add column verified_at timestamp with time zone;
alter table monitoring_alarm add column verification_note text;
create index monitoring_alarm_by_case on monitoring_alarm (case_id);

-- Where a case came from: an inspection's RECTIFY order, or a monitoring alarm. An alarm's case is not an order
-- (no 责令改正 was made): it is not the history a record is decided with, and a follow-up does not verify it; an
-- order for its item made by a later inspection takes it over, and an inspector's verification settles it.
alter table rectification_case add column origin varchar(20) default 'INSPECTION' not null;
update rectification_case set origin = 'ALARM' where opened_by in (select id from monitoring_alarm);
