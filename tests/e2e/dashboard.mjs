// tests/e2e/dashboard.mjs -- the dashboard in a real browser: playwright-core
// driving Debian's chromium against a `dateline serve` on 127.0.0.1 over a
// store of the examples, the shared seed article and the 121 pages of the
// shared article-extraction benchmark (tests/cli/test_e2e.sh builds it).
// Every page is loaded at 1366x900 and at 390x844 (a phone); each check
// compares what the page shows with what the API answers, so the test holds
// whatever the coders find.  A screenshot of every page and size goes to
// SCREENSHOT_DIR; any console error or page error fails the run.
//     node dashboard.mjs BASE_URL SCREENSHOT_DIR
// Prints "N passed, N failed"; exits 1 on any failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, shots] = process.argv.slice(2);
let passed = 0, failed = 0;
function check(cond, what) {
  if (cond) passed++;
  else { failed++; console.error(`FAIL: ${what}`); }
}

async function apiGet(path) {
  const res = await fetch(base + '/api/' + path);
  return { status: res.status, body: await res.json() };
}

// every event the API gives for these filters, following its pages
async function allEvents(params) {
  const out = [];
  for (let offset = 0; ; ) {
    const { body } = await apiGet('events?' + new URLSearchParams({ ...params, limit: 1000, offset }));
    out.push(...body.events);
    if (!body.paging.more) return out;
    offset = body.paging.next_offset;
  }
}

// RFC 4180: quoted fields may hold commas, quotes (doubled) and newlines
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const statusOf = (page, id) => page.locator('#' + id).textContent();
const waitStatus = (page, id, re) => page.waitForFunction(([i, src]) =>
  new RegExp(src).test(document.querySelector('#' + i).textContent), [id, re.source]);

const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const profiles = [];
const errors = [];
const contexts = [];

// what the store holds, from the API, for the checks below
const codebook = new Map((await (await fetch(base + '/cameo.tsv')).text()).split('\n')
  .filter(l => l && !l.startsWith('#')).map(l => l.split('\t')).map(f => [f[0], f[1]]));
const everyEvent = await allEvents({});
const allIds = everyEvent.map(e => e.event_id);
const overview = (await apiGet('overview')).body;
// an event's side at the country level, as the store reads it (DL__STORE_COUNTRY_SIDE)
const countrySide = (e, s) => /^(IGO|NGO|IMG|MNC)/.test(e[s + '_code'] || '') ? e[s + '_code'] : (e[s + '_country'] || '');
// Which events are undated is the coders' call and changes with them: find,
// through the API, a country with dated and undated events (and where its
// first undated event stands), and a dyad of countries with events not dated
// to a month.
let undatedActor = null, undatedEvents = null, undatedDyad = null;
const notMonthly = everyEvent.filter(e => !e.date || e.date.length < 7);
for (const c of new Set(notMonthly.filter(e => !e.date).flatMap(e => [countrySide(e, 'source'), countrySide(e, 'target')]))) {
  if (!c) continue;
  const evs = await allEvents({ actor: c, level: 'country' });
  if (evs.some(e => e.date)) { undatedActor = c; undatedEvents = evs; break; }
}
for (const e of notMonthly) {
  const [s, t] = [countrySide(e, 'source'), countrySide(e, 'target')];
  if (!s || !t) continue;
  const rows = (await apiGet(`timeline?dyad=${s}:${t}&level=country&period=month`)).body.rows;
  if (rows.some(r => !r.period)) { undatedDyad = `${s}:${t}`; break; }
}

// and a dyad of countries with events in two months or more that are not
// all next to each other: its monthly timeline must leave gaps
let sparseDyad = null;
{
  const months = new Map();
  for (const e of everyEvent) {
    const [s, t] = [countrySide(e, 'source'), countrySide(e, 'target')];
    if (!s || !t || !e.date || e.date.length < 7) continue;
    const m = Number(e.date.slice(0, 4)) * 12 + Number(e.date.slice(5, 7));
    const k = `${s}:${t}`;
    if (!months.has(k)) months.set(k, new Set());
    months.get(k).add(m);
  }
  for (const [k, set] of months) {
    const v = [...set].sort((a, b) => a - b);
    if (v.length >= 2 && v[v.length - 1] - v[0] >= v.length) { sparseDyad = k; break; }
  }
}

