/* web/app.js -- the dateline dashboard: one page, views chosen by the URL's
 * hash (#/events?actor=IRN, #/article/1, ...), data from /api/.  Text from
 * the store only ever enters the page as textContent, never as markup. */
'use strict';

const $ = (sel, root = document) => root.querySelector(sel);

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

function link(hash, text) { return el('a', { href: '#' + hash, text }); }

function actorLink(name, code) {
  if (!name && !code) return el('span', { class: 'code', text: '—' });
  const key = code || name;
  return el('span', {}, link('/events?' + query({ actor: key }), name || code), ' ',
            code ? el('span', { class: 'code', text: code }) : null);
}

function goldsteinCell(g) {
  const v = Number(g || 0);
  return el('td', { class: 'num ' + (v < 0 ? 'neg' : v > 0 ? 'pos' : ''), text: v.toFixed(1) });
}

function fillForm(form, params) {
  for (const input of form.elements) if (input.name) input.value = params.get(input.name) || '';
}

function formParams(form) {
  const out = {};
  for (const input of form.elements) if (input.name && input.value.trim()) out[input.name] = input.value.trim();
  return out;
}

/* ---- events ------------------------------------------------------------- */

const PAGE = 50;

async function showEvents(params) {
  const form = $('#events-form');
  fillForm(form, params);
  const filters = formParams(form);
  const offset = Number(params.get('offset') || 0);
  const tbody = $('#events-table tbody');
  tbody.replaceChildren();
  status('events-status', 'Searching…');
  try {
    const r = await api('events', { ...filters, limit: PAGE, offset });
    for (const e of r.events) {
      tbody.append(el('tr', {},
        el('td', {}, e.date || ''),
        el('td', {}, actorLink(e.source_name, e.source_code)),
        el('td', {}, el('span', { class: 'code', text: e.cameo }), ' ', e.plover || ''),
        el('td', {}, actorLink(e.target_name, e.target_code)),
        goldsteinCell(e.goldstein),
        el('td', {}, link('/article/' + e.article_id + '?event=' + e.event_id, e.sentence || '(article)'))));
    }
    const n = r.paging.count;
    status('events-status', n ? `Events ${offset + 1}–${offset + n}${r.paging.more ? ' (more)' : ''}` : 'No events match.');
    const prev = $('#events-prev'), next = $('#events-next');
    prev.disabled = offset === 0;
    next.disabled = !r.paging.more;
    prev.onclick = () => go('/events?' + query({ ...filters, offset: Math.max(0, offset - PAGE) || '' }));
    next.onclick = () => go('/events?' + query({ ...filters, offset: r.paging.next_offset }));
  } catch (err) {
    status('events-status', err.message, true);
  }
}

/* ---- dyad timeline ------------------------------------------------------- */

let chart = null;

function periodStart(p, period) {
  if (!p) return null;
  const d = new Date(period === 'month' ? p + '-01T00:00:00Z' : p + 'T00:00:00Z');
  return isNaN(d) ? null : d.getTime() / 1000;
}

