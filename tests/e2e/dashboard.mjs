// tests/e2e/dashboard.mjs -- the dashboard in a real browser: playwright-core
// driving Debian's chromium against a `dateline serve` on 127.0.0.1 over a
// store seeded with the shared seed article.  Searches for events, opens the
// dyad timeline, the actor network, the quotes and the article page, saves a
// screenshot of each (laptop and phone sizes) and checks what is on the page.
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

// a fresh profile per run; launchPersistentContext passes it to chromium as
// --user-data-dir (playwright refuses that flag in args)
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const profiles = [];
const errors = [];
const contexts = [];
try {
  for (const [label, viewport] of [['laptop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
    const profile = mkdtempSync(join(tmpdir(), 'dateline-e2e-'));
    profiles.push(profile);
    const ctx = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, timeout: 60000,
      args: flags, viewport, isMobile: label === 'phone', hasTouch: label === 'phone',
    });
    contexts.push(ctx);
    const page = ctx.pages()[0] || await ctx.newPage();
    page.setDefaultTimeout(15000);
    page.on('pageerror', e => errors.push(`${label}: ${e.message}`));
    page.on('console', m => { if (m.type() === 'error') errors.push(`${label} console: ${m.text()}`); });
    // nothing may leave the server: no CDN, no other origin
    const foreign = [];
    page.on('request', r => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });

    // ---- events search
    const resp = await page.goto(base + '/', { waitUntil: 'load' });
    check(resp.status() === 200, `${label}: / answers 200`);
    check((resp.headers()['content-security-policy'] || '').includes("script-src 'self'"), `${label}: CSP on /`);
    await page.fill('#events-form input[name=actor]', 'IRNGOV');
    await page.fill('#events-form input[name=cameo]', '04');
    await page.click('#events-form button[type=submit]');
    await page.waitForFunction(() => /Events \d/.test(document.querySelector('#events-status').textContent));
    const rows = await page.locator('#events-table tbody tr').count();
    check(rows > 0, `${label}: events found for IRNGOV / 04 (${rows})`);
    const firstCode = await page.locator('#events-table tbody tr td:nth-child(3) .code').first().textContent();
    check(firstCode.startsWith('04'), `${label}: event codes start with 04 (${firstCode})`);
    check(page.url().includes('actor=IRNGOV'), `${label}: the search is in the URL`);
    const text = await page.locator('#events-table tbody').textContent();
    check(text.includes('Khamenei'), `${label}: Khamenei in the results`);
    await page.screenshot({ path: join(shots, `${label}-events.png`), fullPage: true });

    // a hostile search string is shown as text, never run
    await page.goto(base + '/#/events?actor=' + encodeURIComponent('<img src=x onerror=window.pwned=1>'));
    await page.waitForFunction(() => /No events|Events/.test(document.querySelector('#events-status').textContent));
    check(await page.evaluate(() => window.pwned === undefined), `${label}: script-like search does not run`);
    check(await page.locator('#events-form input[name=actor]').inputValue() === '<img src=x onerror=window.pwned=1>',
          `${label}: hostile value kept as text`);

    // ---- dyad timeline
    await page.goto(base + '/#/timeline');
    await page.fill('#timeline-form input[name=a]', 'IRNGOV');
    await page.fill('#timeline-form input[name=b]', 'IRQ');
    await page.selectOption('#timeline-form select[name=period]', 'week');
    await page.click('#timeline-form button[type=submit]');
    await page.waitForSelector('#timeline-chart canvas');
    const trows = await page.locator('#timeline-table tbody tr').count();
    check(trows > 0, `${label}: timeline rows (${trows})`);
    check((await page.locator('#timeline-status').textContent()).includes('per week'), `${label}: weekly timeline`);
    const legend = await page.locator('#timeline-chart').textContent();
    check(legend.includes('IRNGOV → IRQ') && legend.includes('IRQ → IRNGOV'), `${label}: both directions in the legend`);
    const firstPeriod = await page.locator('#timeline-table tbody tr td').first().textContent();
    check(/^\d{4}-\d{2}-\d{2}$/.test(firstPeriod), `${label}: week named by its Monday (${firstPeriod})`);
    await page.screenshot({ path: join(shots, `${label}-timeline.png`), fullPage: true });

    // ---- actor network
    await page.goto(base + '/#/network');
    await page.waitForFunction(() => /actors/.test(document.querySelector('#network-status').textContent));
    check(await page.locator('#network-graph canvas').count() > 0, `${label}: network drawn`);
    const net = await page.locator('#network-status').textContent();
    check(/^[1-9]\d* actors, [1-9]\d* directed dyads/.test(net), `${label}: network counts (${net})`);
    await page.screenshot({ path: join(shots, `${label}-network.png`) });

    // ---- quotes by speaker
    await page.goto(base + '/#/quotes');
    await page.waitForSelector('#speakers-list li');
    check((await page.locator('#speakers-list li').first().textContent()).includes('Ali Khamenei'), `${label}: top speaker`);
    await page.locator('#speakers-list li a').first().click();
    await page.waitForFunction(() => /quotes by/.test(document.querySelector('#quotes-status').textContent));
    const qn = await page.locator('#quotes-list li').count();
    check(qn > 0, `${label}: quotes of the speaker (${qn})`);
    await page.screenshot({ path: join(shots, `${label}-quotes.png`), fullPage: true });

    // ---- article page, reached from an event
    await page.goto(base + '/#/events?actor=khamenei');
    await page.waitForSelector('#events-table tbody tr');
    await page.locator('#events-table tbody tr td:last-child a').first().click();
    await page.waitForFunction(() => document.querySelector('#article-title').textContent === 'Not Even a Single American Soldier');
    check(page.url().includes('#/article/1'), `${label}: article URL`);
    const mentions = await page.locator('#article-body .mention').count();
    const events = await page.locator('#article-body .event').count();
    const quotes = await page.locator('#article-body .quote').count();
    check(mentions > 10 && events > 5 && quotes > 3, `${label}: highlights (${mentions} actors, ${events} events, ${quotes} quotes)`);
    check((await page.locator('#article-body .mention').first().textContent()).includes('Khamenei'),
          `${label}: first actor highlight is Khamenei`);
    check(await page.locator('#article-actors li').count() > 5, `${label}: actor list`);
    // the list shows what the API holds for the article, restated acts once
    const stored = await page.evaluate(async () => (await (await fetch('/api/articles/1')).json()).events);
    const most = Math.max(...stored.map(e => e.n_sentences));
    check((await page.locator('#article-events li').count()) === stored.length,
          `${label}: ${stored.length} events listed`);
    check(most >= 2 && (await page.locator('#article-events li', { hasText: `${most} sentences` }).count()) >= 1,
          `${label}: a restated act counts its sentences (${most})`);
    check(await page.locator('#article-body .flash').count() > 0, `${label}: the chosen event is marked`);
    await page.screenshot({ path: join(shots, `${label}-article.png`), fullPage: label === 'laptop' });

    // an actor highlight links to its events
    await page.locator('#article-body [data-actor="IRQGOV"]').first().click();
    await page.waitForFunction(() => location.hash.includes('actor=IRQGOV'));
    check(true, `${label}: actor highlight links to events`);

    // an article with markup in its title and text shows it as text
    await page.goto(base + '/#/articles');
    await page.waitForSelector('#articles-list li');
    const hostile = page.locator('#articles-list a', { hasText: 'onerror' });
    if (await hostile.count()) {
      await hostile.first().click();
      await page.waitForFunction(() => document.querySelector('#article-title').textContent.includes('Tehran'));
      check((await page.locator('#article-title').textContent()).includes('<script>'), `${label}: markup in a title shown as text`);
      check(await page.locator('#article-body img, #article-body script, #article-body b, #article-title img').count() === 0,
            `${label}: no elements made from stored text`);
      check(await page.evaluate(() => window.pwned === undefined), `${label}: stored markup does not run`);
      await page.screenshot({ path: join(shots, `${label}-hostile-article.png`) });
    } else {
      check(false, `${label}: the hostile article was not stored`);
    }

    // layout: nothing wider than the screen on a phone
    if (label === 'phone') {
      await page.goto(base + '/#/events');
      await page.waitForFunction(() => /Events \d|No events/.test(document.querySelector('#events-status').textContent));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(overflow <= 1, `phone: no horizontal page scroll (${overflow}px)`);
    }
    check(foreign.length === 0, `${label}: no request leaves the server (${foreign.join(' ')})`);
    await ctx.close();
  }
  check(errors.length === 0, `no page errors: ${errors.join(' | ')}`);
} catch (e) {
  failed++;
  console.error('FAIL: ' + (e && e.stack || e));
} finally {
  for (const c of contexts) await c.close().catch(() => {});
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
