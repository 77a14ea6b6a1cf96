/* web/app.js -- the dateline dashboard: one page, views chosen by the URL's
 * hash (#/events?actor=IRN, #/article/1, ...), data from /api/, so every
 * view, with its filters and page, can be bookmarked and shared.  Text from
 * the store only ever enters the page as textContent, never as markup. */
'use strict';

const $ = (sel, root = document) => root.querySelector(sel);
const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
  return e;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
  return q.toString();
}

async function api(path, params) {
  const qs = params ? query(params) : '';
  const res = await fetch('/api/' + path + (qs ? '?' + qs : ''), { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => ({ error: { message: 'the reply is not JSON' } }));
  if (!res.ok) throw new Error((body.error && body.error.message) || res.statusText);
  return body;
}

function status(id, text, error) {
  const s = $('#' + id);
  s.textContent = text;
  s.classList.toggle('error', !!error);
}

function link(hash, text, attrs) { return el('a', { href: '#' + hash, text, ...(attrs || {}) }); }

const nf = new Intl.NumberFormat('en');
const fmt = n => nf.format(Number(n || 0));

/* ---- reference data: the CAMEO codebook and the world map ----------------- */

// /cameo.tsv is data/cameo/events.tsv, compiled in: code, name, goldstein,
// quad, plover, plover_mode
const codebook = { names: new Map(), roots: [], types: [], modes: new Map() };
let codebookReady = null;

function loadCodebook() {
  codebookReady = codebookReady || fetch('/cameo.tsv').then(r => r.text()).then(text => {
    const types = new Set();
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [code, name, , , plover, mode] = line.split('\t');
      codebook.names.set(code, name);
      if (code.length === 2) codebook.roots.push([code, name]);
      if (plover) types.add(plover);
      if (plover && mode) {
        const key = `${plover}/${mode}`;
        if (!codebook.modes.has(key)) codebook.modes.set(key, []);
        codebook.modes.get(key).push(code);
      }
    }
    codebook.types = [...types].sort();
    for (const sel of document.querySelectorAll('select[name=root]'))
      sel.append(...codebook.roots.map(([c, n]) => el('option', { value: c, text: `${c} ${n}` })));
    $('#events-form select[name=plover]').append(...codebook.types.map(t => el('option', { value: t, text: t })));
    $('#events-form select[name=mode]').append(...[...codebook.modes.keys()].sort().map(k =>
      el('option', { value: k, text: k.replace('/', ': ') })));
  }).catch(() => {});
  return codebookReady;
}

function cameoName(code) {
  for (let c = code || ''; c.length >= 2; c = c.slice(0, -1))
    if (codebook.names.has(c)) return codebook.names.get(c);
  return '';
}

let world = null;
function loadWorld() {
  world = world || fetch('/vendor/world.json').then(r => r.json());
  return world;
}
const countryNames = new Map();

function sideName(code) { return countryNames.get(code) || code; }

/* ---- forms and the URL ------------------------------------------------------ */

function fillForm(form, params) {
  for (const input of form.elements) {
    if (!input.name) continue;
    if (input.type === 'checkbox') input.checked = params.get(input.name) === input.value;
    else input.value = params.get(input.name) || '';
  }
}

function formParams(form) {
  const out = {};
  for (const input of form.elements) {
    if (!input.name) continue;
    if (input.type === 'checkbox') { if (input.checked) out[input.name] = input.value; }
    else if (input.value.trim()) out[input.name] = input.value.trim();
  }
  return out;
}

function go(hash) { location.hash = '#' + hash; }

/* Writes the view's effective state into the address without a reload, so
 * that what is shown (defaults included) can be shared as it is. */
