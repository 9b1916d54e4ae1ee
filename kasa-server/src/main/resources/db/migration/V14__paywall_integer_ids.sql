-- Paywall's marketplace ids are 64-bit integers that increase: members and their bank
-- accounts now have integer keys, and a payment and each of its products gain the integer
-- PaymentId / ProductId the marketplace calls take, beside the GUIDs the Physical API keeps.
-- Existing rows are numbered in the order they were created; every reference follows its
-- row, so nothing is lost. Identity sequences continue after the highest number given here.

-- Members: number them, carry every reference over to the number, then make it the key.
alter table member add column number bigint;
update member set number = numbered.n
from (select id, row_number() over (order by created_at, id) as n from member) numbered
where member.id = numbered.id;

alter table member_bank_account add column member_number bigint;
update member_bank_account set member_number = member.number from member where member.id = member_bank_account.member_id;
alter table payment_product add column member_number bigint;
update payment_product set member_number = member.number from member where member.id = payment_product.member_id;
alter table earning add column member_number bigint;
update earning set member_number = member.number from member where member.id = earning.member_id;
alter table payout add column member_number bigint;
update payout set member_number = member.number from member where member.id = payout.member_id;

-- Dropping the GUID columns drops the constraints and indexes built on them; each is
-- rebuilt below on the integer column.
alter table member_bank_account drop column member_id;
alter table member_bank_account rename column member_number to member_id;
alter table payment_product drop column member_id;
alter table payment_product rename column member_number to member_id;
alter table earning drop column member_id;
alter table earning rename column member_number to member_id;
alter table payout drop column member_id;
alter table payout rename column member_number to member_id;

alter table member drop column id;
alter table member rename column number to id;
alter table member alter column id set not null;
alter table member add primary key (id);
alter table member alter column id add generated always as identity;
select setval(pg_get_serial_sequence('member', 'id'), coalesce((select max(id) from member), 0) + 1, false);
create index member_merchant_created on member (merchant_id, created_at, id) where deleted_at is null;

alter table member_bank_account alter column member_id set not null;
alter table member_bank_account add foreign key (member_id) references member (id);
alter table member_bank_account add unique (member_id, currency_id);

alter table earning add unique (product_id, member_id);
alter table earning add check (status <> 'POOLED' or member_id is null);
create unique index earning_platform_per_product on earning (product_id) where member_id is null;
create index earning_member on earning (merchant_id, member_id, payable_date);

-- Bank accounts: integer ids, numbered by member and currency (their creation order is
-- not recorded, and a member's accounts are always written together).
alter table member_bank_account add column number bigint;
update member_bank_account set number = numbered.n
from (select id, row_number() over (order by member_id, currency_id) as n from member_bank_account) numbered
where member_bank_account.id = numbered.id;
alter table member_bank_account drop column id;
alter table member_bank_account rename column number to id;
alter table member_bank_account alter column id set not null;
alter table member_bank_account add primary key (id);
alter table member_bank_account alter column id add generated always as identity;
select setval(pg_get_serial_sequence('member_bank_account', 'id'),
              coalesce((select max(id) from member_bank_account), 0) + 1, false);

-- Payments and products: the integer PaymentId / ProductId beside the GUID key.
alter table payment add column paywall_id bigint;
update payment set paywall_id = numbered.n
from (select id, row_number() over (order by created_at, id) as n from payment) numbered
where payment.id = numbered.id;
alter table payment alter column paywall_id set not null;
alter table payment alter column paywall_id add generated always as identity;
select setval(pg_get_serial_sequence('payment', 'paywall_id'), coalesce((select max(paywall_id) from payment), 0) + 1, false);
alter table payment add unique (paywall_id);

alter table payment_product add column paywall_id bigint;
update payment_product set paywall_id = numbered.n
from (select payment_product.id, row_number() over (order by payment.created_at, payment.id, payment_product.position) as n
      from payment_product join payment on payment.id = payment_product.payment_id) numbered
where payment_product.id = numbered.id;
alter table payment_product alter column paywall_id set not null;
alter table payment_product alter column paywall_id add generated always as identity;
select setval(pg_get_serial_sequence('payment_product', 'paywall_id'),
              coalesce((select max(paywall_id) from payment_product), 0) + 1, false);
alter table payment_product add unique (paywall_id);

-- Callbacks already written carry the payment's integer id too, as new ones do.
update callback_delivery set payload = payload || jsonb_build_object('PaymentId', payment.paywall_id)
from payment where payment.id = callback_delivery.payment_id;

-- Earnings: integer ids in the order they were calculated (nothing refers to them by key).
alter table earning add column number bigint;
update earning set number = numbered.n
from (select id, row_number() over (order by created_at, id) as n from earning) numbered
where earning.id = numbered.id;
alter table earning drop column id;
alter table earning rename column number to id;
alter table earning alter column id set not null;
alter table earning add primary key (id);
alter table earning alter column id add generated always as identity;
select setval(pg_get_serial_sequence('earning', 'id'), coalesce((select max(id) from earning), 0) + 1, false);