async function showTimeline(params) {
  const form = $('#timeline-form');
  fillForm(form, params);
  if (!form.elements.period.value) form.elements.period.value = 'week';
  const a = params.get('a') || '', b = params.get('b') || '';
  const period = form.elements.period.value;
  const tbody = $('#timeline-table tbody');
  tbody.replaceChildren();
  if (chart) { chart.destroy(); chart = null; }
  $('#timeline-chart').replaceChildren();
  if (!a && !b) { status('timeline-status', 'Name one or both sides of a dyad, e.g. IRNGOV and USA.'); return; }
  status('timeline-status', 'Loading…');
  try {
    const reqs = [api('timeline', { dyad: `${a}:${b}`, period, limit: 10000 })];
    if (a && b) reqs.push(api('timeline', { dyad: `${b}:${a}`, period, limit: 10000 }));
    const parts = await Promise.all(reqs);
    const rows = parts.flatMap(p => p.rows).filter(r => r.period);
    rows.sort((x, y) => x.period < y.period ? -1 : x.period > y.period ? 1 : 0);
    const ab = new Map(), ba = new Map(), counts = new Map();
    for (const r of rows) {
      const t = periodStart(r.period, period);
      if (t === null) continue;
      const forward = parts[0].rows.includes(r);
      const m = forward ? ab : ba;
      m.set(t, (m.get(t) || 0) + Number(r.goldstein || 0));
      counts.set(t, (counts.get(t) || 0) + Number(r.events || 0));
      tbody.append(el('tr', {}, el('td', { text: r.period }), el('td', { text: r.source || '' }),
        el('td', { text: r.target || '' }), el('td', { class: 'num', text: r.events }), goldsteinCell(r.goldstein)));
    }
    const xs = [...counts.keys()].sort((x, y) => x - y);
    status('timeline-status', xs.length
      ? `${rows.length} rows: Goldstein sum per ${period} (cooperation above zero, conflict below).`
      : 'No dated events for this dyad.');
    if (!xs.length || !window.uPlot) return;
    const box = $('#timeline-chart');
    const series = [{}, { label: `${a || 'any'} → ${b || 'any'}`, stroke: '#1f5fbf', width: 2, points: { show: true } }];
    const data = [xs, xs.map(x => ab.has(x) ? ab.get(x) : null)];
    if (a && b) {
      series.push({ label: `${b} → ${a}`, stroke: '#c0392b', width: 2, points: { show: true } });
      data.push(xs.map(x => ba.has(x) ? ba.get(x) : null));
    }
    series.push({ label: 'events', stroke: '#999', dash: [4, 4], scale: 'n' });
    data.push(xs.map(x => counts.get(x)));
    const width = Math.max(280, box.clientWidth - 2);
    chart = new uPlot({
      width, height: width < 500 ? 240 : 320, series,
      // one period alone: show a month either side rather than uPlot's guess
      scales: { x: xs.length === 1 ? { time: true, range: [xs[0] - 30 * 86400, xs[0] + 30 * 86400] } : { time: true } },
      axes: [{}, { label: 'Goldstein sum' }, { scale: 'n', side: 1, label: 'events', grid: { show: false } }],
    }, data, box);
  } catch (err) {
    status('timeline-status', err.message, true);
  }
}

/* ---- actor network -------------------------------------------------------- */

let cy = null;

async function showNetwork(params) {
  const form = $('#network-form');
  fillForm(form, params);
  if (cy) { cy.destroy(); cy = null; }
  status('network-status', 'Loading…');
  try {
    const r = await api('timeline', { ...formParams(form), period: 'month', limit: 10000 });
    const edges = new Map(), nodes = new Map();
    for (const row of r.rows) {
      if (!row.source || !row.target || row.source === row.target) continue;
      const key = row.source + '\u0000' + row.target;
      const e = edges.get(key) || { source: row.source, target: row.target, events: 0, goldstein: 0 };
      e.events += Number(row.events); e.goldstein += Number(row.goldstein || 0);
      edges.set(key, e);
      for (const n of [row.source, row.target]) nodes.set(n, (nodes.get(n) || 0) + Number(row.events));
    }
    status('network-status', `${nodes.size} actors, ${edges.size} directed dyads.`);
    if (!window.cytoscape || !nodes.size) return;
    const elements = [];
    for (const [id, n] of nodes) elements.push({ data: { id, label: id, weight: n } });
    let i = 0;
    for (const e of edges.values())
      elements.push({ data: { id: 'e' + i++, source: e.source, target: e.target, events: e.events,
        color: e.goldstein < 0 ? '#c0392b' : '#1c8a4a' } });
    cy = cytoscape({
      container: $('#network-graph'), elements,
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'background-color': '#1f5fbf',
          width: 'mapData(weight, 1, 30, 14, 44)', height: 'mapData(weight, 1, 30, 14, 44)', color: '#1d2330' } },
        { selector: 'edge', style: { width: 'mapData(events, 1, 10, 1, 7)', 'line-color': 'data(color)',
          'target-arrow-color': 'data(color)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: .8 } },
      ],
      layout: { name: 'cose', animate: false, randomize: false },
    });
    cy.on('tap', 'node', evt => go('/events?' + query({ actor: evt.target.id() })));
  } catch (err) {
    status('network-status', err.message, true);
  }
}

/* ---- quotes ----------------------------------------------------------------- */

