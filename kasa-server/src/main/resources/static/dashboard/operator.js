// The operator's views: merchants, and each merchant's keys (issue, rotate, revoke).
// An issued secret is shown once, in this page only, and forgotten when the page changes.
import { h, replace, api, changed, field, table, message, when } from './dom.js';
import { t, names } from './i18n.js';

export async function render(main, [merchantId]) {
  return merchantId ? keys(main, merchantId) : merchants(main);
}

function secretBox(title, issued) {
  return h('div', { className: 'card secret', id: 'issued-secret', role: 'status' },
    h('h3', {}, title),
    h('p', {}, t('Copy the secrets now: Kasa keeps only hashes (webhook keys encrypted) and will not show them again.')),
    h('dl', { className: 'facts' }, issued.map(key => [
      h('dt', {}, t('{kind} client', { kind: names.keyKind(key.Kind) })), h('dd', { className: 'code' }, key.Client || '–'),
      h('dt', {}, t('{kind} secret', { kind: names.keyKind(key.Kind) })), h('dd', { className: 'code' }, key.Secret)])));
}

async function merchants(main) {
  const list = h('div', { id: 'merchant-list' });
  const notice = h('div');
  const name = h('input', { name: 'Name', id: 'merchant-name', required: true, maxlength: 100 });
  const form = h('form', { className: 'card form-grid', id: 'create-merchant', onsubmit: async event => {
    event.preventDefault();
    try {
      const created = await api('POST', '/operator/merchants', { Name: name.value.trim() });
      form.reset();
      replace(notice, secretBox(t('{name} created', { name: created.Merchant.Name }), created.Keys));
      await refresh();
    } catch (error) {
      replace(notice, message(error.message));
    }
  } }, field('Merchant name', name), h('button', { type: 'submit' }, t('Create merchant')));
  replace(main, h('h1', {}, t('Merchants')), list, h('h2', {}, t('New merchant')), form, notice);

  async function refresh() {
    const page = await api('GET', '/operator/merchants?pageSize=100');
    if (!changed(list, page)) return;
    replace(list, table(['Name', 'Id', 'Created'], page.Items.map(merchant => h('tr', { 'data-merchant-id': merchant.Id },
      h('td', {}, h('a', { href: '#/operator/' + merchant.Id }, merchant.Name), merchant.IsDemo ? h('span', { className: 'badge busy' }, t('demo')) : null),
      h('td', { className: 'code' }, merchant.Id), h('td', {}, when(merchant.CreatedDate))))));
  }
  await refresh();
  return { refresh };
}

async function keys(main, merchantId) {
  const body = h('div');
  const notice = h('div');
  const kind = h('select', { name: 'Kind' }, ['Private', 'Public', 'Webhook'].map(value => h('option', { value }, names.keyKind(value))));
  const base = `/operator/merchants/${encodeURIComponent(merchantId)}`;
  const act = async (title, path, payload) => {
    try {
      const result = await api('POST', base + path, payload);
      replace(notice, result.Secret ? secretBox(title, [result]) : message(title, 'ok'));
      await refresh();
    } catch (error) {
      replace(notice, message(error.message));
    }
  };
  const rotation = h('div', { id: 'rotation' });
  const rotate = key => {
    replace(notice);
    rotationForm(rotation, merchantName, key, async graceSeconds => {
      replace(rotation);
      await act(t('{kind} key rotated', { kind: names.keyKind(key.Kind) }), `/keys/${key.KeyId}/rotate`, { GraceSeconds: graceSeconds });
    });
  };
  const revoke = key => {
    if (confirm(t('Revoke this {kind} key? It stops working at once.', { kind: names.keyKind(key.Kind) }))) act(t('Key revoked.'), `/keys/${key.KeyId}/revoke`);
  };
  const form = h('form', { className: 'card form-grid', id: 'issue-key', onsubmit: event => {
    event.preventDefault();
    act(t('{kind} key issued', { kind: names.keyKind(kind.value) }), '/keys', { Kind: kind.value });
  } }, field('Kind', kind), h('button', { type: 'submit' }, t('Issue key')));
  let merchantName = '';
  replace(main, h('p', {}, h('a', { href: '#/operator' }, t('← Merchants'))), body, rotation, notice,
    h('h2', {}, t('Issue a key')), form);

  async function refresh() {
    const merchant = await api('GET', base);
    merchantName = merchant.Name;
    if (!changed(body, merchant)) return;
    replace(body, h('h1', {}, merchant.Name), h('p', { className: 'muted code' }, merchant.Id),
      table(['Kind', 'Client', 'Created', 'Expires', 'Revoked', 'State', ''], merchant.Keys.map(key => h('tr', { 'data-key-id': key.KeyId },
        h('td', {}, names.keyKind(key.Kind)), h('td', { className: 'code' }, key.Client || '–'), h('td', {}, when(key.CreatedDate)),
        h('td', {}, when(key.ExpiresDate)), h('td', {}, when(key.RevokedDate)),
        h('td', {}, h('span', { className: 'badge ' + (key.Active ? 'ok' : 'bad') }, key.Active ? t('Active') : t('Inactive'))),
        h('td', { className: 'actions' }, key.Active ? [
          h('button', { type: 'button', className: 'small secondary', onclick: () => rotate(key) }, t('Rotate')),
          h('button', { type: 'button', className: 'small danger', onclick: () => revoke(key) }, t('Revoke'))] : null)))));
  }
  await refresh();
  return { refresh };
}

