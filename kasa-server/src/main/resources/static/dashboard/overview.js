// Overview: today's sales by status and a chart of sales per minute.
import { h, s, replace, api, money, badge, table, when } from './dom.js';
import { t } from './i18n.js';

export async function render(main) {
  const cards = h('div', { className: 'cards', id: 'status-totals' });
  const chart = h('div', { className: 'chart card', id: 'per-minute' });
  const hours = h('select', { 'aria-label': t('Period') },
    [1, 3, 6, 12, 24].map(n => h('option', { value: n, selected: n === 3 }, t('last {hours} h', { hours: n }))));
  const heading = h('h1', {}, t('Today'));
  replace(main, heading, cards,
    h('div', { className: 'row' }, h('h2', {}, t('Sales per minute')), hours), chart);

  async function refresh() {
    const data = await api('GET', '/overview?hours=' + hours.value);
    replace(heading, t('Today, {date}', { date: data.Date }));
    renderTotals(cards, data.ByStatus);
    renderChart(chart, data.PerMinute);
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
