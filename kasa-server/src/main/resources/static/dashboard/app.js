// The dashboard shell: sign-in, navigation by hash and polling of the visible page.
import { h, replace, api, session, field, message } from './dom.js';
import * as overview from './overview.js';
import * as terminals from './terminals.js';
import * as payments from './payments.js';
import * as marketplace from './marketplace.js';
import * as operator from './operator.js';
import { t, language, setLanguage, LANGUAGES } from './i18n.js';

const POLL_MS = 2000;
const MERCHANT_PAGES = [['overview', 'Overview', overview], ['terminals', 'Terminals', terminals],
  ['payments', 'Payments', payments], ['marketplace', 'Marketplace', marketplace]];
const OPERATOR_PAGES = [['operator', 'Merchants & keys', operator]];

const main = document.getElementById('main');
let viewer = null;
let current = null;
let timer = null;

session.onSignedOut = () => { viewer = null; session.csrf = null; session.timeZone = null; show(); };

function pages() {
  return viewer && viewer.Role === 'Operator' ? OPERATOR_PAGES : MERCHANT_PAGES;
}

async function start() {
  try {
    viewer = await api('GET', '/session');
    signedIn(viewer);
  } catch {
    viewer = null;
  }
  window.addEventListener('hashchange', show);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
  document.getElementById('sign-out').addEventListener('click', signOut);
  show();
}

function signedIn(view) {
  session.csrf = view.CsrfToken;
  session.timeZone = view.TimeZone;
}

// The language switch: every page is drawn again in the chosen language, which is remembered.
function renderLanguages() {
  document.documentElement.lang = language;
  document.title = t('Kasa dashboard');
  document.getElementById('sign-out').textContent = t('Sign out');
  document.getElementById('nav').setAttribute('aria-label', t('Pages'));
  replace(document.getElementById('languages'), h('span', { className: 'switch', role: 'group', 'aria-label': t('Language') },
    Object.entries(LANGUAGES).map(([code, name]) => h('button', { type: 'button', lang: code, title: name,
      'data-language': code, 'aria-pressed': String(code === language), onclick: () => {
        if (code === language) return;
        setLanguage(code);
        show();
      } }, code.toUpperCase()))));
}

function stop() {
  clearInterval(timer);
  timer = null;
  current = null;
}

async function show() {
  stop();
  renderLanguages();
  const signedOut = !viewer;
  for (const id of ['nav', 'who', 'sign-out']) document.getElementById(id).hidden = signedOut;
  if (signedOut) {
    renderSignIn();
    return;
  }
  const [, name = '', ...rest] = location.hash.split('/');
  const available = pages();
  const page = available.find(([key]) => key === name);
  if (!page) {
    location.replace('#/' + available[0][0]);
    return;
  }
  replace(document.getElementById('nav'), available.map(([key, label]) =>
    h('a', { href: '#/' + key, 'aria-current': key === name ? 'page' : null }, t(label))));
  replace(document.getElementById('who'), viewer.Role === 'Operator' ? t('Operator') : viewer.MerchantName);
  const view = { main: h('section', { className: 'page', id: 'page-' + name }) };
  replace(main, view.main);
  try {
    current = await page[2].render(view.main, rest.map(decodeURIComponent)) || null;
  } catch (error) {
    view.main.append(message(error.message));
  }
  if (current && current.refresh) timer = setInterval(refresh, POLL_MS);
}

async function refresh() {
  if (!current || !current.refresh || document.hidden || current.busy) return;
  current.busy = true;
  try {
    await current.refresh();
  } catch {
    // the next tick tries again; a lost session shows the sign-in form
  } finally {
    if (current) current.busy = false;
  }
}

async function signOut() {
  try { await api('DELETE', '/session'); } catch { /* signed out either way */ }
  session.onSignedOut();
}

function renderSignIn() {
  const status = h('div');
  const client = h('input', { name: 'ApiClientPrivate', id: 'api-client-private', autocomplete: 'username', required: true });
  const key = h('input', { name: 'ApiKeyPrivate', id: 'api-key-private', type: 'password', autocomplete: 'current-password', required: true });
  const token = h('input', { name: 'AdminToken', id: 'admin-token', type: 'password', autocomplete: 'current-password', required: true });
  const submit = body => async event => {
    event.preventDefault();
    replace(status);
    try {
      viewer = await api('POST', '/session', body());
      signedIn(viewer);
      location.hash = viewer.Role === 'Operator' ? '#/operator' : '#/overview';
      show();
    } catch (error) {
      replace(status, message(error.status === 401 ? t('These credentials are not valid.') : error.message));
    }
  };
  replace(main, h('section', { className: 'sign-in' },
    h('h1', {}, t('Kasa dashboard')),
    h('form', { id: 'merchant-sign-in', className: 'card', onsubmit: submit(() => ({ ApiClientPrivate: client.value.trim(), ApiKeyPrivate: key.value.trim() })) },
      h('h2', {}, t('Merchant')),
      h('p', { className: 'muted' }, t('Sign in with your private key pair (apiclientprivate and apikeyprivate).')),
      field('Client', client), field('Key', key),
      h('button', { type: 'submit' }, t('Sign in'))),
    h('form', { id: 'operator-sign-in', className: 'card', onsubmit: submit(() => ({ AdminToken: token.value.trim() })) },
      h('h2', {}, t('Operator')),
      field('Admin token', token),
      h('button', { type: 'submit', className: 'secondary' }, t('Sign in as operator'))),
    status));
  client.focus();
}

start();
