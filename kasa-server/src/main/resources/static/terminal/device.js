// The device side of the Kasa device protocol (docs/device-protocol.md), as the reference
// agent kasa-terminal does it: pairing, the live connection, and the life of each order.
// Every step of an order is written to localStorage before the server hears of it, so a
// reload in the middle of a payment reports the outcome once the connection is back.

export const APP_VERSION = 'vt-1';
const MODEL = 'Browser';

const KEY_SERIAL = 'kasa.vt.serial';
const KEY_PAIRING = 'kasa.vt.pairing';
const KEY_CLAIM = 'kasa.vt.claim';
const CONFIRM_POLL_MS = 2_000;
const KEY_ORDER = 'kasa.vt.order.';
const KEY_HISTORY = 'kasa.vt.history';
/** How many finished orders this browser remembers for the cashier. */
export const HISTORY_SIZE = 10;

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;

/** Close codes after which the token is dead: the device needs a new pair code (§2.2). */
const UNPAIRED_CODES = new Set([4401, 4403]);
const REPLACED_CODE = 4409;

/** Progress of an order held here, as the agent's: received → taken → charging → reported. */
export const Progress = Object.freeze({
    RECEIVED: 'received',   // stored and acknowledged; nobody started it
    TAKEN: 'taken',         // the cashier decided; waiting for ack of "taken" before charging
    CHARGING: 'charging',   // the server recorded the take; the outcome is still to be decided
    REPORTED: 'reported',   // outcome stored and sent; waiting for ack of "outcome"
});

// ---------------------------------------------------------------- storage

export function serialNo() {
    let serial = localStorage.getItem(KEY_SERIAL);
    if (!serial) {
        serial = 'VT-' + randomChars('0123456789ABCDEF', 10);
        localStorage.setItem(KEY_SERIAL, serial);
    }
    return serial;
}

export function rememberSerialNo(serial) {
    localStorage.setItem(KEY_SERIAL, serial);
}

export function pairing() {
    return readJson(KEY_PAIRING);
}

/** Forgets the token, every order held for it and the orders it finished. */
export function forgetPairing() {
    localStorage.removeItem(KEY_PAIRING);
    localStorage.removeItem(KEY_HISTORY);
    for (const held of heldOrders()) {
        localStorage.removeItem(KEY_ORDER + held.order.orderId);
    }
}

function heldOrder(orderId) {
    return readJson(KEY_ORDER + orderId);
}

function storeOrder(held) {
    localStorage.setItem(KEY_ORDER + held.order.orderId, JSON.stringify(held));
}

function dropOrder(orderId) {
    localStorage.removeItem(KEY_ORDER + orderId);
}

/** Orders held here, by display code (absent last), then arrival — as the agent lists them. */
export function heldOrders() {
    const held = [];
    for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key && key.startsWith(KEY_ORDER)) {
            const value = readJson(key);
            if (value && value.order) {
                held.push(value);
            }
        }
    }
    return held.sort((a, b) => {
        const left = a.order.displayCode, right = b.order.displayCode;
        if (left && right && left !== right) {
            return left.localeCompare(right);
        }
        if (!left !== !right) {
            return left ? -1 : 1;
        }
        return a.arrival - b.arrival;
    });
}

/**
 * The last orders this terminal finished in this browser, newest first: when the server
 * acknowledged the outcome, the order's amount, code and kind, and how it ended.
 */
export function history() {
    const stored = readJson(KEY_HISTORY);
    return Array.isArray(stored) ? stored : [];
}

function remember(held) {
    const outcome = held.outcome || {};
    const entry = {
        orderId: held.order.orderId,
        finishedAt: Date.now(),
        amount: held.order.amount,
        currency: held.order.currency,
        displayCode: held.order.displayCode || null,
        kind: held.order.kind,
        result: outcome.result,
        maskedPan: outcome.card ? outcome.card.maskedPan : null,
        authCode: outcome.card ? outcome.card.authCode : null,
    };
    const kept = history().filter(old => old.orderId !== entry.orderId);
    localStorage.setItem(KEY_HISTORY, JSON.stringify([entry, ...kept].slice(0, HISTORY_SIZE)));
    return entry;
}

function readJson(key) {
    const text = localStorage.getItem(key);
    if (!text) {
        return null;
    }
    try {
        return JSON.parse(text);
    } catch {
        return null;
    }
}

// ---------------------------------------------------------------- pairing (§1)

export class PairingError extends Error {
    constructor(message, retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }
}