async function showQuotes(params) {
  const form = $('#quotes-form');
  fillForm(form, params);
  const speaker = params.get('speaker') || '';
  const list = $('#quotes-list');
  list.replaceChildren();
  status('quotes-status', 'Loading…');
  try {
    const [sp, qs] = await Promise.all([api('speakers', { limit: 30 }),
      api('quotes', { speaker, limit: 200 })]);
    $('#speakers-list').replaceChildren(...sp.speakers.map(s => el('li', {},
      link('/quotes?' + query({ speaker: s.code && s.name ? s.name : (s.code || s.name) }), s.name),
      ' ', el('span', { class: 'code', text: `${s.code || ''} ${s.quotes}` }))));
    for (const q of qs.quotes) {
      list.append(el('li', {},
        el('strong', { text: q.speaker_name || 'unknown' }), ' ', el('span', { class: 'code', text: q.cue || '' }),
        el('blockquote', { text: q.text || '' }),
        el('span', { class: 'meta' }, q.date || '', ' · ', link('/article/' + q.article_id + '?quote=' + q.quote_id, 'article'))));
    }
    status('quotes-status', qs.quotes.length ? `${qs.quotes.length} quotes${speaker ? ' by ' + speaker : ''}.` : 'No quotes.');
  } catch (err) {
    status('quotes-status', err.message, true);
  }
}

/* ---- articles ------------------------------------------------------------------ */

async function showArticles() {
  const list = $('#articles-list');
  try {
    const r = await api('articles', { limit: 200 });
    list.replaceChildren(...r.articles.map(a => el('li', {},
      link('/article/' + a.id, a.title || '(untitled)'), ' ',
      el('span', { class: 'meta', text: `${a.published || ''} · ${a.events} events · ${a.quotes} quotes` }))));
  } catch (err) {
    list.replaceChildren(el('li', { text: err.message }));
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

async function showArticle(id, params) {
  $('#article-title').textContent = 'Loading…';
  for (const s of ['#article-body', '#article-actors', '#article-events', '#article-quotes']) $(s).replaceChildren();
  try {
    const r = await api('articles/' + encodeURIComponent(id));
    const a = r.article;
    $('#article-title').textContent = a.title || '(untitled)';
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
          title: `CAMEO ${e.cameo} ${e.plover || ''}: ${e.source_name || '?'} → ${e.target_name || '?'}` });
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
      el('span', { class: 'code', text: `${e.cameo} ${e.plover || ''} ${Number(e.goldstein).toFixed(1)}` +
        (e.n_sentences > 1 ? ` · ${e.n_sentences} sentences` : '') }), ' ',
      e.source_code && e.target_code ? link('/timeline?' + query({ a: e.source_code, b: e.target_code }), 'timeline') : null)));
    $('#article-quotes').replaceChildren(...r.quotes.map(q => el('li', {},
      el('a', { href: '#', onclick: ev => { ev.preventDefault(); flash('quote', q.quote_id); }, text: q.speaker_name || '?' }),
      ': ', (q.text || '').slice(0, 140))));
    for (const id of ['#article-actors', '#article-events', '#article-quotes'])
      if (!$(id).children.length) $(id).append(el('li', { class: 'meta', text: 'none' }));
    if (params.get('event')) flash('event', params.get('event'));
    else if (params.get('quote')) flash('quote', params.get('quote'));
  } catch (err) {
    $('#article-title').textContent = err.message;
  }
}

/* ---- routing ---------------------------------------------------------------------- */

function go(hash) { location.hash = '#' + hash; }

function route() {
  const raw = location.hash.replace(/^#/, '') || '/events';
  const [path, qs] = raw.split('?');
  const params = new URLSearchParams(qs || '');
  const parts = path.split('/').filter(Boolean);
  const view = parts[0] || 'events';
  const known = ['events', 'timeline', 'network', 'quotes', 'articles', 'article'];
  const name = known.includes(view) ? view : 'events';
  document.querySelectorAll('.view').forEach(v => { v.hidden = v.id !== 'view-' + name; });
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active',
    a.dataset.view === name || (name === 'article' && a.dataset.view === 'articles')));
  document.title = 'dateline · ' + name;
  if (name === 'events') showEvents(params);
  else if (name === 'timeline') showTimeline(params);
  else if (name === 'network') showNetwork(params);
  else if (name === 'quotes') showQuotes(params);
  else if (name === 'articles') showArticles();
  else showArticle(parts[1] || '', params);
}

function init() {
  $('#events-form').addEventListener('submit', ev => { ev.preventDefault(); go('/events?' + query(formParams(ev.target))); });
  $('#timeline-form').addEventListener('submit', ev => { ev.preventDefault(); go('/timeline?' + query(formParams(ev.target))); });
  $('#network-form').addEventListener('submit', ev => { ev.preventDefault(); go('/network?' + query(formParams(ev.target))); });
  $('#quotes-form').addEventListener('submit', ev => { ev.preventDefault(); go('/quotes?' + query(formParams(ev.target))); });
  window.addEventListener('hashchange', route);
  route();
}

document.addEventListener('DOMContentLoaded', init);
