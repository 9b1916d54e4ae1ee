// Stacked bar charts as inline SVG: no library, no CDN. Each chart is an <svg role="img">
// with a <title> and a <desc> that say what it shows in words, a legend, and a <title> on
// every bar that a pointer or a screen reader can read. It scales to its box's width.
import { s, h } from './dom.js';

let charts = 0;

// bars: [{ label, tick, segments: [{ key, value, text }] }]; series: [{ key, name, className }].
export function stackedBars({ title, description, bars, series, format = String }) {
  const id = 'chart-' + (++charts);
  // Drawn small (360 units wide) so that its text stays readable when a phone shrinks it.
  const width = 360, height = 180, left = 34, right = 4, top = 10, bottom = 22;
  const totals = bars.map(bar => bar.segments.reduce((sum, segment) => sum + segment.value, 0));
  const max = Math.max(0, ...totals);
  const scale = max > 0 ? max : 1;
  const step = (width - left - right) / Math.max(1, bars.length);
  const y = value => top + (height - top - bottom) * (1 - value / scale);
  const rects = [];
  bars.forEach((bar, index) => {
    let base = 0;
    for (const one of series) {
      const segment = bar.segments.find(candidate => candidate.key === one.key);
      if (!segment || segment.value <= 0) continue;
      const from = y(base), to = y(base + segment.value);
      rects.push(s('rect', {
        x: (left + index * step + 1).toFixed(2), y: to.toFixed(2),
        width: Math.max(1, step - 2).toFixed(2), height: Math.max(0.5, from - to).toFixed(2),
        className: 'bar ' + one.className, 'data-series': one.key
      }, s('title', {}, `${bar.label} · ${one.name}: ${segment.text || format(segment.value)}`)));
      base += segment.value;
    }
  });
  const ticks = [];
  const every = Math.max(1, Math.ceil(bars.length / 5));
  bars.forEach((bar, index) => {
    if (index % every === 0) {
      ticks.push(s('text', { x: (left + index * step).toFixed(2), y: height - 6, className: 'axis' }, bar.tick));
    }
  });
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-title ${id}-desc` },
    s('title', { id: `${id}-title` }, title),
    s('desc', { id: `${id}-desc` }, description),
    s('line', { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, className: 'baseline' }),
    s('text', { x: 0, y: top + 10, className: 'axis' }, format(max)),
    s('text', { x: 0, y: height - bottom, className: 'axis' }, format(0)),
    rects, ticks);
  const legend = h('ul', { className: 'legend' }, series.map(one =>
    h('li', {}, h('span', { className: 'swatch ' + one.className, 'aria-hidden': 'true' }), one.name)));
  return h('figure', { className: 'chart card', id }, h('figcaption', {}, title), svg, legend);
}
