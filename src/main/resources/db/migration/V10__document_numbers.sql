-- Document numbers (cn.lantian.document.DocumentNumbers): each jurisdiction numbers each kind of document
-- on its own, year by year (郑环责改〔2026〕第0001号). The counter is moved on by one atomic update in the
-- transaction that gives the number, and a number is given once per evaluation and kind.
create table document_counter (
    jurisdiction varchar(100) not null,
    kind         varchar(40)  not null,
    doc_year     integer      not null,
    last_number  integer      not null,
    primary key (jurisdiction, kind, doc_year)
);

create table document_number (
    evaluation_id varchar(36)  not null references evaluation (id),
    kind          varchar(40)  not null,
    jurisdiction  varchar(100) not null,
    doc_year      integer      not null,
    serial_no     integer      not null,
    -- the number as printed, with the prefix in force when it was given
    number_text   varchar(100) not null,
    issued_at     timestamp with time zone not null,
    primary key (evaluation_id, kind),
    unique (jurisdiction, kind, doc_year, serial_no)
);
