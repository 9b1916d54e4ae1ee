// Payments: the filtered list and its CSV export, and one payment with its timeline,
// products, customer and callbacks, which a confirmed cancel or withdrawal acts on.
import { h, replace, api, query, changed, field, table, message, money, when, badge, STATUSES } from './dom.js';
import { t, names, taxRate } from './i18n.js';

export async function render(main, [paymentId]) {
  return paymentId ? detail(main, paymentId) : list(main);
}

async function list(main) {
  const filters = { startDate: '', endDate: '', terminalId: '', statusId: '', merchantUniqueCode: '', pageIndex: 0 };
  const terminals = await api('GET', '/terminals?pageSize=100');
  const start = h('input', { type: 'date', name: 'startDate' });
  const end = h('input', { type: 'date', name: 'endDate' });
  const status = h('select', { name: 'statusId' }, h('option', { value: '' }, t('Any')),
    Object.keys(STATUSES).map(id => h('option', { value: id }, `${id} ${names.paymentStatus(id)}`)));
  const terminal = h('select', { name: 'terminalId' }, h('option', { value: '' }, t('Any')),
    terminals.Items.map(item => h('option', { value: item.Id }, item.Name)));
  const code = h('input', { name: 'merchantUniqueCode', placeholder: t('part of a code') });
  const results = h('div', { id: 'payment-list' });
  const pager = h('div', { className: 'row pager' });
  const problem = h('div');
  const exportLink = h('a', { id: 'payment-export', download: '' }, t('Export CSV'));
  const exportHref = () => '/dashboard/api/payments/export' + query({ ...filters, pageIndex: null });
  exportLink.href = exportHref();

  const form = h('form', { className: 'card form-grid', id: 'payment-filters', onsubmit: event => {
    event.preventDefault();
    Object.assign(filters, { startDate: start.value, endDate: end.value, terminalId: terminal.value,
      statusId: status.value, merchantUniqueCode: code.value.trim(), pageIndex: 0 });
    exportLink.href = exportHref();
    refresh();
  } }, field('From', start), field('To', end), field('Status', status), field('Terminal', terminal),
  field('Merchant unique code', code), h('button', { type: 'submit' }, t('Filter')),
  h('p', { className: 'muted export' }, exportLink, t(' every payment that matches, up to 50,000')));

  replace(main, h('h1', {}, t('Payments')), form, problem, results, pager);
  const terminalNames = new Map(terminals.Items.map(item => [item.Id, item.Name]));

  async function refresh() {
    let page;
    try {
      page = await api('GET', '/payments' + query({ ...filters, pageSize: 20 }));
      replace(problem);
    } catch (error) {
      replace(problem, message(error.message));
      return;
    }
    if (!changed(results, page)) return;
    replace(results, table(['Created', 'Code', 'Terminal', 'Amount', 'Type', 'Status'],
      page.Items.map(payment => h('tr', { 'data-payment-id': payment.Id, className: 'clickable',
        onclick: () => { location.hash = '#/payments/' + payment.Id; } },
      h('td', {}, h('a', { href: '#/payments/' + payment.Id }, when(payment.CreatedDate))),
      h('td', { className: 'code' }, payment.MerchantUniqueCode),
      h('td', {}, terminalNames.get(payment.TerminalId) || '–'),
      h('td', { className: 'amount' }, money(payment.Amount, payment.Currency)),
      h('td', {}, names.paymentType(payment.PaymentTypeId)),
      h('td', { className: 'status', 'data-status-id': payment.PaymentStatusId }, badge(payment.PaymentStatusId, payment.PaymentStatus)))),
    t('No payments match.')));
    const { CurrentPage, PageCount, TotalCount } = page.Pagination;
    replace(pager,
      h('button', { type: 'button', className: 'small secondary', disabled: CurrentPage === 0,
        onclick: () => { filters.pageIndex--; refresh(); } }, t('Newer')),
      h('span', { className: 'muted' }, t('{count} payments · page {page} of {pages}',
        { count: TotalCount, page: CurrentPage + 1, pages: Math.max(1, PageCount) })),
      h('button', { type: 'button', className: 'small secondary', disabled: CurrentPage + 1 >= PageCount,
        onclick: () => { filters.pageIndex++; refresh(); } }, t('Older')));
  }

  await refresh();
  return { refresh };
}

