-- A payment request: one sale order sent to a terminal, and later its cancel.
-- payment_type_id / payment_status_id / activity_id mirror its latest activity.
create table payment (
    id                   uuid primary key,
    merchant_id          uuid          not null references merchant (id),
    terminal_id          uuid          not null references terminal (id),
    connection_id        uuid          not null references connection (id),
    merchant_unique_code varchar(64)   not null,
    fingerprint          bytea         not null,
    channel_id           smallint      not null check (channel_id in (1, 2)),
    display_code         varchar(25),
    amount               numeric(14, 2) not null check (amount > 0),
    currency_id          smallint      not null check (currency_id between 1 and 7),
    callback_address     varchar(150),
    ip                   varchar(64),
    details              jsonb         not null,
    payment_type_id      smallint      not null check (payment_type_id between 1 and 4),
    payment_status_id    smallint      not null check (payment_status_id between 1 and 12),
    activity_id          uuid          not null,
    created_at           timestamptz   not null,
    modified_at          timestamptz,
    unique (merchant_id, merchant_unique_code)
);
create index payment_merchant_created on payment (merchant_id, created_at desc);
create index payment_terminal on payment (terminal_id);

create table payment_product (
    id                uuid primary key,
    payment_id        uuid           not null references payment (id),
    position          smallint       not null,
    name              varchar(75)    not null,
    amount            numeric(14, 2) not null check (amount > 0),
    quantity          int            not null check (quantity >= 1),
    tax_group_id      smallint       not null,
    unit_code_id      smallint       not null,
    payment_method_id smallint,
    member_id         uuid,
    unique (payment_id, position)
);

-- One order sent to the device: the sale (type 1) or a cancel (type 2) of a payment.
create table payment_order (
    id                 uuid primary key,
    payment_id         uuid        not null references payment (id),
    terminal_id        uuid        not null references terminal (id),
    type_id            smallint    not null check (type_id in (1, 2)),
    status_id          smallint    not null check (status_id between 1 and 12),
    created_at         timestamptz not null,
    expires_at         timestamptz not null,
    taken_at           timestamptz,
    outcome_deadline   timestamptz,
    finished_at        timestamptz,
    outcome_message    varchar(255),
    card               jsonb,
    provider_reference varchar(100)
);
create index payment_order_payment on payment_order (payment_id);
create index payment_order_open on payment_order (terminal_id, created_at) where status_id not in (3, 4, 5, 12);
create index payment_order_expiring on payment_order (expires_at) where status_id in (1, 7, 8, 9, 10);
create index payment_order_deadline on payment_order (outcome_deadline) where status_id = 11;

-- Every status change, never updated or deleted.
create table payment_activity (
    id          uuid primary key,
    payment_id  uuid        not null references payment (id),
    order_id    uuid        not null references payment_order (id),
    sequence    int         not null,
    type_id     smallint    not null,
    status_id   smallint    not null,
    message     varchar(255),
    created_at  timestamptz not null,
    unique (payment_id, sequence)
);

-- How long a merchant's undelivered orders wait for the device (null: server default).
alter table merchant add column order_ttl_seconds int check (order_ttl_seconds between 10 and 86400);