function keepInUrl(path, params) {
  const hash = '#' + path + (query(params) ? '?' + query(params) : '');
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

function pager(prefix, params, paging, path) {
  const offset = Number(params.offset || 0);
  const prev = $(`#${prefix}-prev`), next = $(`#${prefix}-next`);
  prev.disabled = offset === 0;
  next.disabled = !paging.more;
  prev.onclick = () => go(path + '?' + query({ ...params, offset: Math.max(0, offset - paging.limit) || '' }));
  next.onclick = () => go(path + '?' + query({ ...params, offset: paging.next_offset }));
}

/* ---- shared pieces ------------------------------------------------------------ */

function actorLink(name, code, level) {
  if (!name && !code) return el('span', { class: 'code', text: '—' });
  return el('span', { class: 'actor' }, link('/events?' + query({ actor: code || name, level }), name || code), ' ',
            code ? el('span', { class: 'code', text: code }) : null);
}

function goldsteinCell(g, label) {
  const v = Number(g || 0);
  return el('td', { class: 'num ' + (v < 0 ? 'neg' : v > 0 ? 'pos' : ''), text: v.toFixed(1), 'data-label': label || 'Goldstein' });
}

function td(label, ...children) { return el('td', { 'data-label': label }, ...children); }

const QUAD = ['', 'verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
const QUAD_COLOURS = ['', '#7fbf7b', '#1b7837', '#f4a582', '#b2182b'];

function destroyCharts(list) { for (const c of list.splice(0)) c.destroy(); }

/* A Monday, a month or a day as seconds since 1970 (UTC); null when not a date. */
function periodStart(p, period) {
  if (!p) return null;
  const d = new Date(period === 'month' ? p + '-01T00:00:00Z' : p + 'T00:00:00Z');
  return isNaN(d) ? null : d.getTime() / 1000;
}

/* Every period from the first to the last, so that a period without events
 * is a gap in a line rather than a line drawn across it. */
function allPeriods(ts, period) {
  if (!ts.length) return [];
  const out = [];
  const d = new Date(ts[0] * 1000), end = ts[ts.length - 1];
  for (let i = 0; d.getTime() / 1000 <= end && i < 20000; i++) {
    out.push(d.getTime() / 1000);
    if (period === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + (period === 'week' ? 7 : 1));
  }
  return out.length < 20000 ? out : ts;
}

function periodEnd(p, period) {
  if (period !== 'week') return p;
  const d = new Date(p + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 6);
  return d.toISOString().slice(0, 10);
}

// whole numbers only on a count axis
const countAxis = { label: 'events', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 1e5, 2e5, 5e5, 1e6],
  values: (u, vals) => vals.map(v => Number.isInteger(v) ? fmt(v) : '') };

function chartWidth(box) { return Math.max(260, box.clientWidth - 2); }

/* ---- overview ----------------------------------------------------------------- */

const overviewCharts = [];

async function showOverview(params) {
  const form = $('#overview-form');
  fillForm(form, params);
  const filters = formParams(form);
  destroyCharts(overviewCharts);
  for (const s of ['#overview-chart', '#overview-map', '#overview-dyads tbody', '#overview-actors', '#overview-countries'])
    $(s).replaceChildren();
  status('overview-status', 'Loading…');
  try {
    const [o] = await Promise.all([api('overview', filters), loadWorld().then(learnNames).catch(() => null)]);
    const total = o.weeks.reduce((n, w) => n + w.events, 0) + o.undated;
    status('overview-status', `${fmt(total)} events` + (o.undated ? `, ${fmt(o.undated)} of them not dated to the week (no date, or a year or month only).` : '.'));
    drawWeeks(o.weeks, filters);
    drawDyads(o.dyads, filters);
    const trends = o.dyads.length ? api('timeline', { ...filters, level: 'country', period: 'month', limit: 10000,
      dyads: o.dyads.map(d => `${d.source}:${d.target}`).join(',') }) : null;
    $('#overview-countries').replaceChildren(...o.countries.slice(0, 12).map(c => el('li', {},
      link('/events?' + query({ ...filters, actor: c.code, level: 'country' }), sideName(c.code)), ' ',
      el('span', { class: 'code', text: `${c.code} · ${fmt(c.events)} events` }))));
    const w = await world;
    if (w) drawMap(w, o.countries, filters);
    // the dyads' monthly trends, one call for all of them
    if (trends) {
      const byDyad = new Map();
      for (const r of (await trends).rows) {
        if (!r.period) continue;
        const key = `${r.source}:${r.target}`;
        if (!byDyad.has(key)) byDyad.set(key, []);
        byDyad.get(key).push(r);
      }
      for (const cell of document.querySelectorAll('#overview-dyads td.trend a'))
        cell.replaceChildren(sparkline(byDyad.get(cell.dataset.dyad) || []));
    }
    // actor level needs every event, so it comes second
    const a = await api('actors', { ...filters, by: 'code', limit: 10 });
    $('#overview-actors').replaceChildren(...a.actors.map(x => el('li', {},
      link('/events?' + query({ ...filters, actor: x.code }), x.code), ' ',
      el('span', { class: 'code', text: `${countryNames.get(x.code.slice(0, 3)) || ''} · ${fmt(x.events)} events` }))));
  } catch (err) {
    status('overview-status', err.message, true);
  }
}

function drawWeeks(weeks, filters) {
  const box = $('#overview-chart');
  if (!weeks.length || !window.uPlot) { box.append(el('p', { class: 'hint', text: 'No dated events.' })); return; }
  const xs = weeks.map(w => periodStart(w.period, 'week'));
  // stacked: each series is the sum of its quad and those below it, drawn
  // from the top down so that each bar shows its own share
  const data = [xs];
  const series = [{}];
  for (let q = 4; q >= 1; q--) {
    data.push(weeks.map(w => { let s = 0; for (let k = 1; k <= q; k++) s += w['quad' + k]; return s; }));
    series.push({ label: QUAD[q], fill: QUAD_COLOURS[q], stroke: QUAD_COLOURS[q], width: 0,
      paths: uPlot.paths.bars({ size: [0.9, 40] }), points: { show: false },
      value: (u, v, si, i) => i === null ? '' : fmt(weeks[i]['quad' + q]) });
  }
  const width = chartWidth(box);
  const u = new uPlot({ width, height: width < 500 ? 220 : 280, series, cursor: { points: { show: false } },
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [{}, countAxis] }, data, box);
  overviewCharts.push(u);
  u.over.addEventListener('click', () => {
    const i = u.cursor.idx;
    if (i === null || i === undefined) return;
    go('/events?' + query({ ...filters, since: weeks[i].period, until: periodEnd(weeks[i].period, 'week') }));
  });
  u.over.style.cursor = 'pointer';
}

function sparkline(trend) {
  const w = 120, h = 28;
  const s = svg('svg', { width: w, height: h, viewBox: `0 0 ${w} ${h}`, class: 'spark', role: 'img' });
  if (!trend.length) return s;
  const ts = trend.map(p => periodStart(p.period, 'month'));
  const all = allPeriods(ts, 'month');
  const byT = new Map(trend.map((p, i) => [ts[i], p.goldstein]));
  const vals = trend.map(p => p.goldstein);
  const lo = Math.min(0, ...vals), hi = Math.max(0, ...vals), span = hi - lo || 1;
  const x = i => all.length > 1 ? (i / (all.length - 1)) * (w - 2) + 1 : w / 2;
  const y = v => h - 1 - ((v - lo) / span) * (h - 2);
  s.append(svg('line', { x1: 0, x2: w, y1: y(0), y2: y(0), class: 'zero' }));
  // months without events are gaps, not lines across them
  let d = '';
  all.forEach((t, i) => {
    if (!byT.has(t)) return;
    d += (i && byT.has(all[i - 1]) ? 'L' : 'M') + x(i).toFixed(1) + ',' + y(byT.get(t)).toFixed(1);
  });
  s.append(svg('path', { d, class: 'line' }));
  for (const [i, t] of all.entries())
    if (byT.has(t) && !(byT.has(all[i - 1]) || byT.has(all[i + 1])))
      s.append(svg('circle', { cx: x(i), cy: y(byT.get(t)), r: 1.5, class: 'dot' }));
  const title = svg('title');
  title.textContent = trend.map(p => `${p.period}: ${p.goldstein}`).join('\n');
  s.append(title);
  return s;
}

function drawDyads(dyads, filters) {
  const tbody = $('#overview-dyads tbody');
  if (!dyads.length) { tbody.append(el('tr', {}, el('td', { colspan: 7, text: 'No dyads.' }))); return; }
  for (const d of dyads) {
    const dyad = `${d.source}:${d.target}`;
    tbody.append(el('tr', {},
      td('Source', link('/events?' + query({ ...filters, dyad, level: 'country' }), sideName(d.source), { title: d.source })),
      td('Target', link('/events?' + query({ ...filters, dyad, level: 'country' }), sideName(d.target), { title: d.target })),
      el('td', { class: 'num', 'data-label': 'Events', text: fmt(d.events) }),
      el('td', { class: 'num', 'data-label': 'Cooperation', text: fmt(d.cooperation) }),
      el('td', { class: 'num', 'data-label': 'Conflict', text: fmt(d.conflict) }),
      goldsteinCell(d.goldstein),
      el('td', { class: 'trend', 'data-label': 'Trend' },
        el('a', { href: '#/timeline?' + query({ dyads: dyad, level: 'country', period: 'month' }), title: 'timeline', 'data-dyad': dyad }))));
  }
}

function learnNames(w) {
  for (const [code, name] of Object.entries(w.names || {})) countryNames.set(code, name);
}

function drawMap(w, countries, filters) {
  const counts = new Map(countries.map(c => [c.code, c.events]));
  const max = Math.max(1, ...countries.map(c => c.events));
  const m = svg('svg', { viewBox: `0 0 ${w.width} ${w.height}`, class: 'world', role: 'img', 'aria-label': 'events by country' });
  for (const c of w.countries) {
    const n = counts.get(c.id) || 0;
    // a log scale: one event is already visible, the busiest country darkest
    const shade = n ? 0.15 + 0.85 * Math.log(1 + n) / Math.log(1 + max) : 0;
    const path = svg('path', { d: c.d, class: n ? 'has' : 'none', 'data-code': c.id,
      style: null, fill: n ? `rgba(31, 95, 191, ${shade.toFixed(3)})` : null });
    const title = svg('title');
    title.textContent = `${c.name} (${c.id}): ${fmt(n)} events`;
    path.append(title);
    if (n) {
      const a = svg('a', { href: '#/events?' + query({ ...filters, actor: c.id, level: 'country' }) });
      a.append(path);
      m.append(a);
    } else {
      m.append(path);
    }
  }
  $('#overview-map').replaceChildren(m);
}

/* ---- events --------------------------------------------------------------- */

const PAGE = 50;

/* The API's filters for the form's: a PLOVER mode is the list of CAMEO
 * codes the codebook gives that mode (within the CAMEO prefix, if any). */
function eventFilters(form) {
  const f = formParams(form);
  if (f.mode) {
    const codes = (codebook.modes.get(f.mode) || []).filter(c => !f.cameo || c.startsWith(f.cameo));
    f.cameo = codes.length ? codes.slice(0, 16).join(',') : '00';
    delete f.mode;
  }
  return f;
}

async function showEvents(params) {
  const form = $('#events-form');
  await loadCodebook();
  fillForm(form, params);
  const shown = formParams(form);
  const filters = eventFilters(form);
  const offset = Number(params.get('offset') || 0);
  const tbody = $('#events-table tbody');
  tbody.replaceChildren();
  status('events-status', 'Searching…');
  for (const f of ['csv', 'jsonl', 'gdelt']) $('#download-' + f).href = '/api/events?' + query({ ...filters, format: f });
  try {
    const r = await api('events', { ...filters, limit: PAGE, offset });
    for (const e of r.events) {
      const name = cameoName(e.cameo);
      tbody.append(el('tr', {},
        el('td', { class: 'date', 'data-label': 'Date' }, e.date || el('span', { class: 'undated', text: 'undated' })),
        td('Source', actorLink(e.source_name, e.source_code, shown.level)),
        td('Event', el('span', { class: 'code', text: e.cameo }), ' ', el('span', { class: 'cameo-name', text: name }),
           e.plover ? el('span', { class: 'plover', text: e.plover }) : null),
        td('Target', actorLink(e.target_name, e.target_code, shown.level)),
        goldsteinCell(e.goldstein),
        el('td', { class: 'sentence', 'data-label': 'Sentence' },
           link('/article/' + e.article_id + '?event=' + e.event_id, e.sentence || '(article)'))));
    }
    const n = r.paging.count;
    status('events-status', n ? `Events ${fmt(offset + 1)}–${fmt(offset + n)}${r.paging.more ? ' (more)' : ''}` : 'No events match.');
    pager('events', { ...shown }, r.paging, '/events');
  } catch (err) {
    status('events-status', err.message, true);
  }
}

/* ---- timelines --------------------------------------------------------------- */

const timelineCharts = [];
const DYAD_COLOURS = ['#1f5fbf', '#c0392b', '#1c8a4a', '#8e44ad', '#d68910', '#117a8b'];

async function showTimeline(params) {
  const form = $('#timeline-form');
  fillForm(form, params);
  if (!form.elements.period.value) form.elements.period.value = 'week';
  const period = form.elements.period.value;
  let level = form.elements.level.value;
  let dyads = (params.get('dyads') || '').split(',').map(s => s.trim()).filter(s => s.includes(':')).slice(0, 6);
  const tbody = $('#timeline-table tbody');
  tbody.replaceChildren();
  destroyCharts(timelineCharts);
  $('#timeline-chart').replaceChildren();
  $('#timeline-goldstein').replaceChildren();
  $('#timeline-undated').textContent = '';
  status('timeline-status', 'Loading…');
  try {
    if (!dyads.length) {
      // nothing asked for: the two busiest dyads of countries, both ways
      const top = await api('dyads', { level: 'country', limit: 1 });
      if (!top.dyads.length) { status('timeline-status', 'No events yet.'); return; }
      const d = top.dyads[0];
      dyads = [`${d.source}:${d.target}`, `${d.target}:${d.source}`];
      level = 'country';
      fillForm(form, new URLSearchParams({ dyads: dyads.join(', '), level, period }));
    }
    keepInUrl('/timeline', { dyads: dyads.join(','), level, period });
    const parts = await Promise.all(dyads.map(dyad => api('timeline', { dyad, level, period, limit: 10000 })));
    const series = dyads.map((dyad, k) => {
      const m = new Map();
      let undated = 0;
      for (const r of parts[k].rows) {
        const t = periodStart(r.period, period);
        if (t === null) { undated += r.events; continue; }
        const cur = m.get(t) || { events: 0, cooperation: 0, conflict: 0, goldstein: 0, period: r.period };
        cur.events += r.events; cur.cooperation += r.cooperation; cur.conflict += r.conflict; cur.goldstein += Number(r.goldstein || 0);
        m.set(t, cur);
      }
      return { dyad, m, undated };
    });
    const ts = [...new Set(series.flatMap(s => [...s.m.keys()]))].sort((a, b) => a - b);
    const xs = allPeriods(ts, period);
    const nrows = series.reduce((n, s) => n + s.m.size, 0);
    status('timeline-status', nrows ? `${dyads.join(', ')}: events per ${period}${level === 'country' ? ' (countries)' : ''}; a period without events is a gap.` :
      `No events dated to the ${period} for ${dyads.join(', ')}.`);
    const undated = series.filter(s => s.undated);
    if (undated.length)
      $('#timeline-undated').textContent = 'Not drawn, as not dated to the ' + period + ': ' +
        undated.map(s => `${s.dyad} ${fmt(s.undated)} event${s.undated === 1 ? '' : 's'}`).join(', ') + '.';
    for (const s of series)
      for (const [t, r] of [...s.m.entries()].sort((a, b) => a[0] - b[0]))
        tbody.append(el('tr', {},
          td('Period', link('/events?' + query({ dyad: s.dyad, level, since: r.period, until: periodEnd(r.period, period) }), r.period)),
          td('Dyad', s.dyad),
          el('td', { class: 'num', 'data-label': 'Events', text: fmt(r.events) }),
          el('td', { class: 'num', 'data-label': 'Cooperation', text: fmt(r.cooperation) }),
          el('td', { class: 'num', 'data-label': 'Conflict', text: fmt(r.conflict) }),
          goldsteinCell(r.goldstein, 'Goldstein sum')));
    if (!xs.length || !window.uPlot) return;
    const one = xs.length === 1 ? { time: true, range: [xs[0] - 30 * 86400, xs[0] + 30 * 86400] } : { time: true };
    const cs = [{}], cd = [xs], gs = [{}], gd = [xs];
    series.forEach((s, k) => {
      const colour = DYAD_COLOURS[k % DYAD_COLOURS.length];
      cs.push({ label: `${s.dyad} cooperation`, stroke: colour, width: 2, points: { show: true, size: 5 }, spanGaps: false });
      cd.push(xs.map(x => s.m.has(x) ? s.m.get(x).cooperation : null));
      cs.push({ label: `${s.dyad} conflict`, stroke: colour, dash: [6, 4], width: 2, points: { show: true, size: 5 }, spanGaps: false });
      cd.push(xs.map(x => s.m.has(x) ? s.m.get(x).conflict : null));
      gs.push({ label: `${s.dyad} Goldstein sum`, stroke: colour, width: 2, points: { show: true, size: 5 }, spanGaps: false });
      gd.push(xs.map(x => s.m.has(x) ? Math.round(s.m.get(x).goldstein * 10) / 10 : null));
    });
    const box = $('#timeline-chart'), gbox = $('#timeline-goldstein');
    const width = chartWidth(box), height = width < 500 ? 220 : 280;
    timelineCharts.push(new uPlot({ width, height, series: cs,
      scales: { x: one, y: { range: (u, min, max) => [0, Math.max(1, max)] } }, axes: [{}, countAxis] }, cd, box));
    timelineCharts.push(new uPlot({ width, height, series: gs, scales: { x: one },
      axes: [{}, { label: 'Goldstein sum' }] }, gd, gbox));
    // for the browser tests: the first dyad's periods with events, the empty
    // periods between them (drawn as gaps), the count axis' ticks
    const first = cd[1].map((v, i) => v === null && cd[2][i] === null ? null : 1);
    const lo = first.indexOf(1), hi = first.lastIndexOf(1);
    const counts = timelineCharts[0];
    window.dlTimeline = { gaps: { points: first.filter(Boolean).length, nulls: lo < 0 ? 0 : first.slice(lo, hi + 1).filter(v => v === null).length },
      get ticks() { return counts.axes[1]._splits || []; } };
  } catch (err) {
    status('timeline-status', err.message, true);
  }
}

/* ---- network -------------------------------------------------------------------- */

let cy = null;

async function showNetwork(params) {
  const form = $('#network-form');
  await loadCodebook();
  fillForm(form, params);
  const f = formParams(form);
  const level = f.level === 'actor' ? 'actor' : 'country';
  const min = Math.max(1, Number(f.min || 1));
  if (cy) { cy.destroy(); cy = null; }
  $('#network-table tbody').replaceChildren();
  status('network-status', 'Loading…');
  try {
    const filters = { level, root: f.root, since: f.since, until: f.until };
    const [r] = await Promise.all([api('dyads', { ...filters, limit: 300 }), loadWorld().then(learnNames).catch(() => {})]);
    const edges = r.dyads.filter(d => d.events >= min && d.source !== d.target);
    const nodes = new Map();
    for (const e of edges) for (const n of [e.source, e.target]) nodes.set(n, (nodes.get(n) || 0) + e.events);
    status('network-status', `${nodes.size} ${level === 'country' ? 'countries and organisations' : 'actors'}, ${edges.length} directed dyads` +
      (min > 1 ? ` with at least ${min} events` : '') + (r.paging.more ? ' (the 300 busiest dyads)' : '') + '.');
    const lvl = level === 'country' ? 'country' : '';
    $('#network-table tbody').replaceChildren(...edges.map(e => el('tr', {},
      td('Source', link('/events?' + query({ ...filters, level: lvl, actor: e.source, since: f.since, until: f.until }), sideName(e.source), { title: e.source })),
      td('Target', link('/events?' + query({ ...filters, level: lvl, actor: e.target }), sideName(e.target), { title: e.target })),
      el('td', { class: 'num', 'data-label': 'Events' }, link('/events?' + query({ ...filters, level: lvl, dyad: `${e.source}:${e.target}` }), fmt(e.events))),
      goldsteinCell(e.goldstein / e.events, 'Mean Goldstein'))));
    if (!window.cytoscape || !nodes.size) return;
    const maxEvents = Math.max(...edges.map(e => e.events)), maxNode = Math.max(...nodes.values());
    const elements = [];
    for (const [id, n] of nodes) elements.push({ data: { id, label: level === 'country' ? sideName(id) : id, weight: n } });
    edges.forEach((e, i) => elements.push({ data: { id: 'e' + i, source: e.source, target: e.target, events: e.events,
      mean: Math.max(-10, Math.min(10, e.goldstein / e.events)) } }));
    const phone = window.innerWidth < 600;
    cy = cytoscape({
      container: $('#network-graph'), elements, minZoom: 0.2, maxZoom: 4,
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': phone ? 13 : 11, 'background-color': '#1f5fbf',
          width: `mapData(weight, 1, ${Math.max(2, maxNode)}, 12, 40)`, height: `mapData(weight, 1, ${Math.max(2, maxNode)}, 12, 40)`,
          color: '#1d2330', 'text-valign': 'bottom', 'text-margin-y': 3, 'text-background-color': '#fff',
          'text-background-opacity': 0.8, 'text-background-padding': 1, 'min-zoomed-font-size': 7 } },
        { selector: 'edge', style: { width: `mapData(events, 1, ${Math.max(2, maxEvents)}, 1, 9)`,
          'line-color': 'mapData(mean, -10, 10, #c0392b, #1c8a4a)', 'target-arrow-color': 'mapData(mean, -10, 10, #c0392b, #1c8a4a)',
          'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.85 } },
      ],
      // labels are part of each node's size, so the layout keeps them apart
      layout: { name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true, padding: 20,
        nodeRepulsion: () => 40000, idealEdgeLength: () => 90, nodeOverlap: 40, componentSpacing: 80, numIter: 1500 },
    });
    separateLabels(cy);
    cy.fit(undefined, 20);
    cy.on('tap', 'node', evt => go('/events?' + query({ ...filters, level: lvl, actor: evt.target.id() })));
    cy.on('tap', 'edge', evt => go('/events?' + query({ ...filters, level: lvl,
      dyad: `${evt.target.data('source')}:${evt.target.data('target')}` })));
    // on a phone the whole graph fits only at a zoom where labels cannot be
    // read: start readable, around the busiest node (pan for the rest; the
    // table below lists every dyad)
    if (phone && cy.zoom() < 0.9) {
      const busiest = cy.nodes().max(n => n.data('weight')).ele;
      cy.zoom(0.9);
      cy.center(busiest);
    }
    window.dlNetwork = cy;   // for the browser tests
  } catch (err) {
    status('network-status', err.message, true);
  }
}

