-- A payment's callbacks go out one at a time, in sequence order. Only the head of each
-- payment's queue is PENDING (due at next_attempt_at); the ones behind it are WAITING and
-- become PENDING when the one before is delivered or dead. So finding due callbacks reads
-- the due index alone, however long a merchant's receiver has been down.
alter table callback_delivery drop constraint callback_delivery_state_check;
alter table callback_delivery add constraint callback_delivery_state_check
    check (state in ('PENDING', 'WAITING', 'DELIVERED', 'DEAD'));

update callback_delivery d set state = 'WAITING'
where d.state = 'PENDING'
  and exists (select 1 from callback_delivery e
              where e.payment_id = d.payment_id and e.state = 'PENDING' and e.sequence < d.sequence);
