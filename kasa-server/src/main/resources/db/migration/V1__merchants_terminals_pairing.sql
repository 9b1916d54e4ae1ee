-- Merchants and their credentials.
create table merchant (
    id          uuid primary key,
    name        varchar(100) not null,
    is_demo     boolean      not null default false,
    created_at  timestamptz  not null
);

-- API key pairs (PRIVATE, PUBLIC) and webhook hash keys (WEBHOOK).
-- API key secrets are stored only as SHA-256 hashes; webhook hash keys, which the server
-- must use to sign callbacks, are stored AES-GCM encrypted under the server's master key.
create table merchant_key (
    id               uuid primary key,
    merchant_id      uuid         not null references merchant (id),
    kind             varchar(10)  not null check (kind in ('PRIVATE', 'PUBLIC', 'WEBHOOK')),
    client           varchar(64)  unique,
    secret_hash      bytea,
    secret_encrypted bytea,
    created_at       timestamptz  not null,
    expires_at       timestamptz,
    revoked_at       timestamptz,
    check ((kind = 'WEBHOOK') = (client is null)),
    check ((kind = 'WEBHOOK') = (secret_hash is null)),
    check ((kind = 'WEBHOOK') = (secret_encrypted is not null))
);
create index merchant_key_merchant on merchant_key (merchant_id);

-- A merchant's link to a terminal provider.
create table connection (
    id                 uuid primary key,
    merchant_id        uuid         not null references merchant (id),
    name               varchar(100) not null,
    display_name       varchar(25),
    brand_id           int          not null,
    provider_id        int          not null,
    region_id          int          not null,
    end_of_day_id      int          not null,
    is_prod            boolean      not null,
    is_reporting       boolean      not null,
    is_async_payment   boolean      not null,
    is_socket_payment  boolean      not null,
    service_parameters jsonb        not null default '{}',
    is_connected       boolean      not null default true,
    is_deleted         boolean      not null default false,
    created_at         timestamptz  not null,
    updated_at         timestamptz
);
create index connection_merchant on connection (merchant_id);
create unique index connection_name on connection (merchant_id, lower(name)) where not is_deleted;

create sequence terminal_number;

create table terminal (
    id                   uuid primary key,
    merchant_id          uuid         not null references merchant (id),
    connection_id        uuid         not null references connection (id),
    provider_terminal_id varchar(50)  not null,
    name                 varchar(100) not null,
    serial_no            varchar(50)  not null,
    model                varchar(50),
    last_seen_at         timestamptz,
    created_at           timestamptz  not null,
    unique (merchant_id, serial_no)
);
create index terminal_connection on terminal (connection_id);

create table terminal_tag (
    id          uuid primary key,
    merchant_id uuid         not null references merchant (id),
    terminal_id uuid         not null references terminal (id),
    name        varchar(100) not null,
    code        varchar(25)  not null,
    is_active   boolean      not null default true,
    created_at  timestamptz  not null,
    updated_at  timestamptz
);
create unique index terminal_tag_code on terminal_tag (merchant_id, lower(code));
create index terminal_tag_terminal on terminal_tag (terminal_id);

-- A request for a pair code; at most one pending per terminal, codes unique among pending.
create table pair_request (
    id               uuid primary key,
    merchant_id      uuid        not null references merchant (id),
    terminal_id      uuid        not null references terminal (id),
    code             char(6)     not null check (code ~ '^[0-9]{6}$'),
    status           varchar(10) not null check (status in ('PENDING', 'COMPLETED', 'EXPIRED', 'CANCELLED')),
    created_at       timestamptz not null,
    expires_at       timestamptz not null,
    finished_at      timestamptz,
    terminal_pair_id uuid
);
create unique index pair_request_live_code on pair_request (code) where status = 'PENDING';
create unique index pair_request_pending_terminal on pair_request (terminal_id) where status = 'PENDING';
create index pair_request_merchant on pair_request (merchant_id, created_at);

-- A device paired to a terminal. The device token is stored only as a SHA-256 hash.
create table terminal_pairing (
    id                uuid primary key,
    merchant_id       uuid         not null references merchant (id),
    terminal_id       uuid         not null references terminal (id),
    pair_request_id   uuid         not null references pair_request (id),
    device_token_hash bytea        not null unique,
    serial_no         varchar(50)  not null,
    model             varchar(50),
    app_version       varchar(25),
    created_at        timestamptz  not null,
    revoked_at        timestamptz
);
create unique index terminal_pairing_active on terminal_pairing (terminal_id) where revoked_at is null;