/* The layout counts labels in a node's size but may still leave a few
 * boxes overlapping: push each overlapping pair apart along the axis where
 * they overlap least, until none does (or after 100 rounds). */
function separateLabels(cy) {
  const nodes = cy.nodes().toArray();
  for (let round = 0; round < 100; round++) {
    let moved = false;
    const boxes = nodes.map(n => n.boundingBox({ includeLabels: true, includeOverlays: false }));
    for (let i = 0; i < nodes.length; i++)
      for (let j = i + 1; j < nodes.length; j++) {
        const a = boxes[i], b = boxes[j];
        const dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1), dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
        if (dx <= 0 || dy <= 0) continue;
        const pa = nodes[i].position(), pb = nodes[j].position();
        const shift = (Math.min(dx, dy) + 2) / 2;
        if (dx < dy) {
          const s = pa.x <= pb.x ? 1 : -1;
          nodes[i].position({ x: pa.x - s * shift, y: pa.y });
          nodes[j].position({ x: pb.x + s * shift, y: pb.y });
        } else {
          const s = pa.y <= pb.y ? 1 : -1;
          nodes[i].position({ x: pa.x, y: pa.y - s * shift });
          nodes[j].position({ x: pb.x, y: pb.y + s * shift });
        }
        moved = true;
        boxes[i] = nodes[i].boundingBox({ includeLabels: true, includeOverlays: false });
        boxes[j] = nodes[j].boundingBox({ includeLabels: true, includeOverlays: false });
      }
    if (!moved) return;
  }
}

