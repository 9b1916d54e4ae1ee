-- Earnings now follow Paywall's lifecycle: calculated when the sale succeeds, they wait for
-- the merchant's approval (CALCULATED) or are rejected (REJECTED); a payout the bank refuses
-- leaves its earnings FAILED until the merchant puts them back in the queue (RETRY), which
-- the next payout run takes like SCHEDULED ones. Existing earnings were approved when they
-- were calculated and keep their status.
alter table earning drop constraint earning_status_check;
alter table earning add constraint earning_status_check
    check (status in ('CALCULATED', 'REJECTED', 'SCHEDULED', 'POOLED', 'ORDERED', 'PAID', 'FAILED', 'RETRY', 'REVERSED'));