// The longest grace the server allows (MerchantKeys.MAX_GRACE); the server checks it again
// and is the authority: a request past it is refused naming GraceSeconds.
const MAX_GRACE_SECONDS = 7 * 24 * 3600;
const UNITS = { minutes: 60, hours: 3600, days: 86400 };
const UNIT_NAMES = () => ({ minutes: t('minutes'), hours: t('hours'), days: t('days') });

// The end of a grace that starts now, in the browser's own time zone, with the zone named.
function endOfGrace(seconds) {
  return new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short'
  }).format(new Date(Date.now() + seconds * 1000));
}

// Asks how long the old key keeps working: a whole number and a unit, 24 hours unless
// changed, within 1 minute and 7 days. Stopping the old key at once is its own choice with
// its own warning, so no typo in the number can end a live key at once. Nothing is sent
// before the confirmation that says what stops working and when.
function rotationForm(panel, merchantName, key, rotate) {
  const what = key.Kind === 'Webhook' ? t('webhook hash key of {merchant}', { merchant: merchantName })
    : t('{kind} key pair of {merchant}', { kind: names.keyKind(key.Kind), merchant: merchantName });
  const problem = h('div');
  const amount = h('input', { type: 'number', id: 'grace-amount', name: 'GraceAmount', min: 1, step: 1, value: 24,
    required: true, inputmode: 'numeric' });
  const unit = h('select', { id: 'grace-unit', name: 'GraceUnit' },
    Object.keys(UNITS).map(name => h('option', { value: name, selected: name === 'hours' }, UNIT_NAMES()[name])));
  const withGrace = h('input', { type: 'radio', name: 'GraceMode', id: 'grace-mode-later', value: 'later', checked: true });
  const atOnce = h('input', { type: 'radio', name: 'GraceMode', id: 'grace-mode-now', value: 'now' });
  const limit = () => {
    amount.max = String(Math.floor(MAX_GRACE_SECONDS / UNITS[unit.value]));
    amount.disabled = unit.disabled = atOnce.checked;
  };
  unit.addEventListener('change', limit);
  withGrace.addEventListener('change', limit);
  atOnce.addEventListener('change', limit);
  limit();

  const graceSeconds = () => {
    if (atOnce.checked) return 0;
    if (!amount.checkValidity()) {
      const most = amount.max ? t('{amount} {unit} (7 days)', { amount: amount.max, unit: UNIT_NAMES()[unit.value] }) : t('7 days');
      throw new Error(t('Grace period must be a whole number from 1 to {most}. To stop the old key at once, choose "Stop it at once".', { most }));
    }
    return Number(amount.value) * UNITS[unit.value];
  };
  const confirmation = seconds => {
    const text = seconds === 0
      ? t('The current {what} stops working at once, the moment you confirm; every integration still using it is refused from then on.', { what })
      : t('The current {what} stops working at {time}; integrations must switch to the new keys before then.', { what, time: endOfGrace(seconds) });
    replace(problem, h('div', { className: 'card confirm', id: 'rotation-confirm', role: 'alertdialog' },
      h('p', {}, text),
      h('button', { type: 'button', id: 'rotation-confirmed', className: seconds === 0 ? 'danger' : '',
        onclick: () => rotate(seconds) }, seconds === 0 ? t('Stop it at once and rotate') : t('Rotate')),
      ' ',
      h('button', { type: 'button', className: 'secondary', onclick: () => replace(problem) }, t('Go back'))));
  };
  const form = h('form', { className: 'card', id: 'rotate-key', novalidate: true, onsubmit: event => {
    event.preventDefault();
    try {
      confirmation(graceSeconds());
    } catch (error) {
      replace(problem, message(error.message));
    }
  } },
  h('h2', {}, t('Rotate the {kind} key', { kind: names.keyKind(key.Kind) })),
  h('p', {}, t('A new {kind} key is issued now; the current one keeps working until the grace period ends.', { kind: names.keyKind(key.Kind) })),
  h('fieldset', { className: 'grace' },
    h('legend', {}, t('The current key')),
    h('label', { className: 'choice' }, withGrace, t(' keeps working for ')),
    h('span', { className: 'grace-amount' }, field('Grace period', amount), field('Unit', unit)),
    h('label', { className: 'choice' }, atOnce, t(' Stop it at once (integrations still using it are refused immediately)'))),
  h('p', {}, h('button', { type: 'submit' }, t('Rotate key')), ' ',
    h('button', { type: 'button', className: 'secondary', onclick: () => replace(panel) }, t('Cancel'))),
  problem);
  replace(panel, form);
  amount.focus();
}
