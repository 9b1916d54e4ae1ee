-- Marketplace settings per merchant.
create table marketplace_settings (
    merchant_id          uuid primary key references merchant (id),
    marketplace_enabled  boolean      not null default false,
    manual_trigger       boolean      not null default false,
    platform_iban        varchar(34),
    platform_title       varchar(100),
    updated_at           timestamptz  not null
);

-- One share of one product of a successful sale: a member's (member_id set) or the
-- platform's (member_id null). Earnings are never deleted; a reversal is a status.
-- POOLED: a platform earning waiting for a manual payout order; SCHEDULED: waiting for its
-- payable date; ORDERED: taken by a payout (job or automatic run); PAID; REVERSED.
create table earning (
    id            uuid primary key,
    merchant_id   uuid           not null references merchant (id),
    payment_id    uuid           not null references payment (id),
    product_id    uuid           not null references payment_product (id),
    member_id     uuid,
    currency_id   smallint       not null check (currency_id between 1 and 7),
    amount        numeric(14, 2) not null check (amount > 0),
    commission    numeric(5, 2),
    earning_date  date           not null,
    payable_date  date           not null,
    status        varchar(10)    not null check (status in ('POOLED', 'SCHEDULED', 'ORDERED', 'PAID', 'REVERSED')),
    job_id        uuid,
    payout_id     uuid,
    created_at    timestamptz    not null,
    updated_at    timestamptz    not null,
    unique (product_id, member_id),
    check (status <> 'POOLED' or member_id is null)
);
create unique index earning_platform_per_product on earning (product_id) where member_id is null;
create index earning_pool on earning (merchant_id, currency_id, earning_date) where status = 'POOLED';
create index earning_due on earning (payable_date) where status = 'SCHEDULED';
create index earning_payment on earning (payment_id);
create index earning_member on earning (merchant_id, member_id, payable_date);

-- A manual payout order of pooled platform earnings.
create table payout_job (
    id                  uuid primary key,
    merchant_id         uuid           not null references merchant (id),
    currency_id         smallint       not null,
    date_from           date           not null,
    date_to             date           not null check (date_to >= date_from),
    status              varchar(10)    not null check (status in ('CREATED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    earning             numeric(14, 2) not null check (earning >= 0),
    earning_count       int            not null,
    test_mode           boolean        not null,
    skip_exists_control boolean        not null,
    created_at          timestamptz    not null,
    updated_at          timestamptz    not null
);
-- At most one unfinished job per merchant and currency (error 550).
create unique index payout_job_one_open on payout_job (merchant_id, currency_id) where status in ('CREATED', 'RUNNING');

-- One transfer to a bank account: a job's, or an automatic payout of due earnings.
create table payout (
    id          uuid primary key,
    merchant_id uuid           not null references merchant (id),
    job_id      uuid references payout_job (id),
    member_id   uuid,
    currency_id smallint       not null,
    amount      numeric(14, 2) not null check (amount > 0),
    iban        varchar(34),
    status      varchar(10)    not null check (status in ('IN_FLIGHT', 'SUCCEEDED', 'FAILED')),
    created_at  timestamptz    not null,
    updated_at  timestamptz    not null
);

-- Every try of a payout, with the bank's answer: a job's Results.
create table payout_attempt (
    id         uuid primary key,
    payout_id  uuid         not null references payout (id),
    job_id     uuid references payout_job (id),
    succeeded  boolean      not null,
    message    varchar(255) not null,
    created_at timestamptz  not null
);
create index payout_attempt_job on payout_attempt (job_id, created_at);

-- The simulated bank's ledger: a transfer id is executed at most once.
create table simulated_bank_transfer (
    id          uuid primary key,
    iban        varchar(34)    not null,
    currency_id smallint       not null,
    amount      numeric(14, 2) not null,
    created_at  timestamptz    not null
);
