import { describe, expect, it } from 'vitest';
import { openPage, phone, seriousAccessibilityViolations } from './browser.ts';

describe('a first visit', () => {
  it('opens the home page in Chinese, switches to English, and is accessible in both', async () => {
    const page = await openPage('home-language');
    await page.goto('/');
    await expect.poll(() => page.locator('h1').textContent()).toContain('有事好商量');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByTestId('switch-language').click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toContain('When something comes up, talk it over');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The choice is remembered on the next visit.
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toContain('talk it over');
  });

  it('reaches the resident area, the workbench sign-in and the echo wall from the home page', async () => {
    const page = await openPage('home-areas');
    await page.goto('/');
    await page.getByTestId('area-workbench').click();
    await expect
      .poll(() =>
        page
          .getByRole('button', { name: '登 录' })
          .or(page.getByRole('button', { name: '登录' }))
          .count(),
      )
      .toBe(1);
    await page.goto('/wall');
    await expect.poll(() => page.locator('h1').textContent()).toBe('回音壁');
  });

  it('fits a phone screen and offers large text for elderly residents', async () => {
    const page = await openPage('resident-large-text', phone);
    await page.goto('/resident');
    const heading = page.locator('h1');
    await expect.poll(() => heading.textContent()).toContain('有事好商量');
    const before = await heading.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    await page.getByRole('switch', { name: '大字模式' }).click();
    await expect
      .poll(() => heading.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize)))
      .toBeGreaterThan(before);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
