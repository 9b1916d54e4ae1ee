-- A sale cost PostgreSQL twenty foreign-key checks, each a query of its own
-- (select ... for key share of the parent row). Sixteen of them checked rows that the payment
-- store writes in the same transaction as the parent they name, taking the parent's id from
-- the very statement that inserted or locked it, so the check can never fail:
-- * payment_product.payment_id: products are inserted only by the statement that inserts
--   their payment (Payments.createSale, from its "created" part);
-- * payment_order.payment_id: a sale's order is inserted by that same statement; a cancel's
--   by Payments.newOrder, after the cancel has locked its payment row (for update) in the
--   same transaction;
-- * payment_activity.payment_id and .order_id: an activity is appended only by the statement
--   that inserts its payment and order (the sale) or that updates both under the payment's
--   lock (Orders.move, Orders.record), from the rows that statement returns;
-- * callback_delivery.payment_id: a callback is inserted by CallbackOutbox in the transaction
--   of the status change it reports, which inserted or updated (and so locked) the payment.
-- No row of payment, payment_order, payment_product, payment_activity or callback_delivery is
-- ever deleted, so a parent checked once stays. A job that deletes payments must delete these
-- rows first and in the same transaction. The foreign keys to other owners' rows (merchant,
-- terminal, connection) and the marketplace's (earning, debt) stay.
alter table payment_product drop constraint payment_product_payment_id_fkey;
alter table payment_order drop constraint payment_order_payment_id_fkey;
alter table payment_activity drop constraint payment_activity_payment_id_fkey;
alter table payment_activity drop constraint payment_activity_order_id_fkey;
alter table callback_delivery drop constraint callback_delivery_payment_id_fkey;

-- The same columns as the unique constraint's index (callback_delivery_payment_id_sequence_key),
-- which serves every query this one did; each callback row and every update of one (they
-- cannot be HOT: they change the due index's state and time) paid for a second entry.
drop index callback_delivery_payment;

-- A payment's row is updated at each status change, moments after it was inserted. With
-- full pages the new version often had to go to another page, which is not a HOT update
-- and adds an entry to each of the payment's five indexes; room on its own page keeps the
-- update there. Only pages written from now on are affected.
alter table payment set (fillfactor = 80);
