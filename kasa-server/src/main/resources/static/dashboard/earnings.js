// The marketplace page's earnings: the latest shares with their reflection dates, statuses and payout
// transactions; one whose payout the bank refused can be put back in the queue from here.
import { h, replace, api, query, table, message, money } from './dom.js';

// An array, not an object: an object would list its numeric keys first, before 'All'.
const FILTERS = [['', 'All'], ['2', 'Scheduled'], ['6', 'Pooled'], ['11', 'Payout failed'], ['12', 'Retry'], ['4', 'Paid'],
  ['5', 'Reversed']];

export async function render(section) {
  const status = h('select', { name: 'statusId', onchange: () => refresh() },
    FILTERS.map(([id, name]) => h('option', { value: id }, name)));
  const list = h('div', { id: 'earnings' });
  const notice = h('div');
  replace(section, h('h2', {}, 'Earnings'), h('p', {}, h('label', { className: 'field' }, h('span', {}, 'Status'), status)),
    notice, list);

  async function retry(earning) {
    replace(notice);
    try {
      await api('POST', `/marketplace/earnings/${earning.Id}/retry`);
      replace(notice, message(`Earning ${earning.Id} is queued for the next payout run.`, 'ok'));
    } catch (error) {
      replace(notice, message(error.message));
    }
    await refresh();
  }

  async function refresh() {
    const page = await api('GET', '/marketplace/earnings' + query({ pageSize: 20, statusId: status.value }));
    replace(list, table(['Id', 'Payment', 'Product', 'Payee', 'Earning', 'Reflection date', 'Status', 'Payout', ''],
      page.Items.map(earning => h('tr', { 'data-earning-id': earning.Id },
        h('td', {}, String(earning.Id)), h('td', {}, String(earning.PaymentId)),
        h('td', {}, earning.ProductName || String(earning.ProductId)),
        h('td', {}, earning.IsSubMerchant ? `Member ${earning.MemberId}` : 'Platform'),
        h('td', { className: 'amount' }, money(earning.Earning, earning.Currency)),
        h('td', { className: 'reflection-date' }, earning.ReflectionDate),
        h('td', { className: 'earning-status' }, earning.EarningStatus),
        h('td', { className: 'code' }, earning.PayoutTransactionId || '–'),
        h('td', {}, earning.EarningStatusId === 11
          ? h('button', { type: 'button', className: 'small', onclick: () => retry(earning) }, 'Retry payout') : null))),
      'No earnings yet.'));
  }

  await refresh();
  return { refresh };
}
