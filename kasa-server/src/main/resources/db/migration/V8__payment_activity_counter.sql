-- The sequence number of a payment's latest activity, kept on the payment row: a status
-- change takes the next number in the same statement that locks the row and makes the
-- activity the latest, instead of locking the row and then counting the activities.
alter table payment add column last_sequence int not null default 0;

update payment p set last_sequence = coalesce((select max(a.sequence) from payment_activity a where a.payment_id = p.id), 0);
