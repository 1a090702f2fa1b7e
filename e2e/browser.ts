import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, inject, onTestFailed } from 'vitest';

export const baseURL = inject('baseURL');

// Debian's Chromium, with the flags this machine's closed network needs.
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

let browser: Browser | null = null;
afterAll(async () => {
  await browser?.close();
  browser = null;
});

export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50',
};
export const desk: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };

/** A fresh page on the given screen; a failing test leaves its screenshot in test-results/. */
export async function openPage(name: string, options: BrowserContextOptions = desk): Promise<Page> {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: flags,
  });
  const context = await browser.newContext({ ...options, baseURL, locale: 'zh-CN' });
  // A step that cannot happen fails naming its locator, instead of waiting out the whole test's time.
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  onTestFailed(async () => {
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: path.join('test-results', `${name}.png`), fullPage: true }).catch(() => {});
  });
  return page;
}

/** Violations that axe rates serious or critical on the current page. */
export async function seriousAccessibilityViolations(page: Page) {
  // A dialog or dropdown still fading in or out is half transparent: axe would measure the contrast of a
  // frame no one reads. Wait for finite animations to end (spinners run forever and are left alone).
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => {});
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
      why: v.nodes[0]?.failureSummary,
    }));
}
