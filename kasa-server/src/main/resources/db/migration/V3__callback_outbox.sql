-- The callback outbox: one row per status change of a payment with a callback address,
-- written in the same transaction as the change. Rows are never deleted; a resend re-queues.
create table callback_delivery (
    id               uuid primary key,          -- the event id: the activity id
    merchant_id      uuid         not null references merchant (id),
    payment_id       uuid         not null references payment (id),
    sequence         int          not null,
    payment_type_id  smallint     not null,
    payment_status_id smallint    not null,
    target           varchar(150) not null,
    payload          jsonb        not null,
    state            varchar(10)  not null check (state in ('PENDING', 'DELIVERED', 'DEAD')),
    attempt_count    int          not null default 0,
    next_attempt_at  timestamptz  not null,
    last_status_code int,
    last_error       varchar(500),
    delivered_at     timestamptz,
    created_at       timestamptz  not null,
    unique (payment_id, sequence)
);
create index callback_delivery_due on callback_delivery (next_attempt_at) where state = 'PENDING';
create index callback_delivery_payment on callback_delivery (payment_id, sequence);

create table callback_attempt (
    id           uuid primary key,
    delivery_id  uuid         not null references callback_delivery (id),
    attempted_at timestamptz  not null,
    status_code  int,
    error        varchar(500),
    duration_ms  int          not null
);
create index callback_attempt_delivery on callback_attempt (delivery_id, attempted_at);
