// Overview: today's sales by status, a chart of sales per minute, and the payments of the
// last 24 hours and 30 days by outcome: how many, and how much.
import { h, s, replace, api, money, badge, table, when, changed } from './dom.js';
import { stackedBars } from './charts.js';
import { t } from './i18n.js';

const OUTCOMES_MS = 30000;
const OUTCOMES = [
  { key: 'Successful', name: 'Successful', className: 'ok' },
  { key: 'Cancelled', name: 'Cancelled', className: 'warn' },
  { key: 'Failed', name: 'Failed', className: 'bad' },
  { key: 'Pending', name: 'Pending', className: 'busy' }
];

export async function render(main) {
  const cards = h('div', { className: 'cards', id: 'status-totals' });
  const chart = h('div', { className: 'chart card', id: 'per-minute' });
  const hours = h('select', { 'aria-label': t('Period') },
    [1, 3, 6, 12, 24].map(n => h('option', { value: n, selected: n === 3 }, t('last {hours} h', { hours: n }))));
  const heading = h('h1', {}, t('Today'));
  const outcomes = h('div', { id: 'outcome-charts', className: 'chart-grid' });
  replace(main, heading, cards,
    h('div', { className: 'row' }, h('h2', {}, t('Sales per minute')), hours), chart,
    h('h2', {}, t('Payments by outcome')), outcomes);

  // The outcome charts read 30 days: asked for at most every OUTCOMES_MS, not at every poll.
  let outcomesAsked = 0;
  async function refresh() {
    const now = Date.now();
    const askOutcomes = now - outcomesAsked >= OUTCOMES_MS;
    const [data, periods] = await Promise.all([api('GET', '/overview?hours=' + hours.value),
      askOutcomes ? api('GET', '/overview/outcomes') : null]);
    if (changed(cards, data)) {
      replace(heading, t('Today, {date}', { date: data.Date }));
      renderTotals(cards, data.ByStatus);
      renderChart(chart, data.PerMinute);
    }
    if (periods) {
      outcomesAsked = now;
      if (changed(outcomes, periods)) renderOutcomes(outcomes, periods);
    }
  }
  hours.addEventListener('change', refresh);
  await refresh();
  return { refresh };
}

function renderTotals(cards, totals) {
  const byStatus = new Map();
  for (const total of totals) {
    const entry = byStatus.get(total.PaymentStatusId) || { name: total.PaymentStatus, count: 0, amounts: [] };
    entry.count += total.Count;
    entry.amounts.push(money(total.Amount, total.Currency));
    byStatus.set(total.PaymentStatusId, entry);
  }
  const count = totals.reduce((sum, total) => sum + total.Count, 0);
  const children = [h('div', { className: 'card stat' }, h('span', { className: 'muted' }, t('Sales')), h('strong', {}, String(count)))];
  for (const [id, entry] of [...byStatus.entries()].sort((a, b) => a[0] - b[0])) {
    children.push(h('div', { className: 'card stat', 'data-status-id': id },
      badge(id, entry.name), h('strong', {}, String(entry.count)), h('span', {}, entry.amounts.join(' · '))));
  }
  replace(cards, children);
}

function renderChart(container, points) {
  const width = 720, height = 200, left = 32, bottom = 22, top = 8;
  const max = Math.max(1, ...points.map(point => point.Count));
  const step = (width - left) / Math.max(1, points.length);
  const y = value => top + (height - top - bottom) * (1 - value / max);
  const bars = points.map((point, index) => point.Count === 0 ? null : s('rect', {
    x: (left + index * step).toFixed(2), y: y(point.Count).toFixed(2),
    width: Math.max(1, step - 0.5).toFixed(2), height: (height - bottom - y(point.Count)).toFixed(2), className: 'bar'
  }, s('title', {}, `${when(point.Minute)}: ${point.Count}`)));
  const ticks = [];
  const every = Math.max(1, Math.round(points.length / 6));
  points.forEach((point, index) => {
    if (index % every === 0) {
      ticks.push(s('text', { x: left + index * step, y: height - 6, className: 'axis' }, String(point.Minute).slice(11, 16)));
    }
  });
  const total = points.reduce((sum, point) => sum + point.Count, 0);
  replace(container,
    s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': t('{total} sales in the period, at most {max} in a minute', { total, max }) },
      s('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, className: 'baseline' }),
      s('text', { x: 0, y: top + 10, className: 'axis' }, String(max)),
      s('text', { x: 0, y: height - bottom, className: 'axis' }, '0'),
      bars, ticks));
}

// Counts by outcome, and amounts by outcome in the currency most of the payments were in
// (the others are left out of that chart, and its title says which currency it shows).
function renderOutcomes(container, periods) {
  const all = [...periods.Hours, ...periods.Days].flatMap(period => period.Outcomes);
  const byCurrency = new Map();
  for (const total of all) byCurrency.set(total.Currency, (byCurrency.get(total.Currency) || 0) + total.Count);
  const currency = [...byCurrency.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] || 'TRY';
  const named = { Successful: t('Successful'), Cancelled: t('Cancelled'), Failed: t('Failed'), Pending: t('Pending') };
  const series = OUTCOMES.map(one => ({ ...one, name: named[one.key] }));
  const charts = [
    ['hours', t('last 24 hours'), periods.Hours, start => String(start).slice(11, 16), start => when(start).slice(0, 16)],
    ['days', t('last 30 days'), periods.Days, start => String(start).slice(5, 10), start => String(start).slice(0, 10)]
  ].flatMap(([key, span, list, tick, label]) => {
    const counts = list.map(period => ({ label: label(period.Start), tick: tick(period.Start), segments: sumBy(period.Outcomes, 'Count') }));
    const amounts = list.map(period => ({ label: label(period.Start), tick: tick(period.Start),
      segments: sumBy(period.Outcomes.filter(total => total.Currency === currency), 'Amount')
        .map(segment => ({ ...segment, text: money(segment.value, currency) })) }));
    const count = counts.reduce((sum, bar) => sum + bar.segments.reduce((n, segment) => n + segment.value, 0), 0);
    const successful = amounts.reduce((sum, bar) => sum + (bar.segments.find(segment => segment.key === 'Successful')?.value || 0), 0);
    return [
      h('div', { className: 'chart-' + key + '-count' }, stackedBars({
        title: t('Payments per {unit}, {span}', { unit: key === 'hours' ? t('hour') : t('day'), span }),
        description: t('{count} payments in the {span}, {summary}.', { count, span, summary: summary(counts, series) }),
        bars: counts, series })),
      h('div', { className: 'chart-' + key + '-amount' }, stackedBars({
        title: t('Volume per {unit} in {currency}, {span}', { unit: key === 'hours' ? t('hour') : t('day'), currency, span }),
        description: t('{amount} in successful payments in the {span}.', { amount: money(successful, currency), span }),
        bars: amounts, series, format: value => compact(value) }))
    ];
  });
  replace(container, charts);
}

function sumBy(totals, field) {
  const sums = new Map();
  for (const total of totals) sums.set(total.Outcome, (sums.get(total.Outcome) || 0) + Number(total[field]));
  return [...sums.entries()].map(([key, value]) => ({ key, value }));
}

function summary(bars, series) {
  const byOutcome = new Map();
  for (const bar of bars) for (const segment of bar.segments) byOutcome.set(segment.key, (byOutcome.get(segment.key) || 0) + segment.value);
  const parts = series.filter(one => byOutcome.get(one.key)).map(one => `${byOutcome.get(one.key)} ${one.name.toLocaleLowerCase()}`);
  return parts.length ? parts.join(', ') : t('none');
}

function compact(value) {
  return new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
