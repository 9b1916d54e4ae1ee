// The operator's views: merchants, and each merchant's keys (issue, rotate, revoke).
// An issued secret is shown once, in this page only, and forgotten when the page changes.
import { h, replace, api, field, table, message, when } from './dom.js';
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
  const rotate = key => {
    const grace = prompt(t('Keep the old key working for how many seconds? (0 = stop at once, at most 604800)'), '0');
    if (grace === null) return;
    act(t('{kind} key rotated', { kind: names.keyKind(key.Kind) }), `/keys/${key.KeyId}/rotate`, { GraceSeconds: Number(grace) || 0 });
  };
  const revoke = key => {
    if (confirm(t('Revoke this {kind} key? It stops working at once.', { kind: names.keyKind(key.Kind) }))) act(t('Key revoked.'), `/keys/${key.KeyId}/revoke`);
  };
  const form = h('form', { className: 'card form-grid', id: 'issue-key', onsubmit: event => {
    event.preventDefault();
    act(t('{kind} key issued', { kind: names.keyKind(kind.value) }), '/keys', { Kind: kind.value });
  } }, field('Kind', kind), h('button', { type: 'submit' }, t('Issue key')));
  replace(main, h('p', {}, h('a', { href: '#/operator' }, t('← Merchants'))), body, notice, h('h2', {}, t('Issue a key')), form);

  async function refresh() {
    const merchant = await api('GET', base);
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