/**
 * Trades the code for a device token and stores the pairing; throws PairingError on refusal.
 * For an async code (§1.1) calls onWaiting() and waits, asking every 2 s, until the merchant
 * confirms; the claim is kept in localStorage meanwhile, so that a reload resumes the wait.
 */
export async function pair(code, serial, onWaiting) {
    let response;
    try {
        response = await fetch('/api/device/pair', {
            method: 'POST',
            headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
            body: JSON.stringify({PairCode: code, SerialNo: serial, Model: MODEL, AppVersion: APP_VERSION}),
        });
    } catch {
        throw new PairingError('The server cannot be reached. Check the network and try again.');
    }
    let envelope = null;
    try {
        envelope = await response.json();
    } catch {
        // the message below covers an answer that is not the envelope
    }
    if (response.status === 429) {
        const retryAfter = Math.max(1, parseInt(response.headers.get('Retry-After') || '60', 10) || 60);
        throw new PairingError(`${refusal(envelope, 'Too many attempts.')} Try again in ${retryAfter} s.`, retryAfter);
    }
    if (!response.ok || !envelope || !envelope.Succeeded || !envelope.Result) {
        throw new PairingError(refusal(envelope, `Pairing failed (HTTP ${response.status}).`));
    }
    const result = envelope.Result;
    if (result.Status === 'WaitingForConfirmation') {
        const claim = {terminalId: result.TerminalId, deviceToken: result.DeviceToken,
            statusPath: result.StatusPath || '/api/device/pair/status', serialNo: serial};
        localStorage.setItem(KEY_CLAIM, JSON.stringify(claim));
        return awaitConfirmation(onWaiting);
    }
    return storePairing(result, result.DeviceToken, serial);
}

function storePairing(result, deviceToken, serial) {
    const stored = {
        terminalId: result.TerminalId,
        terminalPairId: result.TerminalPairId,
        deviceToken: deviceToken,
        livePath: result.LivePath,
        serialNo: serial,
    };
    forgetPairing();
    localStorage.setItem(KEY_PAIRING, JSON.stringify(stored));
    return stored;
}

/** The async claim this browser waits to have confirmed, if any. */
export function claim() {
    return readJson(KEY_CLAIM);
}

/**
 * Asks where the stored claim stands until the merchant confirms (then stores the pairing)
 * or refuses it (then forgets the claim and throws PairingError). A lost network is retried.
 */
export async function awaitConfirmation(onWaiting) {
    const waiting = claim();
    if (!waiting) {
        throw new PairingError('No pair code is waiting for confirmation.');
    }
    if (onWaiting) {
        onWaiting(waiting);
    }
    for (;;) {
        await new Promise(resolve => setTimeout(resolve, CONFIRM_POLL_MS));
        let response;
        let envelope = null;
        try {
            response = await fetch(waiting.statusPath, {
                method: 'POST',
                headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
                body: JSON.stringify({DeviceToken: waiting.deviceToken}),
            });
            envelope = await response.json();
        } catch {
            continue;
        }
        if (response.ok && envelope && envelope.Succeeded && envelope.Result) {
            if (envelope.Result.Status === 'Paired') {
                localStorage.removeItem(KEY_CLAIM);
                return storePairing(envelope.Result, waiting.deviceToken, waiting.serialNo);
            }
            continue;
        }
        if (response.status >= 500 || response.status === 429) {
            continue;
        }
        localStorage.removeItem(KEY_CLAIM);
        throw new PairingError(refusal(envelope, `Pairing failed (HTTP ${response.status}).`));
    }
}

function refusal(envelope, fallback) {
    return (envelope && (envelope.Message || envelope.ClientMessage)) || fallback;
}

// ---------------------------------------------------------------- the live connection (§2, §3)

/**
 * Holds the live connection of the stored pairing and works the orders it carries.
 * Listeners: onState(state, detail), onOrders(), onNotice(text), onUnpaired(text).
 * States: 'connecting', 'online', 'offline'.
 */
export class LiveTerminal {

    constructor(listeners) {
        this.listeners = listeners;
        this.socket = null;
        this.attempt = 0;
        this.running = false;
        this.timers = new Set();
        this.heartbeat = null;
        this.retryTimer = null;
        this.welcomedAt = 0;
        this.heartbeatMs = 10_000;
        this.idleMs = 25_000;
        this.lastHeard = 0;
        this.pingId = 0;
    }

    start() {
        if (this.running) {
            return;
        }
        this.running = true;
        this.attempt = 0;
        this.connect();
    }

