-- Marketplace members (sub-merchants) of a merchant, as in Paywall's Member API.
-- A deleted member keeps its row (earnings may refer to it) and is invisible to the API;
-- its external id becomes free again.
create table member (
    id                uuid primary key,
    merchant_id       uuid          not null references merchant (id),
    is_sub_merchant   boolean       not null,
    -- 1 individual, 2 sole proprietorship, 3 limited/joint-stock; required for sub-merchants.
    member_type       smallint      check (member_type in (1, 2, 3)),
    external_id       varchar(50)   not null,
    name              varchar(100)  not null,
    title             varchar(200)  not null,
    tax_office        varchar(100),
    tax_number        varchar(11)   check (tax_number ~ '^[0-9]{10,11}$'),
    identity_number   varchar(11)   check (identity_number ~ '^[1-9][0-9]{10}$'),
    email             varchar(100)  not null,
    phone             varchar(20)   not null,
    address           varchar(255)  not null,
    contact_name      varchar(50),
    contact_lastname  varchar(50),
    -- Value date: 1 plus N days (1-100), 2 next weekday N (1-7, 1 = Monday),
    -- 3 next day of month N (1-28); commission in percent. All three or none.
    calculation_type  smallint      check (calculation_type in (1, 2, 3)),
    calculation_value smallint,
    commission        numeric(5, 2) check (commission between 0 and 100),
    created_at        timestamptz   not null,
    updated_at        timestamptz,
    deleted_at        timestamptz,
    check (not is_sub_merchant or member_type is not null),
    check (member_type is distinct from 1 or identity_number is not null),
    check (member_type is distinct from 2 or identity_number is not null),
    check (member_type not in (2, 3) or (tax_office is not null and tax_number is not null)),
    check (member_type not in (1, 2) or (contact_name is not null and contact_lastname is not null)),
    check ((calculation_type is null) = (calculation_value is null)
        and (calculation_type is null) = (commission is null)),
    check (calculation_type is null
        or (calculation_type = 1 and calculation_value between 1 and 100)
        or (calculation_type = 2 and calculation_value between 1 and 7)
        or (calculation_type = 3 and calculation_value between 1 and 28))
);
create unique index member_external_id on member (merchant_id, external_id) where deleted_at is null;
create index member_merchant_created on member (merchant_id, created_at, id) where deleted_at is null;

-- Where a member's payouts go: at most one account per currency. IBANs are stored
-- normalised (no spaces, upper case) and checked (mod 97) before they get here.
create table member_bank_account (
    id          uuid primary key,
    member_id   uuid         not null references member (id),
    currency_id smallint     not null check (currency_id between 1 and 7),
    title       varchar(100) not null,
    iban        varchar(34)  not null check (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'
                                            and (iban not like 'TR%' or length(iban) = 26)),
    unique (member_id, currency_id)
);
