-- Paywall's approval: a marketplace sale's earnings are calculated when it succeeds and wait
-- (CALCULATED) until the merchant approves them with Kasa's calculator (approve/pw) or the
-- platform's own figures (approve/self), or rejects them. Approval gives an earning its
-- reflection (payable) date, so a calculated, rejected or never-approved reversed earning
-- has none. Existing earnings were approved when they were calculated.
alter table earning alter column payable_date drop not null;
alter table earning add column approved_at timestamptz;
update earning set approved_at = created_at;
alter table earning add constraint earning_approved_has_date check ((approved_at is null) = (payable_date is null));
alter table earning add constraint earning_unapproved_waits
    check (approved_at is not null or status in ('CALCULATED', 'REJECTED', 'REVERSED'));
alter table earning add constraint earning_calculated_unapproved check (status <> 'CALCULATED' or approved_at is null);
-- The transfer description the approval asked for (Payout.Description), given to the bank
-- when the earning is paid.
alter table earning add column payout_description varchar(140);
-- The platform's own calculation: the member's share it sent (MemberEarningCalculated,
-- MemberEarning on the sale product); such a product is approved with approve/self.
alter table earning add column platform_calculated boolean not null default false;

alter table payment_product add column member_earning numeric(14, 2);
alter table payment_product add constraint payment_product_member_earning
    check (member_earning is null or (member_id is not null and member_earning >= 0 and member_earning <= amount));

-- Off for new merchants, as in Paywall. Merchants that set their marketplace up before
-- approval existed had every earning approved at once and keep it so.
alter table marketplace_settings add column automatic_approval boolean not null default false;
update marketplace_settings set automatic_approval = true;

-- A transfer's description travels with its payout to the bank.
alter table payout add column description varchar(140);
alter table simulated_bank_transfer add column description varchar(140);
