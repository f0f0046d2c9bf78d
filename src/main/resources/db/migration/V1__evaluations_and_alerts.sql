-- Every evaluation kept whole: the request as received, the inspection as the rules saw it (with the
-- history and alert derived from the store), the decision as answered, and the ruleset that decided.
create table evaluation (
    id              varchar(36)   primary key,
    subject_id      varchar(200)  not null,
    subject_kind    varchar(20)   not null,
    jurisdiction    varchar(100),
    inspected_at    timestamp with time zone not null,
    -- the inspection time as written, in its own UTC offset (the database keeps only the instant)
    inspected_at_text varchar(40) not null,
    recorded_at     timestamp with time zone not null,
    ruleset_version varchar(80)   not null,
    compliant       boolean       not null,
    request         text          not null,
    inspection      text          not null,
    decision        text          not null
);
create index evaluation_by_subject on evaluation (subject_id, inspected_at);
create index evaluation_by_jurisdiction on evaluation (jurisdiction, inspected_at);

-- The alert registry: heavy-pollution warnings declared for a jurisdiction, in force from/to.
create table alert (
    id            varchar(36)  primary key,
    jurisdiction  varchar(100) not null,
    level         varchar(10)  not null,
    valid_from    timestamp with time zone not null,
    valid_to      timestamp with time zone,
    -- the period as declared, in its own UTC offset
    valid_from_text varchar(40)  not null,
    valid_to_text   varchar(40),
    declared_at   timestamp with time zone not null
);
create index alert_by_jurisdiction on alert (jurisdiction, valid_from);
