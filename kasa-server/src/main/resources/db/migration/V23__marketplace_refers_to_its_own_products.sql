-- The marketplace's earnings and debts refer to the products the marketplace keeps
-- (marketplace_product, V21) instead of the payment tables, so that no marketplace statement
-- locks a payment row, not even implicitly: a foreign key's check takes a key-share lock of
-- the row it refers to, which a payment row locked FOR UPDATE (by a status change, a cancel
-- or a rollback) holds back. An earnings operation that writes an earning under the
-- marketplace's lock of a sale (a decrease that gives the platform a share) would otherwise
-- wait for the sale's payment row. That it could not deadlock with the sale's cancel, which
-- holds that row while it waits for the marketplace's lock, rested on a detail of PostgreSQL
-- (a row locked FOR UPDATE and then updated without a change of its key, as a status change
-- does, no longer holds key-share lockers back), not on the lock order that
-- io.kasa.server.payment.Orders writes down. Each earning and debt written also takes one
-- foreign-key check fewer.
--
-- Every earning and debt refers to a kept product already: V21 kept the products of every
-- sale with earnings, and the calculation keeps a sale's products before it writes any
-- earning or debt of it. earning.payment_id and debt.payment_id name their product's sale
-- (marketplace_product.payment_id), which refers to no payment table either.
alter table earning
    drop constraint earning_payment_id_fkey,
    drop constraint earning_product_id_fkey,
    add constraint earning_product_id_fkey foreign key (product_id) references marketplace_product (id);
alter table debt
    drop constraint debt_payment_id_fkey,
    drop constraint debt_product_id_fkey,
    add constraint debt_product_id_fkey foreign key (product_id) references marketplace_product (id);
