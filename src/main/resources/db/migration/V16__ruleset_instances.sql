-- Every instance sharing the store switches rule versions together (cn.lantian.service.RulesWatch). Each
-- instance beats its row every lantian.rules.watch: the version it serves, the version it has compiled ahead
-- of an activation (prepared), and the one that would not compile here (failed). An activation first asks
-- every instance to prepare the version (ruleset_prepare, one row, and a NOTIFY), waits until each instance
-- seen within lantian.rules.instance-ttl has it compiled, and only then moves ruleset_active on: each instance
-- then swaps in rules it already holds. The times come from the instances' clocks.
create table ruleset_instance (
    instance_id      varchar(200) primary key,
    seen_at          timestamp with time zone not null,
    serving_version  bigint,
    prepared_version bigint,
    failed_version   bigint
);

create table ruleset_prepare (
    id           integer primary key,
    version      bigint not null,
    requested_at timestamp with time zone not null,
    requested_by varchar(64) not null
);
