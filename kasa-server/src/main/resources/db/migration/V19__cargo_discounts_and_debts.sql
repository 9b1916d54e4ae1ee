-- A marketplace sale product may carry a cargo and a discount arrangement (Paywall's cargo
-- types 0-3, discount owners 0-2 and discount types 1-2), stored with the product. Each
-- arrangement gets the integer id the debt report shows as CargoId / DiscountId.
create sequence product_cargo_id;
create sequence product_discount_id;
alter table payment_product
    add column cargo_id            bigint unique,
    add column cargo_type          smallint check (cargo_type between 0 and 3),
    add column cargo_cost          numeric(14, 2) check (cargo_cost >= 0),
    add column discount_id         bigint unique,
    add column discount_owner_type smallint check (discount_owner_type between 0 and 2),
    add column discount_type       smallint check (discount_type in (1, 2)),
    add column discount            numeric(14, 2) check (discount > 0),
    add check ((cargo_id is null) = (cargo_type is null)),
    add check ((discount_id is null) = (discount_owner_type is null));

-- What a member owes the platform: the part of a cargo (type 2) or discount (type 1)
-- arrangement the member's share of the product could not cover, or (type 3) what was paid
-- to the member for a sale cancelled after its payout. A debt is settled whole, by netting it
-- off one of the member's payouts: NETTED while that payout is in flight, SETTLED once the
-- bank paid it, OPEN again if the bank refused. DELETED by the merchant; REVERSED when its
-- sale was cancelled before it was settled. calculated is the amount the debt was raised
-- with; amount is what is owed now (increase and decrease change it while OPEN).
create table debt (
    id           bigint generated always as identity primary key,
    merchant_id  uuid           not null references merchant (id),
    member_id    bigint         not null references member (id),
    payment_id   uuid           not null references payment (id),
    product_id   uuid           not null references payment_product (id),
    currency_id  smallint       not null check (currency_id between 1 and 7),
    type         smallint       not null check (type in (1, 2, 3)),
    calculated   numeric(14, 2) not null check (calculated > 0),
    amount       numeric(14, 2) not null check (amount > 0),
    status       varchar(10)    not null check (status in ('OPEN', 'NETTED', 'SETTLED', 'DELETED', 'REVERSED')),
    payout_id    uuid references payout (id),
    created_at   timestamptz    not null,
    updated_at   timestamptz    not null,
    check ((status in ('NETTED', 'SETTLED')) = (payout_id is not null))
);
create index debt_open on debt (merchant_id, member_id, currency_id, id) where status = 'OPEN';
create index debt_payment on debt (payment_id);
create index debt_product on debt (product_id);
create index debt_payout on debt (payout_id) where payout_id is not null;
