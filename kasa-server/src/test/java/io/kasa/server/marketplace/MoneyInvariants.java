package io.kasa.server.marketplace;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

/**
 * The money rules of the marketplace, checked in the database across all merchants. Each
 * query returns the rows that break a rule; the check passes when all are empty.
 */
public final class MoneyInvariants {

    private static final List<String[]> RULES = List.of(
            new String[]{"member and platform shares less the member's arrangement debts add up to each product of a successful sale", """
                    select p.id from payment_product p join earning e on e.product_id = p.id
                    group by p.id, p.amount
                    having sum(e.amount) - coalesce((select sum(d.amount) from debt d
                                                     where d.product_id = p.id and d.type in (1, 2) and d.status <> 'DELETED'), 0)
                           <> p.amount"""},
            new String[]{"for a cancelled sale the member owes exactly the earnings the cancel could not take back", """
                    select e.id from earning e join payment p on p.id = e.payment_id
                    left join debt d on d.product_id = e.product_id and d.type = 3
                    where p.payment_type_id = 2 and p.payment_status_id = 4 and e.member_id is not null
                      and case when e.status in ('REVERSED', 'REJECTED') then d.id is not null
                               else d.id is null or d.calculated <> e.amount or d.member_id <> e.member_id end"""},
            new String[]{"a netted debt is on a payout in flight, a settled one on a succeeded payout, of its own member and currency", """
                    select d.id from debt d left join payout p on p.id = d.payout_id
                    where (d.status = 'NETTED' and (p.id is null or p.status <> 'IN_FLIGHT'))
                       or (d.status = 'SETTLED' and (p.id is null or p.status <> 'SUCCEEDED'))
                       or (p.id is not null and (p.member_id is distinct from d.member_id or p.merchant_id <> d.merchant_id
                                                 or p.currency_id <> d.currency_id))"""},
            new String[]{"an automatic payout in flight carries its ordered earnings less the debts it nets", """
                    select p.id from payout p
                    where p.status = 'IN_FLIGHT' and p.job_id is null
                      and p.amount <> coalesce((select sum(e.amount) from earning e where e.payout_id = p.id and e.status = 'ORDERED'), 0)
                                    - coalesce((select sum(d.amount) from debt d where d.payout_id = p.id and d.status = 'NETTED'), 0)"""},
            new String[]{"every product of a marketplace sale has its shares", """
                    select p.id from payment_product p
                    where exists (select 1 from earning e where e.payment_id = p.payment_id)
                      and not exists (select 1 from earning e where e.product_id = p.id)"""},
            new String[]{"every platform earning is in one known status (none in two states or lost)", """
                    select merchant_id from earning where member_id is null
                    group by merchant_id, currency_id
                    having sum(amount) <> sum(case when status in ('CALCULATED','REJECTED','POOLED','ORDERED','PAID','SCHEDULED',
                                                                   'FAILED','RETRY','REVERSED') then amount else 0 end)"""},
            new String[]{"a failed earning, or one put back in the queue, was taken by a payout the bank refused", """
                    select e.id from earning e left join payout p on p.id = e.payout_id
                    where e.status in ('FAILED', 'RETRY') and (p.id is null or p.status <> 'FAILED')"""},
            new String[]{"no earning changed after its payout left: a payout's earnings add up to it while in flight", """
                    select p.id from payout p join earning e on e.payout_id = p.id and e.status = 'ORDERED'
                    where p.status = 'IN_FLIGHT' and p.job_id is null
                    group by p.id, p.amount having sum(e.amount) <> p.amount"""},
            new String[]{"only approved earnings are scheduled, pooled, ordered, paid, failed or retried, and each has its reflection date", """
                    select id from earning
                    where status in ('SCHEDULED','POOLED','ORDERED','PAID','FAILED','RETRY') and (approved_at is null or payable_date is null)"""},
            new String[]{"an earning waiting for approval or rejected has no reflection date and was never taken by a payout", """
                    select id from earning
                    where status in ('CALCULATED','REJECTED') and (approved_at is not null or payable_date is not null
                                                                   or job_id is not null or payout_id is not null)"""},
            new String[]{"a product's shares are decided together: approved together, rejected together, waiting together", """
                    select product_id from earning group by product_id
                    having count(distinct approved_at is not null) > 1
                        or (bool_or(status = 'REJECTED') and not bool_and(status = 'REJECTED'))
                        or (bool_or(status = 'CALCULATED') and not bool_and(status = 'CALCULATED'))"""},
            new String[]{"rejected money stays with the platform: no payout ever names a rejected earning", """
                    select e.id from earning e join payout p on p.id = e.payout_id where e.status = 'REJECTED'"""},
            new String[]{"an automatic payout carried the description of the approval of every earning it paid", """
                    select e.id from earning e join payout p on p.id = e.payout_id
                    where p.job_id is null and p.description is distinct from e.payout_description"""},
            new String[]{"the bank got each transfer with its payout's description", """
                    select p.id from payout p join simulated_bank_transfer t on t.id = p.id
                    where t.description is distinct from p.description"""},
            new String[]{"a succeeded job paid exactly its earnings", """
                    select j.id from payout_job j left join earning e on e.job_id = j.id
                    where j.status = 'SUCCEEDED'
                    group by j.id, j.earning, j.earning_count
                    having coalesce(sum(e.amount), 0) <> j.earning or count(e.id) <> j.earning_count
                        or bool_or(e.status <> 'PAID')"""},
            new String[]{"a job's earnings are ordered until it succeeds", """
                    select e.id from earning e join payout_job j on j.id = e.job_id
                    where j.status <> 'SUCCEEDED' and e.status <> 'ORDERED'"""},
            new String[]{"an ordered earning belongs to a job or a payout in flight", """
                    select e.id from earning e left join payout p on p.id = e.payout_id
                    where e.status = 'ORDERED' and e.job_id is null and (p.id is null or p.status <> 'IN_FLIGHT')"""},
            new String[]{"a paid earning was paid by a succeeded payout", """
                    select e.id from earning e left join payout p on p.id = e.payout_id
                    where e.status = 'PAID' and (p.id is null or p.status <> 'SUCCEEDED')"""},
            new String[]{"a succeeded payout moved exactly what it paid, less the debts it settled", """
                    select p.id from payout p
                    where p.status = 'SUCCEEDED'
                      and p.amount <> coalesce((select sum(e.amount) from earning e where e.payout_id = p.id and e.status = 'PAID'), 0)
                                    - coalesce((select sum(d.amount) from debt d where d.payout_id = p.id and d.status = 'SETTLED'), 0)"""},
            new String[]{"the bank moved each succeeded payout once, and nothing else", """
                    select p.id from payout p full join simulated_bank_transfer t on t.id = p.id
                    where (p.status = 'SUCCEEDED') is distinct from (t.id is not null)
                       or (t.id is not null and t.amount <> p.amount)"""},
            new String[]{"pooled earnings are platform earnings", """
                    select id from earning where status = 'POOLED' and member_id is not null"""});

    private MoneyInvariants() {
    }

    /** The rules broken right now, each with the first offending ids. */
    public static List<String> broken(JdbcClient jdbc) {
        List<String> broken = new ArrayList<>();
        for (String[] rule : RULES) {
            List<Object> offenders = jdbc.sql(rule[1] + " limit 5").query((row, n) -> row.getObject(1)).list();
            if (!offenders.isEmpty()) {
                broken.add(rule[0] + ": " + offenders);
            }
        }
        return broken;
    }
}
