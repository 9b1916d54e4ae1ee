// The screens of the virtual terminal. All data from the server reaches the page through
// textContent only.

import {LiveTerminal, PairingError, Progress, awaitConfirmation, claim, forgetPairing, heldOrders, history, pair,
    pairing, rememberSerialNo, serialNo} from './device.js';

const $ = id => document.getElementById(id);

const STATE_TEXT = {connecting: 'Connecting', online: 'Online', offline: 'Offline'};

const terminal = new LiveTerminal({
    onState: showState,
    onOrders: renderOrders,
    onNotice: notice,
    onUnpaired: message => {
        showPairScreen();
        notice(message);
    },
    onTerminalName: showTerminalName,
    onFinished: showResult,
});

/** Orders whose Decline was pressed once: they ask for confirmation before anything is sent. */
const confirmingDecline = new Set();

let retryBlockedUntil = 0;

function start() {
    $('pair-form').addEventListener('submit', submitPairing);
    $('pair-code').addEventListener('input', event => {
        event.target.value = event.target.value.replace(/\D/g, '').slice(0, 6);
    });
    $('unpair-button').addEventListener('click', () => {
        terminal.stop();
        forgetPairing();
        showPairScreen();
        notice('This browser forgot its pairing. The terminal stays registered at the merchant.');
    });
    $('reconnect-button').addEventListener('click', () => {
        notice('');
        terminal.start();
    });
    $('orders').addEventListener('click', event => {
        const button = event.target.closest('button');
        const item = event.target.closest('li.order');
        if (!button || !item || button.disabled) {
            return;
        }
        const orderId = item.dataset.orderId;
        if (button.classList.contains('approve')) {
            terminal.decide(orderId, 'approved');
        } else if (button.classList.contains('decline')) {
            confirmingDecline.add(orderId);
            renderOrders();
            document.querySelector(`li.order[data-order-id="${CSS.escape(orderId)}"] .decline-kept`)?.focus();
        } else if (button.classList.contains('decline-confirmed')) {
            confirmingDecline.delete(orderId);
            terminal.decide(orderId, 'declined');
        } else if (button.classList.contains('decline-kept')) {
            confirmingDecline.delete(orderId);
            renderOrders();
        }
    });
    $('result-done').addEventListener('click', showPending);
    window.addEventListener('storage', event => {
        if (event.key && event.key.startsWith('kasa.vt.order.')) {
            renderOrders();
        }
        if (event.key === 'kasa.vt.history') {
            renderHistory();
        }
    });
    if (pairing()) {
        showLiveScreen();
    } else {
        showPairScreen();
        if (claim()) {
            waitForConfirmation(awaitConfirmation(showWaiting));
        }
    }
}

/** The device entered an async code: the merchant must confirm before it is paired (protocol §1.1). */
function showWaiting() {
    $('pair-error').hidden = true;
    $('pair-form').hidden = true;
    $('pair-waiting').hidden = false;
}

async function waitForConfirmation(paired) {
    try {
        await paired;
        notice('');
        showLiveScreen();
    } catch (e) {
        $('pair-form').hidden = false;
        pairError(e.message);
    } finally {
        $('pair-waiting').hidden = true;
    }
}

function showPairScreen() {
    $('live-screen').hidden = true;
    showTerminalName('');
    $('pair-screen').hidden = false;
    $('serial-no').value = serialNo();
    $('pair-code').value = '';
    $('pair-error').hidden = true;
    $('pair-waiting').hidden = true;
    $('pair-form').hidden = false;
    showState('offline', '');
    $('pair-code').focus();
}

function showLiveScreen() {
    const stored = pairing();
    $('pair-screen').hidden = true;
    $('live-screen').hidden = false;
    $('terminal-id').textContent = stored.terminalId;
    $('terminal-serial').textContent = stored.serialNo || serialNo();
    showTerminalName(stored.terminalName || '');
    showPending();
    renderOrders();
    renderHistory();
    terminal.start();
}

async function submitPairing(event) {
    event.preventDefault();
    const code = $('pair-code').value.trim();
    const serial = $('serial-no').value.trim();
    if (!/^\d{6}$/.test(code)) {
        return pairError('The pair code has exactly 6 digits.');
    }
    if (serial.length < 1 || serial.length > 50) {
        return pairError('The serial number has 1 to 50 characters.');
    }
    if (Date.now() < retryBlockedUntil) {
        return pairError(`Too many attempts. Try again in ${Math.ceil((retryBlockedUntil - Date.now()) / 1000)} s.`);
    }
    const button = $('pair-button');
    button.disabled = true;
    button.textContent = 'Pairing…';
    try {
        rememberSerialNo(serial);
        await pair(code, serial, showWaiting);
        notice('');
        showLiveScreen();
    } catch (e) {
        $('pair-form').hidden = false;
        $('pair-waiting').hidden = true;
        if (e instanceof PairingError && e.retryAfterSeconds) {
            retryBlockedUntil = Date.now() + e.retryAfterSeconds * 1000;
        }
        pairError(e.message);
    } finally {
        button.disabled = false;
        button.textContent = 'Pair';
    }
}

function pairError(message) {
    const element = $('pair-error');
    element.textContent = message;
    element.hidden = false;
}

function showState(state, detail) {
    const element = $('connection-state');
    element.textContent = STATE_TEXT[state];
    element.dataset.state = state;
    $('connection-detail').textContent = detail || '';
    $('reconnect-button').hidden = !(state === 'offline' && !terminal.running && pairing());
}

function notice(text) {
    const element = $('notice');
    element.textContent = text;
    element.hidden = !text;
}