async function detail(main, paymentId) {
  const body = h('div');
  const notice = h('div');
  const dialog = h('dialog', { className: 'confirm', id: 'confirm-action', 'aria-labelledby': 'confirm-title' });
  replace(main, h('p', {}, h('a', { href: '#/payments' }, t('← Payments'))), notice, body, dialog);

  // Asks first, naming the payment, its amount and what will happen; then acts as the API would.
  function confirmAction(payment, action) {
    const what = action === 'cancel'
      ? { title: t('Cancel this sale?'), button: t('Cancel the sale'),
        effect: t('A cancel order goes to the terminal; once the device approves it, the sale is cancelled and the callback address is told.') }
      : { title: t('Withdraw this order?'), button: t('Withdraw the order'),
        effect: t('The terminal has not taken the order; it is withdrawn now, the device is told to drop it and the callback address is told.') };
    replace(dialog,
      h('h2', { id: 'confirm-title' }, what.title),
      h('p', {}, h('strong', {}, payment.MerchantUniqueCode), ' · ', money(payment.Amount, payment.Currency)),
      h('p', { className: 'muted' }, what.effect),
      h('form', { method: 'dialog', className: 'buttons' },
        h('button', { type: 'submit', value: 'go', className: 'danger', id: 'confirm-go' }, what.button),
        h('button', { type: 'submit', value: 'keep', className: 'secondary', id: 'confirm-keep' }, t('Keep it'))));
    dialog.onclose = async () => {
      if (dialog.returnValue !== 'go') return;
      try {
        await api('POST', `/payments/${encodeURIComponent(payment.Id)}/${action}`);
        replace(notice, message(action === 'cancel' ? t('Cancel order sent to the terminal.') : t('Order withdrawn.'), 'ok'));
      } catch (error) {
        replace(notice, message(error.message));
      }
      await refresh();
    };
    dialog.returnValue = '';
    dialog.showModal();
  }

  async function resend(callback) {
    try {
      await api('POST', `/callbacks/${callback.Id}/resend`);
      replace(notice, message(t('Callback {sequence} queued to be sent again.', { sequence: callback.Sequence }), 'ok'));
      await refresh();
    } catch (error) {
      replace(notice, message(error.message));
    }
  }

  async function refresh() {
    const data = await api('GET', '/payments/' + encodeURIComponent(paymentId));
    if (!changed(body, data)) return;
    const payment = data.Payment;
    const customer = data.Customer;
    replace(body,
      h('h1', {}, money(payment.Amount, payment.Currency), ' ',
        h('span', { className: 'status', id: 'payment-status', 'data-status-id': payment.PaymentStatusId }, badge(payment.PaymentStatusId, payment.PaymentStatus))),
      data.CanCancel || data.CanWithdraw ? h('div', { className: 'buttons actions' },
        data.CanCancel ? h('button', { type: 'button', className: 'danger', id: 'cancel-payment',
          onclick: () => confirmAction(payment, 'cancel') }, t('Cancel sale…')) : null,
        data.CanWithdraw ? h('button', { type: 'button', className: 'danger', id: 'withdraw-payment',
          onclick: () => confirmAction(payment, 'withdraw') }, data.WithdrawOrder === 'Cancel' ? t('Withdraw cancel order…') : t('Withdraw order…')) : null) : null,
      h('dl', { className: 'card facts' },
        fact('Payment', payment.Id), fact('Merchant unique code', payment.MerchantUniqueCode),
        fact('Display code', payment.DisplayCode), fact('Type', names.paymentType(payment.PaymentTypeId)),
        fact('Channel', names.channel(data.PaymentChannel)), fact('Created', when(payment.CreatedDate)),
        fact('Modified', when(payment.ModifiedDate)), fact('Callback address', data.CallbackAddress), fact('IP', data.Ip)),
      h('h2', {}, t('Timeline')),
      h('ol', { className: 'timeline', id: 'timeline' }, data.Activities.map(activity =>
        h('li', {}, h('time', {}, when(activity.Date)), ' ', badge(activity.PaymentStatusId, activity.PaymentStatus),
          ' ', names.paymentType(activity.PaymentTypeId), activity.Message ? h('div', { className: 'muted' }, activity.Message) : null))),
      h('h2', {}, t('Products')),
      table(['Name', 'Quantity', 'Unit', 'Tax', 'Amount'], data.Products.map(product => h('tr', {},
        h('td', {}, product.Name), h('td', {}, String(product.Quantity)), h('td', {}, names.unit(product.UnitCode)),
        h('td', {}, taxRate(product.TaxGroup)), h('td', { className: 'amount' }, money(product.Amount, payment.Currency))))),
      h('h2', {}, t('Customer')),
      customer ? h('dl', { className: 'card facts' },
        fact('Name', [customer.FirstName, customer.MiddleName, customer.LastName].filter(Boolean).join(' ')),
        fact('Company', customer.CompanyName), fact('Tax office', customer.TaxOfficeCode), fact('Tax number', customer.TaxNumber),
        fact('Identity', customer.Identity), fact('Email', customer.Email), fact('Phone', customer.Phone),
        fact('Address', [customer.Address, customer.Neighborhood, customer.District, customer.City, customer.Country].filter(Boolean).join(', ')))
        : h('p', { className: 'muted' }, t('No customer on this sale.')),
      h('h2', {}, t('Callbacks')),
      table(['#', 'Status', 'Target', 'State', 'Tries', 'Last answer', ''], data.Callbacks.map(callback =>
        h('tr', { 'data-callback-id': callback.Id },
          h('td', {}, String(callback.Sequence)), h('td', {}, badge(callback.PaymentStatusId)),
          h('td', { className: 'code' }, callback.Target), h('td', { className: 'callback-state' }, names.callback(callback.State)),
          h('td', {}, String(callback.AttemptCount)),
          h('td', {}, callback.LastStatusCode ? String(callback.LastStatusCode) : (callback.LastError || '–')),
          h('td', {}, h('button', { type: 'button', className: 'small secondary resend-button', onclick: () => resend(callback) }, t('Re-send'))))),
      data.CallbackAddress ? t('No callbacks yet.') : t('This sale has no callback address.')));
  }

  await refresh();
  return { refresh };
}

function fact(label, value) {
  if (value === null || value === undefined || value === '') return null;
  return [h('dt', {}, t(label)), h('dd', {}, value)];
}
