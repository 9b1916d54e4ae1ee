// The screens of the virtual terminal. All data from the server reaches the page through
// textContent only.

import {LiveTerminal, PairingError, Progress, awaitConfirmation, claim, forgetPairing, heldOrders, pair, pairing,
    rememberSerialNo, serialNo} from './device.js';

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
});

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
        if (button.classList.contains('approve')) {
            terminal.decide(item.dataset.orderId, 'approved');
        } else if (button.classList.contains('decline')) {
            terminal.decide(item.dataset.orderId, 'declined');
        }
    });
    window.addEventListener('storage', event => {
        if (event.key && event.key.startsWith('kasa.vt.order.')) {
            renderOrders();
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
    renderOrders();
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
    return item;
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