    /** Closes the connection for good (unpair, page leaving); the stored orders stay. */
    stop() {
        this.running = false;
        clearTimeout(this.retryTimer);
        this.abandon(1000, 'stopped');
        this.setState('offline', '');
    }

    connect() {
        const stored = pairing();
        if (!stored || !this.running) {
            return;
        }
        const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
        const socket = new WebSocket(`${scheme}//${location.host}${stored.livePath}`);
        this.socket = socket;
        this.welcomedAt = 0;
        this.setState('connecting', '');
        socket.onopen = () => {
            this.lastHeard = Date.now();
            this.send({type: 'hello', token: stored.deviceToken, appVersion: APP_VERSION});
            // Until welcome the idle rule still applies: a server that never answers is gone.
            this.startHeartbeat();
        };
        socket.onmessage = event => {
            if (socket === this.socket) {
                this.lastHeard = Date.now();
                this.receive(event.data);
            }
        };
        socket.onclose = event => {
            if (socket === this.socket) {
                this.dropped(event.code, event.reason);
            }
        };
        socket.onerror = () => {
            // a close event always follows; it decides what happens next
        };
    }

    /** Detaches the current socket so none of its late events count, and closes it. */
    abandon(code, reason) {
        this.stopHeartbeat();
        const socket = this.socket;
        this.socket = null;
        if (socket) {
            socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
            try {
                socket.close(code, reason);
            } catch {
                // already closed
            }
        }
    }

