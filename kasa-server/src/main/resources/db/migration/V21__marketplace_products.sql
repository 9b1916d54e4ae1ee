-- The products of the sales whose earnings the marketplace calculated, as the marketplace
-- recorded them when it calculated: the integer PaymentId and ProductId its reports show,
-- the product's name, amount and member, and its cargo and discount arrangement. The
-- marketplace owns this table and reads no payment table: the payment package publishes
-- what a sale sold (SoldProducts), and the marketplace keeps what its reports need. id is
-- the product's GUID (earning.product_id, debt.product_id).
create table marketplace_product (
    id                  uuid primary key,
    merchant_id         uuid           not null references merchant (id),
    payment_id          uuid           not null,
    paywall_payment_id  bigint         not null,
    paywall_product_id  bigint         not null unique,
    position            smallint       not null,
    name                varchar(75)    not null,
    amount              numeric(14, 2) not null check (amount > 0),
    member_id           bigint,
    cargo_id            bigint,
    cargo_type          smallint,
    cargo_cost          numeric(14, 2),
    discount_id         bigint,
    discount_owner_type smallint,
    discount_type       smallint,
    discount            numeric(14, 2)
);
create index marketplace_product_payment on marketplace_product (payment_id);

-- Every product whose sale has earnings already, as the payment tables hold it.
insert into marketplace_product (id, merchant_id, payment_id, paywall_payment_id, paywall_product_id, position, name,
    amount, member_id, cargo_id, cargo_type, cargo_cost, discount_id, discount_owner_type, discount_type, discount)
select pp.id, p.merchant_id, p.id, p.paywall_id, pp.paywall_id, pp.position, pp.name, pp.amount, pp.member_id,
    pp.cargo_id, pp.cargo_type, pp.cargo_cost, pp.discount_id, pp.discount_owner_type, pp.discount_type, pp.discount
from payment_product pp join payment p on p.id = pp.payment_id
where exists (select 1 from earning e where e.payment_id = p.id);
