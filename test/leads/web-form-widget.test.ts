import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { WebFormLeadsDocument } from '../generated/graphql';
import { createWorkspace, expectData } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { createContactForm } from '../support/web-form-factories';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A host page on its own origin (another port): the widget is cross-origin there, as on a customer's site. */
async function hostPage(html: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the web form widget in a real page (headless Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let host: { server: Server; origin: string };
  let pageHtml = '';

  beforeAll(async () => {
    // Not skipped when missing: CI must install it (.ci/run does when /usr/bin/chromium is absent).
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the widget test`);
    t = await startTestApp();
    host = await hostPage(() => pageHtml);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => host?.server.close(resolve));
    await t?.stop();
  });

  it('renders into the host page, shows errors per field, posts as JSON and shows the thank-you message; the lead exists', async () => {
    const ws = await createWorkspace(t, 'Widget');
    const form = await createContactForm(t, ws.admin.token, { allowedOrigins: [host.origin], thankYouMessage: 'Thanks, Ana will call you.' });
    pageHtml = `<!doctype html><html><head><title>Customer site</title></head><body>
      <h1>Contact us</h1>
      <div id="slot" data-vinculo-form="${form.publicKey}"></div>
      <script src="${t.url}/forms/${form.publicKey}/widget.js" async></script>
    </body></html>`;
    const page = await browser.newPage();
    try {
      await page.goto(`${host.origin}/contact?utm_source=widget&utm_campaign=launch`);
      const widget = page.locator('#slot form.vinculo-form');
      await widget.waitFor();
      expect(await widget.locator('label').allTextContents()).toEqual(['Your name *', 'Email *', 'Company', 'Phone', 'Topic', 'Message']);
      // The honeypot is there, but off screen and out of the tab order.
      expect(await page.locator('input[name="_website"]').count()).toBe(1);
      const trap = await page.locator('input[name="_website"]').boundingBox();
      expect(trap && trap.x + trap.width).toBeLessThan(0); // off screen
      expect(await page.locator('input[name="_website"]').getAttribute('tabindex')).toBe('-1');

      // Bad values: the server's messages appear beside their fields.
      await page.fill('input[name="email"]', 'not-an-email');
      await page.click('#slot button[type="submit"]');
      await page.locator('[data-error-for="name"]:not(:empty)').waitFor();
      expect(await page.textContent('[data-error-for="name"]')).toBe('is required');
      expect(await page.textContent('[data-error-for="email"]')).toBe('must be a valid email address');

      await page.fill('input[name="name"]', 'Ana Widget');
      await page.fill('input[name="email"]', 'ana.widget@example.com');
      await page.fill('input[name="company"]', 'Widget SA');
      await page.selectOption('select[name="topic"]', 'Support');
      await page.fill('textarea[name="message"]', 'Hello from the page');
      await page.click('#slot button[type="submit"]');
      await page.locator('.vinculo-thank-you').waitFor();
      expect(await page.textContent('.vinculo-thank-you')).toBe('Thanks, Ana will call you.');
    } finally {
      await page.close();
    }

    const leads = expectData(await t.gql(WebFormLeadsDocument, {}, { token: ws.owner.token })).leads.nodes.filter((lead) => lead.sourceDetails?.formId === form.id);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      personName: 'Ana Widget',
      emails: ['ana.widget@example.com'],
      companyName: 'Widget SA',
      notes: 'Topic: Support\nMessage: Hello from the page',
      source: { code: 'WEB_FORM' },
      sourceDetails: { referrer: `${host.origin}/contact?utm_source=widget&utm_campaign=launch`, utm: { source: 'widget', campaign: 'launch' } },
    });
  });
});
