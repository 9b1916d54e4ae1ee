// Small DOM and API helpers. Every text goes through text nodes or attributes, never HTML.

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

export const session = { csrf: null, onSignedOut: () => {} };

export async function api(method, path, body) {
  const headers = { locale: 'en', Accept: 'application/json' };
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
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'TRY' }).format(amount);
  } catch {
    return `${amount} ${currency || ''}`.trim();
  }
}

export function when(localDateTime) {
  if (!localDateTime) return '–';
  return String(localDateTime).replace('T', ' ').replace(/\.\d+$/, '');
}

export function field(label, input) {
  return h('label', { className: 'field' }, h('span', {}, label), input);
}

export function table(headers, rows, empty = 'Nothing yet.') {
  return h('div', { className: 'table-wrap' },
    h('table', {},
      h('thead', {}, h('tr', {}, headers.map(header => h('th', { scope: 'col' }, header)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length, className: 'muted' }, empty)))));
}

export function message(text, kind = 'error') {
  return h('p', { className: 'message ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}

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

export function badge(statusId, name) {
  return h('span', { className: 'badge ' + statusClass(statusId) }, name || STATUSES[statusId] || String(statusId));
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