/* ---- quotes ------------------------------------------------------------------- */

async function showQuotes(params) {
  const form = $('#quotes-form');
  fillForm(form, params);
  const shown = formParams(form);
  const offset = Number(params.get('offset') || 0);
  const list = $('#quotes-list');
  list.replaceChildren();
  status('quotes-status', 'Loading…');
  try {
    const qs = await api('quotes', { speaker: shown.speaker, text: shown.text, order: shown.order || 'newest', limit: PAGE, offset });
    for (const q of qs.quotes) {
      list.append(el('li', {},
        el('strong', { text: q.speaker_name || 'unknown' }), ' ',
        q.speaker_code ? el('span', { class: 'badge', text: q.speaker_code }) : null, ' ',
        el('span', { class: 'code', text: q.cue || '' }),
        el('blockquote', { text: q.text || '' }),
        el('span', { class: 'meta' }, q.date || 'undated', ' · ', link('/article/' + q.article_id + '?quote=' + q.quote_id, 'in the article'))));
    }
    const n = qs.paging.count;
    status('quotes-status', n ? `Quotes ${fmt(offset + 1)}–${fmt(offset + n)}${qs.paging.more ? ' (more)' : ''}` +
      (shown.speaker ? ` by ${shown.speaker}` : '') + (shown.text ? ` with “${shown.text}”` : '') : 'No quotes match.');
    pager('quotes', shown, qs.paging, '/quotes');
    // counting every quote per speaker takes longer: after the quotes
    const sp = await api('speakers', { limit: 30 });
    $('#speakers-list').replaceChildren(...sp.speakers.map(s => el('li', {},
      link('/quotes?' + query({ speaker: s.code && s.name ? s.name : (s.code || s.name) }), s.name), ' ',
      s.code ? el('span', { class: 'badge', text: s.code }) : null, ' ', el('span', { class: 'code', text: fmt(s.quotes) }))));
  } catch (err) {
    status('quotes-status', err.message, true);
  }
}