    dropped(code, reason) {
        const livedFullInterval = this.welcomedAt && Date.now() - this.welcomedAt >= this.heartbeatMs;
        this.abandon(1000, 'dropped');
        if (UNPAIRED_CODES.has(code)) {
            this.running = false;
            forgetPairing();
            this.setState('offline', '');
            this.listeners.onUnpaired(code === 4403
                ? 'This terminal was unpaired or paired again elsewhere. Enter a new pair code.'
                : 'The server refused this terminal\'s token. Enter a new pair code.');
            return;
        }
        if (code === REPLACED_CODE) {
            this.running = false;
            this.setState('offline', 'replaced by another connection');
            this.listeners.onNotice('This terminal was opened somewhere else: replaced by another connection.');
            return;
        }
        if (!this.running) {
            return;
        }
        if (livedFullInterval) {
            this.attempt = 0;
        }
        // Full jitter (§2.4): anywhere between 0 and the capped exponential bound.
        const bound = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
        const delay = Math.floor(Math.random() * bound);
        this.attempt++;
        this.setState('offline', `retrying in ${Math.ceil(delay / 1000)} s` + (reason ? ` (${reason})` : ''));
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.connect(), delay);
    }

    startHeartbeat() {
        this.stopHeartbeat();
        const tick = Math.min(this.heartbeatMs, 1000);
        let sinceLastPing = 0;
        this.heartbeat = setInterval(() => {
            if (Date.now() - this.lastHeard > this.idleMs) {
                // §2.3: a silent server is gone; abort and reconnect.
                this.dropped(4408, 'server silent');
                return;
            }
            sinceLastPing += tick;
            if (this.welcomedAt && sinceLastPing >= this.heartbeatMs) {
                sinceLastPing = 0;
                this.send({type: 'ping', id: String(++this.pingId)});
            }
        }, tick);
    }

    stopHeartbeat() {
        clearInterval(this.heartbeat);
        this.heartbeat = null;
    }

    send(message) {
        const socket = this.socket;
        if (socket && socket.readyState === WebSocket.OPEN) {
            socket.send(JSON.stringify(message));
            return true;
        }
        return false;
    }

    receive(text) {
        let message;
        try {
            message = JSON.parse(text);
        } catch {
            return;
        }
        switch (message.type) {
            case 'welcome':
                return this.welcome(message);
            case 'ping':
                return this.send(message.id === undefined ? {type: 'pong'} : {type: 'pong', id: message.id});
            case 'order':
                return this.order(message);
            case 'ack':
                return this.ack(message);
            case 'withdraw':
                return this.withdraw(message);
            case 'error':
                return this.listeners.onNotice(`Server refused a message: ${message.message || message.code}`);
            default:
                // pong and types of later versions need nothing
        }
    }

    welcome(message) {
        this.welcomedAt = Date.now();
        const stored = pairing();
        if (stored && message.terminalName && stored.terminalName !== message.terminalName) {
            // kept with the pairing, so the name shows while offline too
            localStorage.setItem(KEY_PAIRING, JSON.stringify({...stored, terminalName: message.terminalName}));
            this.listeners.onTerminalName(message.terminalName);
        }
        if (message.heartbeatSeconds > 0) {
            this.heartbeatMs = message.heartbeatSeconds * 1000;
        }
        if (message.idleTimeoutSeconds > 0) {
            this.idleMs = message.idleTimeoutSeconds * 1000;
        }
        this.startHeartbeat();
        this.setState('online', '');
        // §3.3: repeat every step the server has not acknowledged.
        for (const held of heldOrders()) {
            if (held.progress === Progress.REPORTED) {
                this.sendOutcome(held);
            } else if (held.progress === Progress.TAKEN) {
                this.send({type: 'taken', orderId: held.order.orderId});
            }
        }
    }

    order(message) {
        if (!message.orderId) {
            return;
        }
        const known = heldOrder(message.orderId);
        if (known) {
            // §3.2.1: acknowledged again, otherwise ignored — except that taken: true tells us
            // the server recorded a take whose ack we may have missed.
            if (message.taken && known.progress === Progress.TAKEN) {
                this.takeAcknowledged(known);
            }
            this.send({type: 'received', orderId: message.orderId});
            return;
        }
        const {type, ...order} = message;
        // An order re-sent as taken that we have no record of: the card may have been charged,
        // so the cashier reports what happened rather than starting it again.
        const held = {order, arrival: Date.now(), progress: message.taken ? Progress.CHARGING : Progress.RECEIVED};
        storeOrder(held);
        this.send({type: 'received', orderId: order.orderId});
        this.listeners.onOrders();
    }

    /** The cashier's decision on an order: 'approved' or 'declined'. */
    decide(orderId, result) {
        const held = heldOrder(orderId);
        if (!held || held.decision) {
            return;
        }
        held.decision = result;
        if (held.progress === Progress.RECEIVED) {
            held.progress = Progress.TAKEN;
            storeOrder(held);
            this.send({type: 'taken', orderId});
            this.listeners.onOrders();
        } else if (held.progress === Progress.CHARGING) {
            this.report(held);
        }
    }

    ack(message) {
        const held = heldOrder(message.orderId);
        if (!held) {
            return;
        }
        if (message.of === 'taken' && held.progress === Progress.TAKEN) {
            this.takeAcknowledged(held);
        } else if (message.of === 'outcome' && held.progress === Progress.REPORTED) {
            const finished = remember(held);
            dropOrder(held.order.orderId);
            this.listeners.onOrders();
            this.listeners.onFinished(finished);
        }
    }

    takeAcknowledged(held) {
        held.progress = Progress.CHARGING;
        if (held.decision) {
            this.report(held);
        } else {
            storeOrder(held);
            this.listeners.onOrders();
        }
    }

    /** Charges (here: makes up the card) and reports; the outcome is stored before it is sent. */
    report(held) {
        held.outcome = held.decision === 'approved' ? approval() : decline();
        held.progress = Progress.REPORTED;
        storeOrder(held);
        this.sendOutcome(held);
        this.listeners.onOrders();
    }

    sendOutcome(held) {
        this.send({type: 'outcome', orderId: held.order.orderId, ...held.outcome});
    }

    withdraw(message) {
        const held = heldOrder(message.orderId);
        // An order whose take the server acknowledged is being charged: only its outcome ends it.
        if (!held || held.progress === Progress.CHARGING || held.progress === Progress.REPORTED) {
            return;
        }
        dropOrder(held.order.orderId);
        const name = held.order.displayCode ? `${held.order.displayCode} ` : '';
        this.listeners.onNotice(`Order ${name}${held.order.amount} ${held.order.currency} was withdrawn`
            + (message.reason ? ` (${message.reason}).` : '.'));
        this.listeners.onOrders();
    }

    setState(state, detail) {
        this.listeners.onState(state, detail);
    }
}

// ---------------------------------------------------------------- the made-up acquirer

function approval() {
    return {
        result: 'approved',
        card: {
            maskedPan: '4111 11** **** ' + randomChars('0123456789', 4),
            brand: 'VISA',
            authCode: randomChars('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 6),
        },
        providerReference: 'VT' + randomChars('0123456789ABCDEF', 16),
    };
}

function decline() {
    return {result: 'declined', message: 'Declined at the terminal', providerReference: 'VT' + randomChars('0123456789ABCDEF', 16)};
}

function randomChars(alphabet, length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length));
    return Array.from(bytes, b => alphabet[b % alphabet.length]).join('');
}
