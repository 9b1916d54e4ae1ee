// Small DOM and API helpers. Every text goes through text nodes or attributes, never HTML.
// The helpers that take a fixed label (field, table's headers and empty text) write it in the
// current language (i18n.js), so pages pass the English text.
import { t, names, locale, language } from './i18n.js';

export function h(tag, attributes = {}, ...children) {
  const element = tag === 'svg' || attributes.svg
    ? document.createElementNS('http://www.w3.org/2000/svg', tag)
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'svg' || value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function s(tag, attributes = {}, ...children) {
  return h(tag, { ...attributes, svg: true }, ...children);
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export class ApiError extends Error {
  constructor(status, message, clientMessage) {
    super(message || `Request failed (${status})`);
    this.status = status;
    this.clientMessage = clientMessage;
  }
}

// timeZone: the business time zone the API writes its date-times in (the session's TimeZone).
export const session = { csrf: null, timeZone: null, onSignedOut: () => {} };

export async function api(method, path, body) {
  const headers = { locale: language, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session.csrf) headers['X-CSRF-Token'] = session.csrf;
  const response = await fetch('/dashboard/api' + path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body)
  });
  let envelope = null;
  try { envelope = await response.json(); } catch { /* not JSON */ }
  if (!response.ok || !envelope || !envelope.Succeeded) {
    if (response.status === 401 && path !== '/session') session.onSignedOut();
    throw new ApiError(response.status, envelope && envelope.Message, envelope && envelope.ClientMessage);
  }
  return envelope.Result;
}

export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

export function money(amount, currency) {
  if (amount === null || amount === undefined) return '';
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency: currency || 'TRY' }).format(amount);
  } catch {
    return `${amount} ${currency || ''}`.trim();
  }
}

/**
 * A date-time of the API (local to the business time zone) with its zone:
 * "2026-12-05 14:03:12 GMT+3". The one place the dashboard writes a time.
 */
export function when(localDateTime) {
  if (!localDateTime) return '–';
  const text = String(localDateTime).replace('T', ' ').replace(/\.\d+$/, '');
  const zone = zoneName(String(localDateTime), session.timeZone);
  return zone ? `${text} ${zone}` : text;
}

// The zone's offset name at that wall-clock time: the instant is found from the wall time and
// the zone's offset, looked at twice so that a time just after a clock change gets its own.
function zoneName(local, timeZone) {
  const parts = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(local);
  if (!parts || !timeZone) return null;
  try {
    const wall = Date.UTC(parts[1], parts[2] - 1, parts[3], parts[4], parts[5], parts[6] || 0);
    const wallOf = instant => {
      const fields = Object.fromEntries(formatter(timeZone, 'wall').formatToParts(instant).map(part => [part.type, part.value]));
      return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour % 24, fields.minute, fields.second);
    };
    const guess = wall - (wallOf(wall) - wall);
    const instant = wall - (wallOf(guess) - guess);
    return formatter(timeZone, 'zone').formatToParts(instant).find(part => part.type === 'timeZoneName').value;
  } catch {
    return timeZone;
  }
}

const formatters = new Map();
function formatter(timeZone, kind) {
  const key = `${timeZone} ${kind} ${locale()}`;
  if (!formatters.has(key)) {
    formatters.set(key, kind === 'wall'
      ? new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric' })
      : new Intl.DateTimeFormat(locale(), { timeZone, timeZoneName: 'shortOffset' }));
  }
  return formatters.get(key);
}

export function field(label, input) {
  return h('label', { className: 'field' }, h('span', {}, t(label)), input);
}

/**
 * A table of rows (tr elements). Each cell gets its column's header as data-label, which the
 * phone layout (dashboard.css) shows beside the value when rows become cards; a column with
 * an empty header (actions) has no label and spans the card.
 */
export function table(headers, rows, empty = t('Nothing yet.')) {
  const labels = headers.map(header => header ? t(header) : '');
  for (const row of rows) {
    if (!(row instanceof HTMLTableRowElement)) continue;
    [...row.cells].forEach((cell, index) => {
      if (labels[index]) cell.dataset.label = labels[index];
      else cell.classList.add('unlabelled');
    });
  }
  return h('div', { className: 'table-wrap' },
    h('table', {},
      h('thead', {}, h('tr', {}, labels.map(label => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length, className: 'muted empty' }, t(empty))))));
}

export function message(text, kind = 'error') {
  return h('p', { className: 'message ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}

// PaymentStatusId → the wire name (PaymentStatus); names.paymentStatus gives the human one.
export const STATUSES = {
  1: 'Generated', 2: 'SentToDevice', 3: 'CouldNotSendToDevice', 4: 'Successful', 5: 'Failed', 6: 'Unknown',
  7: 'PushNotificationFailed', 8: 'SocketNotificationFailed', 9: 'PushNotificationSent',
  10: 'SocketNotificationSent', 11: 'TakenByDevice', 12: 'Withdrawn'
};

export const CURRENCIES = { 1: 'TRY', 2: 'USD', 3: 'EUR', 4: 'BAM', 5: 'MKD', 6: 'ALL', 7: 'GBP' };

export function statusClass(statusId) {
  if (statusId === 4) return 'ok';
  if (statusId === 3 || statusId === 5 || statusId === 12) return 'bad';
  if (statusId === 6) return 'warn';
  return 'busy';
}

/** A payment status as a coloured badge with its human name (the wire name only for an unknown id). */
export function badge(statusId, name) {
  const label = names.paymentStatus(statusId);
  return h('span', { className: 'badge ' + statusClass(statusId) }, label === String(statusId) && name ? name : label);
}

export function today() {
  const now = new Date();
  const pad = n => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// Remembers the last data drawn into an element, so polling redraws only what changed.
const drawn = new WeakMap();
export function changed(element, data) {
  const text = JSON.stringify(data);
  if (drawn.get(element) === text) return false;
  drawn.set(element, text);
  return true;
}