try {
  for (const [label, viewport] of [['laptop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const phone = label === 'phone';
    const profile = mkdtempSync(join(tmpdir(), 'dateline-e2e-'));
    profiles.push(profile);
    const ctx = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, timeout: 60000,
      args: flags, viewport, isMobile: phone, hasTouch: phone, acceptDownloads: true,
    });
    contexts.push(ctx);
    const page = ctx.pages()[0] || await ctx.newPage();
    page.setDefaultTimeout(20000);
    page.on('pageerror', e => errors.push(`${label}: ${e.message}`));
    // the one error a page must log: the 404 of the missing article asked for below
    page.on('console', m => {
      if (m.type() === 'error' && !(m.location().url || '').endsWith('/api/articles/99999'))
        errors.push(`${label} console: ${m.text()} (${m.location().url || ''})`);
    });
    const foreign = [];
    page.on('request', r => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });
    const noSideScroll = async what => {
      if (!phone) return;
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(overflow <= 1, `phone: no horizontal scroll on ${what} (${overflow}px)`);
    };
    const shot = name => page.screenshot({ path: join(shots, `${label}-${name}.png`), fullPage: !phone || name !== 'network' });

    // ---- overview (the first page)
    const resp = await page.goto(base + '/', { waitUntil: 'load' });
    check(resp.status() === 200, `${label}: / answers 200`);
    check((resp.headers()['content-security-policy'] || '').includes("script-src 'self'"), `${label}: CSP on /`);
    await waitStatus(page, 'overview-status', /events/);
    await page.waitForSelector('#overview-map svg path.has');
    await page.waitForSelector('#overview-actors li');
    const total = overview.weeks.reduce((n, w) => n + w.events, 0) + overview.undated;
    check(total === allIds.length, `${label}: the overview counts every event (${total} of ${allIds.length})`);
    check((await statusOf(page, 'overview-status')).startsWith(`${total} events`), `${label}: overview total shown`);
    check(await page.locator('#overview-chart canvas').count() > 0, `${label}: weekly chart drawn`);
    const dyadRows = await page.locator('#overview-dyads tbody tr').count();
    check(dyadRows === Math.min(10, overview.dyads.length) && dyadRows > 0, `${label}: top dyads (${dyadRows})`);
    const top = overview.countries[0];
    check(await page.locator(`#overview-map path[data-code="${top.code}"]`).count() === 1, `${label}: busiest country ${top.code} on the map`);
    const firstCountry = await page.locator('#overview-countries li a').first().textContent();
    check(firstCountry === 'United States' && top.code === 'USA', `${label}: the busiest country is named (${firstCountry})`);
    await page.waitForFunction(n => document.querySelectorAll('#overview-dyads tbody tr svg.spark').length === n, dyadRows);
    const trendDots = await page.locator('#overview-dyads tbody tr svg.spark').evaluateAll(ss => ss.map(s => s.querySelectorAll('path.line, circle.dot').length));
    const months = (await apiGet('timeline?level=country&period=month&limit=10000&dyads=' +
      overview.dyads.slice(0, dyadRows).map(d => `${d.source}:${d.target}`).join(','))).body.rows.filter(r => r.period);
    const dated = overview.dyads.slice(0, dyadRows).map(d => months.some(r => r.source === d.source && r.target === d.target));
    check(trendDots.length === dyadRows && trendDots.every((n, i) => (n > 0) === dated[i]) && dated.some(Boolean),
          `${label}: every top dyad with dated events has its trend (${trendDots.join(' ')})`);
    await noSideScroll('the overview');
    await shot('overview');
    // a country on the map links to its events at the country level
    await page.goto(base + '/#/overview');
    await page.waitForSelector('#overview-map svg a');
    const mapHref = await page.locator('#overview-map a:has(path[data-code="USA"])').getAttribute('href');
    check(mapHref === '#/events?actor=USA&level=country', `${label}: map links into the events (${mapHref})`);

    // ---- events: CAMEO names, dates that do not wrap, undated last, downloads
    await page.goto(base + '/#/events?actor=USA&level=country');
    await waitStatus(page, 'events-status', /Events \d|No events/);
    const usa = await allEvents({ actor: 'USA', level: 'country' });
    const rows = page.locator('#events-table tbody tr');
    check(await rows.count() === Math.min(50, usa.length) && usa.length > 5, `${label}: USA events listed (${usa.length})`);
    const e0 = usa[0];
    check(await rows.first().locator('.cameo-name').textContent() === codebook.get(e0.cameo),
          `${label}: the CAMEO name beside ${e0.cameo} (${codebook.get(e0.cameo)})`);
    if (!phone) {
      const heights = await page.locator('#events-table tbody td.date').evaluateAll(tds => tds.map(td => {
        // the lines of the cell's text: one rectangle per line it takes
        const text = td.firstChild.nodeType === Node.TEXT_NODE ? td.firstChild : td.firstChild.firstChild;
        const r = document.createRange(); r.selectNodeContents(text); return r.getClientRects().length; }));
      check(heights.every(n => n === 1), `${label}: dates never wrap (${Math.max(...heights)} lines at most)`);
    } else {
      const box = await page.locator('#events-table tbody td.sentence').first().boundingBox();
      check(box && box.x >= 0 && box.x + box.width <= 391 && box.width > 200, `phone: the sentence is on screen as a card (${JSON.stringify(box)})`);
    }
    // the CSV download holds exactly the rows the API gives for the filters
    const csvHref = await page.locator('#download-csv').getAttribute('href');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    const csv = parseCsv(await (await fetch(base + csvHref)).text());
    const header = csv[0], id = header.indexOf('event_id'), cameoCol = header.indexOf('cameo');
    const csvRows = csv.slice(1);
    check(download.suggestedFilename() === 'events.csv', `${label}: the download is events.csv`);
    check(csvRows.length === usa.length && csvRows.every((r, i) => Number(r[id]) === usa[i].event_id && r[cameoCol] === usa[i].cameo),
          `${label}: CSV download equals the API's rows (${csvRows.length} and ${usa.length})`);
    const gdelt = (await (await fetch(base + csvHref.replace('format=csv', 'format=gdelt'))).text()).trimEnd().split('\n');
    check(gdelt.length === usa.length && gdelt.every(l => l.split('\t').length === 61), `${label}: GDELT download, 61 columns a row`);
    await noSideScroll('the events');
    await shot('events');
    // hiding undated events, and every filter in the URL
    await page.check('#events-form input[name=dated]');
    await page.selectOption('#events-form select[name=quad]', '1');
    await page.click('#events-form button[type=submit]');
    await page.waitForFunction(() => location.hash.includes('dated=1') && location.hash.includes('quad=1'));
    await waitStatus(page, 'events-status', /Events \d|No events/);
    const coop = usa.filter(e => e.quad === 1 && e.date);
    check(await rows.count() === Math.min(50, coop.length) && !(await page.locator('#events-table .undated').count()),
          `${label}: quad 1, undated hidden (${coop.length})`);
    // undated events last: the page from the last dated event of a country
    check(undatedActor !== null, `${label}: a country with dated and undated events`);
    if (undatedActor) {
      const k = undatedEvents.findIndex(e => !e.date);
      check(undatedEvents.slice(k).every(e => !e.date), `${label}: the API puts undated events last (${undatedActor})`);
      await page.goto(base + `/#/events?actor=${undatedActor}&level=country&offset=${k - 1}`);
      await waitStatus(page, 'events-status', /Events \d|No events/);
      await page.waitForSelector('#events-table tbody tr');
      const dates = await page.locator('#events-table tbody td.date').allTextContents();
      check(dates.length === Math.min(50, undatedEvents.length - k + 1) && dates[0] !== 'undated' &&
            dates.slice(1).every(d => d === 'undated'),
            `${label}: undated events come last (${undatedActor}: ${undatedEvents.length - k} of ${undatedEvents.length})`);
    }
    // PLOVER type and mode, minimum confidence
    await page.goto(base + '/#/events?plover=CONSULT&mode=' + encodeURIComponent('CONSULT/visit') + '&min_confidence=0.5');
    await waitStatus(page, 'events-status', /Events \d|No events/);
    const visits = await allEvents({ cameo: '042', plover: 'CONSULT', min_confidence: 0.5 });
    const codes = (await page.locator('#events-table tbody td[data-label=Event] .code').allTextContents());
    check(visits.length > 0 && codes.length === visits.length && codes.every(c => c === '042'),
          `${label}: PLOVER mode visit is CAMEO 042 (${codes.length} rows, ${visits.length} from the API)`);
    // a hostile search string is shown as text, never run
    await page.goto(base + '/#/events?actor=' + encodeURIComponent('<img src=x onerror=window.pwned=1>'));
    await waitStatus(page, 'events-status', /No events|Events/);
    check(await page.evaluate(() => window.pwned === undefined), `${label}: script-like search does not run`);
    check(await page.locator('#events-form input[name=actor]').inputValue() === '<img src=x onerror=window.pwned=1>',
          `${label}: hostile value kept as text`);

    // ---- timelines: gaps, whole-number ticks, two series and the Goldstein sum, undated counted
    await page.goto(base + '/#/timeline');
    await waitStatus(page, 'timeline-status', /events per|No events/);
    check(/dyads=/.test(page.url()) && /level=country/.test(page.url()), `${label}: the default timeline is in the URL (${page.url()})`);
    await page.goto(base + '/#/timeline?dyads=RUS:UKR,USA:RUS&level=country&period=month');
    await waitStatus(page, 'timeline-status', /events per month/);
    await page.waitForSelector('#timeline-goldstein canvas');
    const chart = await page.evaluate(() => ({ legend: document.querySelector('#timeline-chart').textContent }));
    check(chart.legend.includes('RUS:UKR cooperation') && chart.legend.includes('RUS:UKR conflict') &&
          chart.legend.includes('USA:RUS conflict'), `${label}: cooperation and conflict of both dyads in the legend`);
    check(sparseDyad !== null, `${label}: a dyad of countries with events in months apart`);
    if (sparseDyad) {
      await page.goto(base + `/#/timeline?dyads=${sparseDyad}&level=country&period=month`);
      await waitStatus(page, 'timeline-status', /events per month/);
      await page.waitForSelector('#timeline-goldstein canvas');
      const sparse = (await apiGet(`timeline?dyad=${sparseDyad}&level=country&period=month`)).body.rows.filter(r => r.period);
      const gaps = await page.evaluate(() => window.dlTimeline && window.dlTimeline.gaps);
      check(sparse.length >= 2 && gaps && gaps.points === sparse.length && gaps.nulls > 0,
            `${label}: a sparse timeline leaves gaps (${sparseDyad}: ${JSON.stringify(gaps)}, ${sparse.length} months with events)`);
    }
    const ticks = await page.evaluate(() => window.dlTimeline.ticks);
    check(ticks.length > 1 && ticks.every(Number.isInteger), `${label}: whole-number count ticks (${ticks.join(' ')})`);
    await noSideScroll('the timeline');
    await shot('timeline');
    // a dyad whose events are not dated to the period: counted and named below the chart
    check(undatedDyad !== null, `${label}: a dyad of countries with events not dated to a month`);
    if (undatedDyad) {
      await page.goto(base + `/#/timeline?dyads=${undatedDyad}&level=country&period=month`);
      await waitStatus(page, 'timeline-status', new RegExp(undatedDyad));
      const undatedRows = (await apiGet(`timeline?dyad=${undatedDyad}&level=country&period=month`)).body.rows.filter(r => !r.period);
      const undatedText = await page.locator('#timeline-undated').textContent();
      check(undatedRows.length === 1 && undatedText.includes(`${undatedDyad} ${undatedRows[0].events} event`),
            `${label}: undated events counted below the chart (${undatedDyad}: ${undatedText})`);
    }

    // ---- network: countries by default, USAGOV folded into USA; actors on demand
    await page.goto(base + '/#/network');
    await waitStatus(page, 'network-status', /directed dyads/);
    await page.waitForFunction(() => window.dlNetwork && window.dlNetwork.nodes().length > 0);
    const ids = await page.evaluate(() => window.dlNetwork.nodes().map(n => n.id()));
    check(ids.includes('USA') && !ids.includes('USAGOV') && ids.every(i => /^([A-Z]{3}|(IGO|NGO|IMG|MNC)[A-Z]+)$/.test(i)),
          `${label}: country nodes only by default (${ids.join(' ')})`);
    const countryDyads = (await apiGet('dyads?level=country&limit=300')).body.dyads.filter(d => d.source !== d.target);
    check(await page.locator('#network-table tbody tr').count() === countryDyads.length, `${label}: one row per country dyad (${countryDyads.length})`);
    const overlaps = await page.evaluate(() => {
      const boxes = window.dlNetwork.nodes().map(n => n.boundingBox({ includeLabels: true, includeOverlays: false }));
      let n = 0;
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) n++;
      }
      return n;
    });
    check(overlaps === 0, `${label}: no two nodes with their labels overlap (${overlaps} pairs)`);
    await noSideScroll('the network');
    await shot('network');
    // an edge links to its events
    const edge = await page.evaluate(() => { const e = window.dlNetwork.edges()[0]; e.emit('tap'); return `${e.data('source')}:${e.data('target')}`; });
    await page.waitForFunction(() => location.hash.startsWith('#/events'));
    check(page.url().includes('dyad=' + encodeURIComponent(edge)) && page.url().includes('level=country'), `${label}: an edge opens its events (${page.url()})`);
    await page.goto(base + '/#/network?level=actor&min=2');
    await waitStatus(page, 'network-status', /actors, \d+ directed/);
    const actorIds = await page.evaluate(() => window.dlNetwork ? window.dlNetwork.nodes().map(n => n.id()) : []);
    check(actorIds.some(i => i.length > 3), `${label}: actors on demand (${actorIds.slice(0, 8).join(' ')})`);
    check(await page.locator('#network-form select[name=level]').inputValue() === 'actor', `${label}: network state from the URL`);

    // ---- quotes: paging, search by speaker and words, newest first
    const quotes = (await apiGet('quotes?limit=1000&order=newest')).body;
    await page.goto(base + '/#/quotes');
    await waitStatus(page, 'quotes-status', /Quotes \d/);
    check(await page.locator('#quotes-list li').count() === 50 && quotes.quotes.length > 50, `${label}: 50 quotes a page`);
    const firstDate = await page.locator('#quotes-list li .meta').first().textContent();
    check(firstDate.startsWith(quotes.quotes[0].date || 'undated'), `${label}: newest quote first (${firstDate})`);
    await page.click('#quotes-next');
    await waitStatus(page, 'quotes-status', /Quotes 51/);
    check(page.url().includes('offset=50'), `${label}: the quote page is in the URL`);
    await page.waitForSelector('#speakers-list li');
    await page.goto(base + '/#/quotes?speaker=zelensky&text=sanctions');
    await waitStatus(page, 'quotes-status', /Quotes \d|No quotes/);
    const zq = await page.locator('#quotes-list blockquote').allTextContents();
    check(zq.length >= 1 && zq.every(t => /sanctions/i.test(t)), `${label}: quotes by speaker and words (${zq.length})`);
    await noSideScroll('the quotes');
    await shot('quotes');

    // ---- articles: newest first, search, paging
    await page.goto(base + '/#/articles');
    await waitStatus(page, 'articles-status', /Articles \d/);
    check(await page.locator('#articles-list li').count() === 50, `${label}: 50 articles a page`);
    await page.fill('#articles-form input[name=text]', 'trump');
    await page.click('#articles-form button[type=submit]');
    await waitStatus(page, 'articles-status', /Articles \d|No articles/);
    const titles = await page.locator('#articles-list li a').allTextContents();
    check(titles.length > 0 && titles.every(t => /trump/i.test(t)), `${label}: articles by words of the title (${titles.length})`);
    check(page.url().includes('text=trump'), `${label}: the article search is in the URL`);
    await noSideScroll('the articles');
    await shot('articles');

    // ---- article page, reached from an event
    await page.goto(base + '/#/events?actor=khamenei');
    await page.waitForSelector('#events-table tbody tr');
    await page.locator('#events-table tbody tr td.sentence a').first().click();
    await page.waitForFunction(() => document.querySelector('#article-title').textContent === 'Not Even a Single American Soldier');
    const seedId = page.url().match(/#\/article\/(\d+)/)[1];
    const seed = (await apiGet('articles/' + seedId)).body;
    // the list shows what the API holds for the article, restated acts once
    const most = Math.max(...seed.events.map(e => e.n_sentences));
    check((await page.locator('#article-events li').count()) === seed.events.length, `${label}: every event of the article listed (${seed.events.length})`);
    check(most >= 2 && (await page.locator('#article-events li', { hasText: `${most} sentences` }).count()) >= 1,
          `${label}: a restated act counts its sentences (${most})`);
    check(await page.locator('#article-body .flash').count() > 0, `${label}: the chosen event is marked`);
    check(await page.locator('#article-body .mention').count() > 10, `${label}: actor highlights`);
    await noSideScroll('the article');
    await shot('article');
    // the stale-article bug: a missing article shows nothing of the one before
    await page.goto(base + '/#/article/99999');
    await page.waitForFunction(() => /no article/.test(document.querySelector('#article-title').textContent));
    check(await page.locator('#article-meta').textContent() === '' && await page.locator('#article-body').isHidden(),
          `${label}: a missing article shows no byline, URL or body of another`);
    // an actor highlight links to its events
    await page.goto(base + `/#/article/${seedId}`);
    await page.waitForSelector('#article-body [data-actor="IRQGOV"]');
    await page.locator('#article-body [data-actor="IRQGOV"]').first().click();
    await page.waitForFunction(() => location.hash.includes('actor=IRQGOV'));
    check(true, `${label}: actor highlight links to events`);

    // an article with markup in its title and text shows it as text
    await page.goto(base + '/#/articles?text=tehran');
    await page.waitForSelector('#articles-list li');
    const hostile = page.locator('#articles-list a', { hasText: 'onerror' });
    if (await hostile.count()) {
      await hostile.first().click();
      await page.waitForFunction(() => document.querySelector('#article-title').textContent.includes('Tehran'));
      check((await page.locator('#article-title').textContent()).includes('<script>'), `${label}: markup in a title shown as text`);
      check(await page.locator('#article-body img, #article-body script, #article-body b, #article-title img').count() === 0,
            `${label}: no elements made from stored text`);
      check(await page.evaluate(() => window.pwned === undefined), `${label}: stored markup does not run`);
    } else {
      check(false, `${label}: the hostile article was not stored`);
    }
    check(foreign.length === 0, `${label}: no request leaves the server (${foreign.join(' ')})`);
    await ctx.close();
  }
  check(errors.length === 0, `no console or page errors: ${errors.join(' | ')}`);
} catch (e) {
  failed++;
  console.error('FAIL: ' + (e && e.stack || e));
} finally {
  for (const c of contexts) await c.close().catch(() => {});
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