function renderOrders() {
    const list = $('orders');
    const template = $('order-template');
    const orders = heldOrders();
    list.replaceChildren(...orders.map(held => orderItem(template, held)));
    $('no-orders').hidden = orders.length > 0;
}

function orderItem(template, held) {
    const order = held.order;
    const item = template.content.firstElementChild.cloneNode(true);
    item.dataset.orderId = order.orderId;
    item.dataset.paymentRequestId = order.paymentRequestId || '';
    item.dataset.progress = held.progress;
    item.classList.add(order.kind === 'cancel' ? 'cancel' : 'sale');
    item.querySelector('.display-code').textContent = order.displayCode || 'Order ' + order.orderId.slice(0, 8);
    item.querySelector('.amount').textContent = `${order.amount} ${order.currency}`;
    item.querySelector('.kind').textContent = order.kind;
    const customer = customerName(order.customer);
    item.querySelector('.customer').textContent = customer ? '· ' + customer : '';
    const products = item.querySelector('.products');
    for (const product of order.products || []) {
        const line = document.createElement('li');
        const name = document.createElement('span');
        name.textContent = `${product.name} × ${product.quantity}`;
        const amount = document.createElement('span');
        amount.textContent = product.amount;
        line.append(name, amount);
        products.append(line);
    }
    item.querySelector('.progress').textContent = progressText(held);
    const busy = Boolean(held.decision);
    for (const button of item.querySelectorAll('.actions button')) {
        button.disabled = busy;
    }
    const confirming = !busy && confirmingDecline.has(order.orderId);
    item.querySelector('.actions').hidden = confirming;
    item.querySelector('.confirm-decline').hidden = !confirming;
    item.querySelector('.confirm-text').textContent = order.kind === 'cancel'
        ? `Decline this cancel of ${order.amount} ${order.currency}? The sale stays as it is.`
        : `Decline this sale of ${order.amount} ${order.currency}? The customer is not charged.`;
    return item;
}

function showTerminalName(name) {
    $('terminal-name').textContent = name ? '· ' + name : '';
    $('terminal-name-detail').textContent = name || '–';
    document.title = name ? `${name} · Kasa terminal` : 'Kasa virtual terminal';
}

/** The outcome of the order just finished, in place of the pending list until the cashier moves on. */
function showResult(finished) {
    const approved = finished.result === 'approved';
    const screen = $('result-screen');
    screen.dataset.result = approved ? 'approved' : 'declined';
    screen.dataset.orderId = finished.orderId;
    const what = finished.kind === 'cancel' ? 'Cancel' : 'Sale';
    $('result-outcome').textContent = `${what} ${approved ? 'approved' : 'declined'}`;
    $('result-amount').textContent = `${finished.amount} ${finished.currency}`;
    $('result-detail').textContent = [
        finished.displayCode,
        approved && finished.maskedPan ? `card ${finished.maskedPan}` : null,
        approved && finished.authCode ? `auth ${finished.authCode}` : null,
        approved ? null : 'The customer was not charged.',
    ].filter(Boolean).join(' · ');
    screen.hidden = false;
    $('pending-screen').hidden = true;
    renderHistory();
    const waiting = heldOrders().length;
    $('result-done').textContent = waiting ? `Next order (${waiting} waiting)` : 'Back to orders';
    $('result-outcome').focus();
}

function showPending() {
    $('result-screen').hidden = true;
    $('pending-screen').hidden = false;
}

const FINISHED_TODAY = new Intl.DateTimeFormat(undefined,
    {hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short'});
const FINISHED_BEFORE = new Intl.DateTimeFormat(undefined,
    {month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short'});

/** When an order finished, in this browser's time zone, named; the day only when it was not today. */
function finishedAt(millis) {
    const at = new Date(millis);
    return (at.toDateString() === new Date().toDateString() ? FINISHED_TODAY : FINISHED_BEFORE).format(at);
}

function renderHistory() {
    const entries = history();
    const rows = entries.map(entry => {
        const row = document.createElement('tr');
        row.dataset.orderId = entry.orderId;
        row.dataset.result = entry.result;
        const approved = entry.result === 'approved';
        const cells = [
            finishedAt(entry.finishedAt),
            `${entry.amount} ${entry.currency}`,
            entry.displayCode || '–',
            (entry.kind === 'cancel' ? 'Cancel ' : '') + (approved ? 'approved' : 'declined'),
        ];
        const classes = ['time', 'money', 'code', 'result-cell'];
        cells.forEach((text, i) => {
            const cell = document.createElement('td');
            cell.className = classes[i];
            cell.textContent = i === 3 ? text.charAt(0).toUpperCase() + text.slice(1) : text;
            row.append(cell);
        });
        return row;
    });
    $('history').querySelector('tbody').replaceChildren(...rows);
    $('history').hidden = entries.length === 0;
    $('no-history').hidden = entries.length > 0;
}

function customerName(customer) {
    if (!customer) {
        return '';
    }
    return [customer.firstName, customer.middleName, customer.lastName].filter(Boolean).join(' ');
}

function progressText(held) {
    const verb = held.decision === 'approved' ? 'Approving' : 'Declining';
    switch (held.progress) {
        case Progress.TAKEN:
            return `${verb}: waiting for the server…`;
        case Progress.CHARGING:
            return held.decision ? `${verb}…` : 'In progress: report how it ended';
        case Progress.REPORTED:
            return held.outcome && held.outcome.result === 'approved'
                ? `Approved ${held.outcome.card.maskedPan}, auth ${held.outcome.card.authCode}: sending…`
                : 'Declined: sending…';
        default:
            return '';
    }
}

start();
