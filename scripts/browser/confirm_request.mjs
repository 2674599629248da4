// Logs in to the greeter pages in headless Chromium, confirms one request with a message, and
// takes a screenshot of the requests page. Used by crates/server/tests/greeter_browser.rs.
//
// usage: node confirm_request.mjs BASE_URL GREETER PASSWORD REQUEST_ID SCREENSHOT.png
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, greeter, password, requestId, shot] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'velay-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 720, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = browser.pages()[0] ?? await browser.newPage();
  await page.goto(`${base}/greeter/requests`);
  // Not logged in: the page sends us to the login form.
  if (!page.url().endsWith('/greeter/login')) throw new Error(`expected the login page, got ${page.url()}`);
  await page.fill('input[name=greeter]', greeter);
  await page.fill('input[name=password]', password);
  await page.click('[data-testid=login]');
  await page.waitForURL('**/greeter/requests');
  const request = page.locator(`[data-testid="request-${requestId}"]`);
  await request.locator('textarea[name=message]').fill('Avec plaisir ! Rendez-vous place du Plot. / With pleasure! See you at Place du Plot.');
  await request.locator('[data-testid=confirm]').click();
  await page.waitForURL('**/greeter/requests');
  const state = await request.locator('[data-testid=state]').innerText();
  if (!/confirm/i.test(state)) throw new Error(`the request reads ${state}`);
  const cookies = await browser.cookies();
  const session = cookies.find((c) => c.name === 'velay_greeter');
  if (!session || !session.httpOnly || session.sameSite !== 'Strict') {
    throw new Error(`the session cookie is not HttpOnly and SameSite=Strict: ${JSON.stringify(session)}`);
  }
  await page.screenshot({ path: shot, fullPage: true });
  console.log(JSON.stringify({ state, screenshot: shot }));
} finally {
  await browser.close();
}
