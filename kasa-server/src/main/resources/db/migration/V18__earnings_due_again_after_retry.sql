-- The automatic payout run pays earnings put back in the queue after a refused payout
-- (RETRY) like scheduled ones, on their payable date: its index of due earnings takes both.
drop index earning_due;
create index earning_due on earning (payable_date) where status in ('SCHEDULED', 'RETRY');