/* ---- articles ------------------------------------------------------------------ */

async function showArticles(params) {
  const form = $('#articles-form');
  fillForm(form, params);
  const shown = formParams(form);
  const offset = Number(params.get('offset') || 0);
  const list = $('#articles-list');
  list.replaceChildren();
  status('articles-status', 'Loading…');
  try {
    const r = await api('articles', { ...shown, limit: PAGE, offset });
    list.replaceChildren(...r.articles.map(a => el('li', {},
      link('/article/' + a.id, a.title || '(untitled)'), ' ',
      el('span', { class: 'meta', text: `${(a.published || 'undated').slice(0, 10)} · ${a.site || ''}${a.site ? ' · ' : ''}${fmt(a.events)} events · ${fmt(a.quotes)} quotes` }))));
    const n = r.paging.count;
    status('articles-status', n ? `Articles ${fmt(offset + 1)}–${fmt(offset + n)}, newest first${r.paging.more ? ' (more)' : ''}` : 'No articles match.');
    pager('articles', shown, r.paging, '/articles');
  } catch (err) {
    status('articles-status', err.message, true);
  }
}

/* The body with its spans marked: spans are byte offsets into the UTF-8 text,
 * so the text is cut at every span boundary as bytes and each piece decoded. */
function markedBody(body, spans) {
  const bytes = new TextEncoder().encode(body);
  const dec = new TextDecoder();
  const cuts = new Set([0, bytes.length]);
  for (const s of spans) { cuts.add(Math.max(0, Math.min(s.start, bytes.length))); cuts.add(Math.max(0, Math.min(s.end, bytes.length))); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const text = dec.decode(bytes.subarray(a, b));
    const over = spans.filter(s => s.start <= a && s.end >= b);
    if (!over.length) { out.append(text); continue; }
    const span = el('span', { class: [...new Set(over.map(s => s.kind))].join(' ') }, text);
    for (const s of over) {
      span.dataset[s.kind] = s.id;
      if (s.kind === 'mention') span.dataset.actor = s.actor;
    }
    const title = over.map(s => s.title).filter(Boolean).join('\n');
    if (title) span.title = title;
    out.append(span);
  }
  return out;
}

