-- Two foreign keys of the callback tables checked on every row what the statements that
-- write those rows already guarantee, once per callback and once per try:
-- * callback_attempt.delivery_id: attempts are inserted only for the deliveries that the same
--   statement has just updated (CallbackRecorder), and deliveries are never deleted;
-- * callback_delivery.merchant_id: a callback's merchant is its payment's, which the
--   payment's foreign key (kept) already ties to an existing merchant.
alter table callback_attempt drop constraint callback_attempt_delivery_id_fkey;
alter table callback_delivery drop constraint callback_delivery_merchant_id_fkey;
