// Marketplace: settings, members, the pool of platform earnings, payout orders and their results, the members' debts.
import { h, replace, api, query, field, table, message, money, when, today, CURRENCIES } from './dom.js';

export async function render(main) {
  const settings = await api('GET', '/marketplace/settings');
  const members = await api('GET', '/marketplace/members?pageSize=50');
  const currency = h('select', { name: 'currencyId' }, Object.entries(CURRENCIES).map(([id, code]) => h('option', { value: id }, code)));
  const from = h('input', { type: 'date', name: 'dateFrom', value: daysAgo(30), required: true });
  const to = h('input', { type: 'date', name: 'dateTo', value: daysAgo(1), required: true });
  const testMode = h('input', { type: 'checkbox', name: 'testMode' });
  const skip = h('input', { type: 'checkbox', name: 'skipExistsControl' });
  const pool = h('div', { id: 'pool' });
  const jobs = h('div', { id: 'jobs' });
  const results = h('div', { id: 'job-results' });
  const debts = h('div', { id: 'debts' });
  const notice = h('div');
  let shownJob = null;

  const range = () => ({ currencyId: currency.value, dateFrom: from.value, dateTo: to.value });
  const showPool = async () => {
    try {
      const pending = await api('GET', '/marketplace/pending' + query(range()));
      replace(pool, h('p', { className: 'card stat' }, h('span', { className: 'muted' }, `Pooled ${pending.Currency}, ${pending.DateFrom} – ${pending.DateTo}`),
        h('strong', {}, money(pending.Earning, pending.Currency)), h('span', {}, `${pending.Count} earnings`)));
    } catch (error) {
      replace(pool, message(error.message));
    }
  };
  const startJob = async () => {
    replace(notice);
    try {
      const job = await api('POST', '/marketplace/jobs', { CurrencyId: Number(currency.value), DateFrom: from.value, DateTo: to.value,
        TestMode: testMode.checked, SkipExistsControl: skip.checked });
      shownJob = job.Id;
      replace(notice, message(`Payout order started for ${money(job.Earning, job.Currency)} (${job.Count} earnings).`, 'ok'));
      await refresh();
      await showPool();
    } catch (error) {
      replace(notice, message(error.message));
    }
  };

  replace(main, h('h1', {}, 'Marketplace'),
    h('div', { className: 'cards' },
      h('div', { className: 'card stat' }, h('span', { className: 'muted' }, 'Marketplace'), h('strong', {}, settings.MarketplaceEnabled ? 'On' : 'Off')),
      h('div', { className: 'card stat' }, h('span', { className: 'muted' }, 'Payouts'), h('strong', {}, settings.ManualTrigger ? 'Manual' : 'Automatic')),
      h('div', { className: 'card stat' }, h('span', { className: 'muted' }, 'Platform account'),
        h('strong', {}, settings.HasPlatformAccount ? (settings.PlatformAccountTitle || 'Set') : 'Not set'))),
    h('h2', {}, `Members (${members.Pagination.TotalCount})`),
    table(['Name', 'External id', 'Type', 'Email', 'Accounts', 'Since'], members.Items.map(member => h('tr', { 'data-member-id': member.Id },
      h('td', {}, h('strong', {}, member.Name), member.Title ? h('div', { className: 'muted' }, member.Title) : null),
      h('td', { className: 'code' }, member.ExternalId), h('td', {}, member.IsSubMerchant ? 'Sub-merchant' : 'Member'),
      h('td', {}, member.Email || '–'), h('td', {}, member.BankAccountCurrencies.join(', ') || '–'),
      h('td', {}, when(member.CreatedDate)))), 'No members yet.'),
    h('h2', {}, 'Pool and payout orders'),
    h('form', { className: 'card form-grid', id: 'pool-form', onsubmit: event => { event.preventDefault(); showPool(); } },
      field('Currency', currency), field('From', from), field('To', to),
      h('label', { className: 'check' }, testMode, ' Test mode (may include today)'),
      h('label', { className: 'check' }, skip, ' Skip the paid-range check'),
      h('div', { className: 'buttons' },
        h('button', { type: 'submit', className: 'secondary' }, 'Show pool'),
        h('button', { type: 'button', id: 'start-job', onclick: startJob, disabled: !settings.ManualTrigger }, 'Start payout order'))),
    settings.ManualTrigger ? null : h('p', { className: 'muted' }, 'Payout orders need manual trigger, which the operator turns on.'),
    notice, pool, h('h3', {}, 'Payout orders'), jobs, results,
    h('h2', {}, "Members' debts"),
    h('p', { className: 'muted' }, 'What a cargo or discount arrangement took beyond a member\'s share, or what was paid for a sale cancelled after payout; netted off the member\'s next payouts.'),
    debts);

  async function showResults(jobId) {
    shownJob = jobId;
    const job = await api('GET', '/marketplace/jobs/' + jobId);
    replace(results, h('div', { className: 'card' }, h('h3', {}, `Order ${job.DateFrom} – ${job.DateTo}: ${job.Status}`),
      job.Results.length ? h('ol', {}, job.Results.map(result => h('li', {}, result.Result ? 'Succeeded' : 'Failed', result.ResultMessage ? ': ' + result.ResultMessage : '')))
        : h('p', { className: 'muted' }, 'No transfer tried yet.')));
  }

  async function refresh() {
    const page = await api('GET', '/marketplace/jobs?pageSize=20');
    replace(jobs, table(['Range', 'Currency', 'Earning', 'Count', 'Status', ''], page.Items.map(job => h('tr', { 'data-job-id': job.Id },
      h('td', {}, `${job.DateFrom} – ${job.DateTo}`), h('td', {}, job.Currency),
      h('td', { className: 'amount' }, money(job.Earning, job.Currency)), h('td', {}, String(job.Count)),
      h('td', { className: 'job-status' }, job.Status),
      h('td', {}, h('button', { type: 'button', className: 'small secondary', onclick: () => showResults(job.Id) }, 'Results')))),
    'No payout orders yet.'));
    if (shownJob) await showResults(shownJob);
  }

  async function showDebts() {
    const page = await api('GET', '/marketplace/debts?pageSize=50');
    replace(debts, table(['Date', 'Member', 'Type', 'Payment', 'Product', 'Debt', 'Status'], page.Items.map(debt => h('tr', { 'data-debt-id': debt.Id },
      h('td', {}, when(debt.Date)), h('td', {}, debt.MemberName || String(debt.MemberId)), h('td', {}, debt.TypeName),
      h('td', { className: 'code' }, String(debt.PaymentId)), h('td', { className: 'code' }, String(debt.ProductId)),
      h('td', { className: 'amount' }, money(debt.DebtAmount, debt.Currency)), h('td', { className: 'debt-status' }, debt.Status))),
    'No debts.'));
  }

  await Promise.all([refresh(), showPool(), showDebts()]);
  return { refresh };
}

function daysAgo(days) {
  const date = new Date(today() + 'T12:00:00');
  date.setDate(date.getDate() - days);
  return date.toISOString().slice(0, 10);
}