function flash(kind, id) {
  const nodes = document.querySelectorAll(`#article-body [data-${kind}="${CSS.escape(String(id))}"]`);
  nodes.forEach(n => n.classList.add('flash'));
  if (nodes[0]) nodes[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
  setTimeout(() => nodes.forEach(n => n.classList.remove('flash')), 2000);
}

let articleRequest = 0;

async function showArticle(id, params) {
  // everything of the article shown before goes first: a missing article
  // must not appear under the previous one's byline
  const mine = ++articleRequest;
  $('#article-title').textContent = 'Loading…';
  $('#article-meta').textContent = '';
  $('#view-article .article-split').hidden = true;
  $('#view-article .legend').hidden = true;
  for (const s of ['#article-body', '#article-actors', '#article-events', '#article-quotes']) $(s).replaceChildren();
  try {
    await loadCodebook();
    const r = await api('articles/' + encodeURIComponent(id));
    if (mine !== articleRequest) return;   // another article was asked for meanwhile
    const a = r.article;
    $('#article-title').textContent = a.title || '(untitled)';
    $('#view-article .article-split').hidden = false;
    $('#view-article .legend').hidden = false;
    $('#article-meta').textContent = [a.published, a.dateline, (a.authors || []).join(', '), a.site, a.url || a.source]
      .filter(Boolean).join(' · ');
    const actors = new Map(r.actors.map(x => [x.id, x]));
    const spans = [];
    for (const m of r.mentions) {
      const act = actors.get(m.actor_id);
      spans.push({ kind: 'mention', id: m.actor_id, actor: act ? (act.code || act.name) : '', start: m.start, end: m.end,
        title: act ? `${act.name}${act.code ? ' (' + act.code + ')' : ''}` : '' });
    }
    for (const e of r.events)
      if (e.start !== null && e.end !== null)
        spans.push({ kind: 'event', id: e.event_id, start: e.start, end: e.end,
          title: `CAMEO ${e.cameo} ${cameoName(e.cameo)} (${e.plover || ''}): ${e.source_name || '?'} → ${e.target_name || '?'}` });
    for (const q of r.quotes)
      if (q.start !== null && q.end !== null)
        spans.push({ kind: 'quote', id: q.quote_id, start: q.start, end: q.end, title: `${q.speaker_name || '?'} ${q.cue || ''}` });
    const body = $('#article-body');
    body.append(markedBody(a.body || '', spans));
    body.onclick = ev => {
      const t = ev.target.closest('[data-actor]');
      if (t && t.dataset.actor) go('/events?' + query({ actor: t.dataset.actor }));
    };
    $('#article-actors').replaceChildren(...r.actors.map(x => el('li', {},
      el('a', { href: '#', onclick: ev => { ev.preventDefault(); flash('mention', x.id); }, text: x.name }), ' ',
      el('span', { class: 'code', text: [x.code, x.type].filter(Boolean).join(' ') }), ' ',
      x.code || x.name ? link('/events?' + query({ actor: x.code || x.name }), 'events') : null)));
    $('#article-events').replaceChildren(...r.events.map(e => el('li', {},
      el('a', { href: '#', onclick: ev => { ev.preventDefault(); flash('event', e.event_id); },
        text: `${e.source_name || '?'} → ${e.target_name || '?'}` }), ' ',
      el('span', { class: 'code', text: `${e.cameo} ${cameoName(e.cameo)} · ${e.plover || ''} ${Number(e.goldstein).toFixed(1)}` +
        (e.n_sentences > 1 ? ` · ${e.n_sentences} sentences` : '') }), ' ',
      e.source_code && e.target_code ? link('/timeline?' + query({ dyads: `${e.source_code}:${e.target_code}` }), 'timeline') : null)));
    $('#article-quotes').replaceChildren(...r.quotes.map(q => el('li', {},
      el('a', { href: '#', onclick: ev => { ev.preventDefault(); flash('quote', q.quote_id); }, text: q.speaker_name || '?' }),
      ': ', (q.text || '').slice(0, 140))));
    for (const s of ['#article-actors', '#article-events', '#article-quotes'])
      if (!$(s).children.length) $(s).append(el('li', { class: 'meta', text: 'none' }));
    if (params.get('event')) flash('event', params.get('event'));
    else if (params.get('quote')) flash('quote', params.get('quote'));
  } catch (err) {
    if (mine !== articleRequest) return;
    $('#article-title').textContent = err.message;
    $('#article-meta').textContent = '';
  }
}

/* ---- routing ---------------------------------------------------------------------- */

const views = { overview: showOverview, events: showEvents, timeline: showTimeline, network: showNetwork,
  quotes: showQuotes, articles: showArticles };

function route() {
  const raw = location.hash.replace(/^#/, '') || '/overview';
  const [path, qs] = raw.split('?');
  const params = new URLSearchParams(qs || '');
  const parts = path.split('/').filter(Boolean);
  const view = parts[0] || 'overview';
  const name = view in views || view === 'article' ? view : 'overview';
  document.querySelectorAll('.view').forEach(v => { v.hidden = v.id !== 'view-' + name; });
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active',
    a.dataset.view === name || (name === 'article' && a.dataset.view === 'articles')));
  document.title = 'dateline · ' + name;
  if (name === 'article') showArticle(parts[1] || '', params);
  else views[name](params);
}

function init() {
  const forms = { 'overview-form': '/overview', 'events-form': '/events', 'timeline-form': '/timeline',
    'network-form': '/network', 'quotes-form': '/quotes', 'articles-form': '/articles' };
  for (const [id, path] of Object.entries(forms))
    $('#' + id).addEventListener('submit', ev => { ev.preventDefault(); go(path + '?' + query(formParams(ev.target))); });
  loadCodebook();
  window.addEventListener('hashchange', route);
  route();
}

document.addEventListener('DOMContentLoaded', init);
