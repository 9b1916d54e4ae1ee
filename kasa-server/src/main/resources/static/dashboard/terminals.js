// Terminals: live connectivity, registration, pair codes with their QR code (sync, and async
// ones that wait for the merchant's confirmation once a device has entered them), unpairing.
import { h, replace, api, changed, field, table, message, when } from './dom.js';
import { t, names } from './i18n.js';

export async function render(main) {
  const list = h('div', { id: 'terminal-list' });
  const pairPanel = h('div', { id: 'pair-panel' });
  const status = h('div');
  const name = h('input', { name: 'Name', id: 'terminal-name', required: true, maxlength: 100 });
  const serial = h('input', { name: 'SerialNo', id: 'terminal-serial', required: true, maxlength: 50 });
  const tag = h('input', { name: 'TagCode', id: 'terminal-tag', maxlength: 25, placeholder: t('optional') });
  let pairing = null;

  const form = h('form', { className: 'card form-grid', id: 'register-terminal', onsubmit: async event => {
    event.preventDefault();
    replace(status);
    try {
      await api('POST', '/terminals', { Name: name.value.trim(), SerialNo: serial.value.trim(), TagCode: tag.value.trim() || null });
      form.reset();
      replace(status, message(t('Terminal registered.'), 'ok'));
      await refresh();
    } catch (error) {
      replace(status, message(error.message));
    }
  } }, field('Name', name), field('Serial number', serial), field('Tag code', tag),
  h('button', { type: 'submit' }, t('Register terminal')));

  replace(main, h('h1', {}, t('Terminals')), pairPanel, list, h('h2', {}, t('Register a terminal')), form, status);

  async function requestCode(terminal, kind) {
    replace(status);
    try {
      pairing = await api('POST', `/terminals/${terminal.Id}/${kind === 'async' ? 'pair-async-requests' : 'pair-requests'}`);
      pairing.name = terminal.Name;
      pairing.kind = kind;
      showPairing();
    } catch (error) {
      replace(status, message(error.message));
    }
  }

  // The same confirmation as PUT /api/pair/async/confirm: the terminal is paired with the
  // device that entered the code.
  async function confirmDevice(request, name) {
    replace(status);
    try {
      await api('POST', `/pair-async-requests/${request.PairAsyncRequestId}/confirm`);
      replace(status, message(t('{name} is paired with device {serial}.', { name, serial: request.SerialNo }), 'ok'));
      if (pairing && pairing.PairAsyncRequestId === request.PairAsyncRequestId) {
        pairing = { ...pairing, Status: 'Completed' };
        showPairing();
      }
      await refresh();
    } catch (error) {
      replace(status, message(error.message));
    }
  }

  function claimedBy(request) {
    return `${request.SerialNo}${request.Model ? ' (' + request.Model + ')' : ''}`;
  }

  async function unpair(terminal) {
    if (!confirm(t('Unpair {name}? Its device stops working until it is paired again.', { name: terminal.Name }))) return;
    try {
      await api('POST', `/terminals/${terminal.Id}/unpair`);
      await refresh();
    } catch (error) {
      replace(status, message(error.message));
    }
  }

  function showPairing() {
    if (!pairing) { replace(pairPanel); return; }
    const close = h('button', { type: 'button', className: 'link', onclick: () => { pairing = null; showPairing(); } }, t('Close'));
    if (pairing.Status === 'WaitingForConfirmation') {
      const request = pairing;
      replace(pairPanel, h('div', { className: 'card pair waiting', id: 'pair-result' },
        h('p', {}, t('Waiting for confirmation: device {device} entered the code for {name}.', { device: claimedBy(request), name: request.name })),
        h('button', { type: 'button', className: 'confirm-button', onclick: () => confirmDevice(request, request.name) }, t('Confirm')),
        close));
      return;
    }
    if (pairing.Status !== 'Pending') {
      replace(pairPanel, h('div', { className: 'card pair done', id: 'pair-result' },
        h('p', {}, pairing.Status === 'Completed' ? t('{name} is paired.', { name: pairing.name })
          : t('The pair code is: {status}.', { status: names.pairing(pairing.Status) })),
        close));
      return;
    }
    replace(pairPanel, h('div', { className: 'card pair' },
      h('div', {},
        h('p', { className: 'muted' }, pairing.kind === 'async' ? t('Async pair code for {name}', { name: pairing.name })
          : t('Pair code for {name}', { name: pairing.name })),
        h('p', { className: 'pair-code', id: 'pair-code', 'aria-live': 'polite' }, pairing.PairCode),
        h('p', { className: 'muted' }, t('Type it into the terminal before {time}.', { time: when(pairing.ExpiresDate) })
          + (pairing.kind === 'async' ? t(' You confirm the device here once it has.') : '')),
        close),
      h('img', { className: 'qr', alt: t('QR code of the pair code'), width: 180, height: 180,
        src: '/dashboard/api/terminals/pair-code.svg?code=' + encodeURIComponent(pairing.PairCode) })));
  }

  async function refresh() {
    const page = await api('GET', '/terminals?pageSize=100');
    if (changed(list, page)) replace(list, table(['Terminal', 'Serial', 'Number', 'Paired', 'Connection', 'Last seen', ''],
      page.Items.map(terminal => h('tr', { 'data-terminal-id': terminal.Id },
        h('td', {}, h('strong', {}, terminal.Name), terminal.Model ? h('div', { className: 'muted' }, terminal.Model) : null),
        h('td', {}, terminal.SerialNo),
        h('td', {}, terminal.TerminalId),
        h('td', {}, terminal.AwaitingConfirmation
          ? h('div', { className: 'awaiting' }, t('Waiting for confirmation'),
              h('div', { className: 'muted' }, t('Device {device}', { device: claimedBy(terminal.AwaitingConfirmation) })),
              h('button', { type: 'button', className: 'small confirm-button',
                onclick: () => confirmDevice(terminal.AwaitingConfirmation, terminal.Name) }, t('Confirm')))
          : terminal.IsPaired ? t('Yes') : t('No')),
        h('td', { className: 'online' }, h('span', { className: 'dot ' + (terminal.IsSocketConnected ? 'on' : 'off') }),
          terminal.IsSocketConnected ? t('Online') : t('Offline')),
        h('td', {}, when(terminal.LastSeenDate)),
        h('td', { className: 'actions' },
          h('button', { type: 'button', className: 'small pair-button', onclick: () => requestCode(terminal, 'sync') }, terminal.IsPaired ? t('New pair code') : t('Pair')),
          h('button', { type: 'button', className: 'small secondary async-pair-button', onclick: () => requestCode(terminal, 'async') }, t('Async code')),
          terminal.IsPaired ? h('button', { type: 'button', className: 'small secondary unpair-button', onclick: () => unpair(terminal) }, t('Unpair')) : null))),
      t('No terminals yet: register one below.')));
    if (pairing && (pairing.Status === 'Pending' || pairing.Status === 'WaitingForConfirmation')) {
      const latest = pairing.kind === 'async'
        ? await api('GET', `/pair-async-requests/${pairing.PairAsyncRequestId}`)
        : await api('GET', `/pair-requests/${pairing.PairRequestId}`);
      if (latest.Status !== pairing.Status) {
        pairing = { ...pairing, ...latest };
        showPairing();
      }
    }
  }

  await refresh();
  return { refresh };
}
