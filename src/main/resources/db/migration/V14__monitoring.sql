-- Online dust monitoring (contract section 10, domain.md section 10): the monitors registered to a subject, their
-- readings (one per device and instant: a reading sent again changes nothing), the county's hourly means, and the
-- alarms the stream rules raise (one per device, calendar day and code, updated by later hours), each with the
-- case it opened.
create table monitor (
    id               varchar(100) primary key,
    subject_id       varchar(200) not null,
    jurisdiction     varchar(100) not null,
    parameter        varchar(10)  not null,
    interval_seconds integer      not null,
    name             varchar(400),
    registered_by    varchar(64)  not null,
    registered_at    timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index monitor_by_jurisdiction on monitor (jurisdiction, id);

create table monitor_reading (
    device_id    varchar(100)     not null,
    at           timestamp with time zone not null,
    value_ug_m3  double precision not null,
    received_at  timestamp with time zone not null,
    primary key (device_id, at)
);
-- the judging state is rebuilt after a restart from the last day's readings
create index monitor_reading_by_time on monitor_reading (at);

create table background_reading (
    jurisdiction  varchar(100)     not null,
    hour_start    timestamp with time zone not null,
    value_ug_m3   double precision not null,
    uploaded_by   varchar(64)      not null,
    uploaded_at   timestamp with time zone not null,
    primary key (jurisdiction, hour_start)
);

create table monitoring_alarm (
    id            varchar(36)  primary key,
    device_id     varchar(100) not null,
    subject_id    varchar(200) not null,
    jurisdiction  varchar(100) not null,
    alarm_day     date         not null,
    code          varchar(40)  not null,
    raised_at     timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    -- the alarm as the rules raised it (hours, values, rule, message), as JSON
    detail        text         not null,
    case_id       varchar(36)
);
create unique index monitoring_alarm_one_a_day on monitoring_alarm (device_id, alarm_day, code);
create index monitoring_alarm_by_jurisdiction on monitoring_alarm (jurisdiction, alarm_day);
create index monitoring_alarm_by_subject on monitoring_alarm (subject_id, alarm_day);
