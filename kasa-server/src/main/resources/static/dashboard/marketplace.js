// Marketplace: settings, members, earnings waiting for approval (approve or reject), every
// earning with its status and reflection date (retry a refused payout), payouts with the
// bank's answer, the members' debts, the pool of platform earnings, payout orders and their results.
import { h, replace, api, query, field, table, message, money, when, today, changed, CURRENCIES } from './dom.js';
import { t, names } from './i18n.js';

export async function render(main) {
  const settings = await api('GET', '/marketplace/settings');
  const members = await api('GET', '/marketplace/members?pageSize=50');
  const currency = h('select', { name: 'currencyId' }, Object.entries(CURRENCIES).map(([id, code]) => h('option', { value: id }, code)));
  const from = h('input', { type: 'date', name: 'dateFrom', value: daysAgo(30), required: true });
  const to = h('input', { type: 'date', name: 'dateTo', value: daysAgo(1), required: true });
  const testMode = h('input', { type: 'checkbox', name: 'testMode' });
  const skip = h('input', { type: 'checkbox', name: 'skipExistsControl' });
  const approvals = h('div', { id: 'approvals' });
  const earningStatus = h('select', { id: 'earning-status', onchange: () => showEarnings() },
    h('option', { value: '' }, t('All statuses')),
    EARNING_STATUSES.map(id => h('option', { value: id }, names.earningStatus(id))));
  const earnings = h('div', { id: 'earnings' });
  const earningNotice = h('div');
  const payouts = h('div', { id: 'payouts' });
  const decided = h('div');
  const description = h('input', { type: 'text', name: 'description', maxLength: 140, placeholder: t('Transfer description (optional)') });
  const pool = h('div', { id: 'pool' });
  const jobs = h('div', { id: 'jobs' });
  const results = h('div', { id: 'job-results' });
  const debts = h('div', { id: 'debts' });
  const notice = h('div');
  let shownJob = null;

  const range = () => ({ currencyId: currency.value, dateFrom: from.value, dateTo: to.value });
  const decide = async (path, body) => {
    replace(decided);
    try {
      const decision = await api('POST', path, body);
      replace(decided, message(t('Done for {count} product(s).', { count: decision.Success.length })
        + decision.Fail.map(fail => ` ${fail.ProductId}: ${fail.Reason}.`).join(''), 'ok'));
    } catch (error) {
      replace(decided, message(error.message));
    }
    await Promise.all([showApprovals(), showEarnings(), showPayouts(), showDebts(), showPool()]);
  };
  const approve = item => decide('/marketplace/approvals', { PaymentId: item.PaymentId, ProductIds: [item.ProductId],
    Calculator: item.Calculator, Description: description.value || null });
  const reject = item => decide('/marketplace/rejections', { ProductIds: [item.ProductId] });
  const showApprovals = async () => {
    const page = await api('GET', '/marketplace/approvals?pageSize=50');
    if (!changed(approvals, page)) return;
    replace(approvals, table(['Payment', 'Product', 'Amount', 'Member', 'Member share', 'Platform share', 'Calculated by', 'Since', ''],
      page.Items.map(item => h('tr', { 'data-product-id': item.ProductId },
        h('td', { className: 'code' }, String(item.PaymentId)), h('td', {}, item.ProductName),
        h('td', { className: 'amount' }, money(item.ProductAmount, item.Currency)), h('td', {}, item.MemberId ? String(item.MemberId) : '–'),
        h('td', { className: 'amount' }, item.MemberEarning == null ? '–' : money(item.MemberEarning, item.Currency)),
        h('td', { className: 'amount' }, item.PlatformEarning == null ? '–' : money(item.PlatformEarning, item.Currency)),
        h('td', {}, names.calculator(item.Calculator)), h('td', {}, when(item.CalculatedDate)),
        h('td', {}, h('div', { className: 'buttons' },
          h('button', { type: 'button', className: 'small approve', onclick: () => approve(item) }, t('Approve')),
          h('button', { type: 'button', className: 'small secondary reject', onclick: () => reject(item) }, t('Reject')))))),
    t('Nothing waits for approval.')));
  };
  const showPool = async () => {
    try {
      const pending = await api('GET', '/marketplace/pending' + query(range()));
      if (!changed(pool, pending)) return;
      replace(pool, h('p', { className: 'card stat' }, h('span', { className: 'muted' },
        t('Pooled {currency}, {from} – {to}', { currency: pending.Currency, from: pending.DateFrom, to: pending.DateTo })),
        h('strong', {}, money(pending.Earning, pending.Currency)), h('span', {}, t('{count} earnings', { count: pending.Count }))));
    } catch (error) {
      if (changed(pool, { Problem: error.message })) replace(pool, message(error.message));
    }
  };
  const startJob = async () => {
    replace(notice);
    try {
      const job = await api('POST', '/marketplace/jobs', { CurrencyId: Number(currency.value), DateFrom: from.value, DateTo: to.value,
        TestMode: testMode.checked, SkipExistsControl: skip.checked });
      shownJob = job.Id;
      replace(notice, message(t('Payout order started for {amount} ({count} earnings).',
        { amount: money(job.Earning, job.Currency), count: job.Count }), 'ok'));
      await refresh();
      await showPool();
    } catch (error) {
      replace(notice, message(error.message));
    }
  };

  replace(main, h('h1', {}, t('Marketplace')),
    h('div', { className: 'cards' },
      h('div', { className: 'card stat' }, h('span', { className: 'muted' }, t('Marketplace')), h('strong', {}, settings.MarketplaceEnabled ? t('On') : t('Off'))),
      h('div', { className: 'card stat' }, h('span', { className: 'muted' }, t('Payouts')), h('strong', {}, settings.ManualTrigger ? t('Manual') : t('Automatic'))),
      h('div', { className: 'card stat' }, h('span', { className: 'muted' }, t('Approval')), h('strong', {}, settings.AutomaticApproval ? t('Automatic') : t('By the merchant'))),
      h('div', { className: 'card stat' }, h('span', { className: 'muted' }, t('Platform account')),
        h('strong', {}, settings.HasPlatformAccount ? (settings.PlatformAccountTitle || t('Set')) : t('Not set')))),
    h('h2', {}, t('Members ({count})', { count: members.Pagination.TotalCount })),
    table(['Name', 'External id', 'Type', 'Email', 'Accounts', 'Since'], members.Items.map(member => h('tr', { 'data-member-id': member.Id },
      h('td', {}, h('strong', {}, member.Name), member.Title ? h('div', { className: 'muted' }, member.Title) : null),
      h('td', { className: 'code' }, member.ExternalId), h('td', {}, member.IsSubMerchant ? t('Sub-merchant') : t('Member')),
      h('td', {}, member.Email || '–'), h('td', {}, member.BankAccountCurrencies.join(', ') || '–'),
      h('td', {}, when(member.CreatedDate)))), t('No members yet.')),
    h('h2', {}, t('Waiting for approval')),
    h('p', { className: 'muted' }, t('Approved earnings are paid on their reflection date (or pooled); rejected ones are never paid.')),
    h('div', { className: 'filters' }, field('Transfer description', description)), decided, approvals,
    h('h2', {}, t('Earnings')), h('div', { className: 'filters' }, field('Status', earningStatus)), earningNotice, earnings,
    h('h2', {}, t('Payouts')), payouts,
    h('h2', {}, t('Pool and payout orders')),
    h('form', { className: 'card form-grid', id: 'pool-form', onsubmit: event => { event.preventDefault(); showPool(); } },
      field('Currency', currency), field('From', from), field('To', to),
      h('label', { className: 'check' }, testMode, t(' Test mode (may include today)')),
      h('label', { className: 'check' }, skip, t(' Skip the paid-range check')),
      h('div', { className: 'buttons' },
        h('button', { type: 'submit', className: 'secondary' }, t('Show pool')),
        h('button', { type: 'button', id: 'start-job', onclick: startJob, disabled: !settings.ManualTrigger }, t('Start payout order')))),
    settings.ManualTrigger ? null : h('p', { className: 'muted' }, t('Payout orders need manual trigger, which the operator turns on.')),
    notice, pool, h('h3', {}, t('Payout orders')), jobs, results,
    h('h2', {}, t("Members' debts")),
    h('p', { className: 'muted' }, t("What a cargo or discount arrangement took beyond a member's share, or what was paid for a sale cancelled after payout; netted off the member's next payouts.")),
    debts);

  async function showResults(jobId) {
    shownJob = jobId;
    const job = await api('GET', '/marketplace/jobs/' + jobId);
    replace(results, h('div', { className: 'card' }, h('h3', {}, t('Order {from} – {to}: {status}', { from: job.DateFrom, to: job.DateTo, status: names.job(job.Status) })),
      job.Results.length ? h('ol', {}, job.Results.map(result => h('li', {}, result.Result ? t('Succeeded') : t('Failed'), result.ResultMessage ? ': ' + result.ResultMessage : '')))
        : h('p', { className: 'muted' }, t('No transfer tried yet.'))));
  }

  async function showEarnings() {
    const page = await api('GET', '/marketplace/earnings' + query({ statusId: earningStatus.value, pageSize: 50 }));
    if (!changed(earnings, page)) return;
    replace(earnings, table(['Sale', 'Product', 'Payee', 'Earning', 'Status', 'Reflection date', ''], page.Items.map(earning =>
      h('tr', { 'data-earning-id': earning.Id },
        h('td', {}, h('a', { href: '#/payments/' + earning.PaymentRequestId }, '#' + earning.PaymentId)),
        h('td', {}, earning.ProductName), h('td', {}, earning.Payee || t('Platform')),
        h('td', { className: 'amount' }, money(earning.Earning, earning.Currency)),
        h('td', { className: 'earning-status' }, h('span', { className: 'badge ' + earningClass(earning.EarningStatusId) }, names.earningStatus(earning.EarningStatusId))),
        h('td', { className: 'reflection-date' }, earning.ReflectionDate || '–'),
        h('td', {}, earning.EarningStatusId === 11
          ? h('button', { type: 'button', className: 'small', onclick: () => retry(earning) }, t('Retry payout')) : null))),
    t('No earnings yet.')));
  }

  // A refused payout's earning back in the queue, due at once (as earning/put/retry/id).
  async function retry(earning) {
    replace(earningNotice);
    try {
      await api('POST', `/marketplace/earnings/${earning.Id}/retry`);
      replace(earningNotice, message(t('Earning {id} is queued for the next payout run.', { id: earning.Id }), 'ok'));
    } catch (error) {
      replace(earningNotice, message(error.message));
    }
    await showEarnings();
  }

  async function showPayouts() {
    const page = await api('GET', '/marketplace/payouts?pageSize=20');
    if (!changed(payouts, page)) return;
    replace(payouts, table(['Payee', 'Amount', 'Status', 'Tries', 'Bank\'s answer', 'Updated'], page.Items.map(payout =>
      h('tr', { 'data-payout-id': payout.Id },
        h('td', {}, payout.Payee || t('Platform'), payout.JobId ? h('div', { className: 'muted' }, t('payout order')) : null),
        h('td', { className: 'amount' }, money(payout.Amount, payout.Currency)),
        h('td', { className: 'payout-status' }, h('span', { className: 'badge ' + PAYOUT_CLASSES[payout.Status] }, names.payout(payout.Status))),
        h('td', {}, String(payout.Attempts)), h('td', {}, payout.LastMessage || '–'), h('td', {}, when(payout.UpdatedDate)))),
    t('No payouts yet.')));
  }

  async function refresh() {
    await Promise.all([showApprovals(), showEarnings(), showPayouts(), showDebts()]);
    const page = await api('GET', '/marketplace/jobs?pageSize=20');
    replace(jobs, table(['Range', 'Currency', 'Earning', 'Count', 'Status', ''], page.Items.map(job => h('tr', { 'data-job-id': job.Id },
      h('td', {}, `${job.DateFrom} – ${job.DateTo}`), h('td', {}, job.Currency),
      h('td', { className: 'amount' }, money(job.Earning, job.Currency)), h('td', {}, String(job.Count)),
      h('td', { className: 'job-status' }, names.job(job.Status)),
      h('td', {}, h('button', { type: 'button', className: 'small secondary', onclick: () => showResults(job.Id) }, t('Results'))))),
    t('No payout orders yet.')));
    if (shownJob) await showResults(shownJob);
  }

  async function showDebts() {
    const page = await api('GET', '/marketplace/debts?pageSize=50');
    if (!changed(debts, page)) return;
    replace(debts, table(['Date', 'Member', 'Type', 'Payment', 'Product', 'Debt', 'Status'], page.Items.map(debt => h('tr', { 'data-debt-id': debt.Id },
      h('td', {}, when(debt.Date)), h('td', {}, debt.MemberName || String(debt.MemberId)), h('td', {}, names.debtType(debt.Type)),
      h('td', { className: 'code' }, String(debt.PaymentId)), h('td', { className: 'code' }, String(debt.ProductId)),
      h('td', { className: 'amount' }, money(debt.DebtAmount, debt.Currency)), h('td', { className: 'debt-status' }, names.debtStatus(debt.Status)))),
    t('No debts.')));
  }

  await Promise.all([refresh(), showPool()]);
  return { refresh };
}

// MarketPlaceEarningStatusId, in the order an earning goes through them (names.earningStatus names them).
const EARNING_STATUSES = [1, 7, 2, 6, 3, 4, 11, 12, 5];
const PAYOUT_CLASSES = { IN_FLIGHT: 'busy', SUCCEEDED: 'ok', FAILED: 'bad' };

function earningClass(statusId) {
  if (statusId === 4) return 'ok';
  if (statusId === 11 || statusId === 7 || statusId === 5) return 'bad';
  if (statusId === 1) return 'warn';
  return 'busy';
}

function daysAgo(days) {
  const date = new Date(today() + 'T12:00:00');
  date.setDate(date.getDate() - days);
  return date.toISOString().slice(0, 10);
}
