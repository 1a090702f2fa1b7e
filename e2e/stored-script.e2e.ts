import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desk, openPage, phone } from './browser.ts';
import { signIn } from './sign-in.ts';

const wangWengui = '17000000041';
const maWenhua = '17000000013';

// What an attacker types into every text field a resident or a worker fills in. If any of it ran, it
// would count itself on window.__xss or open a dialog; shown as text, it is just odd words on the page.
const payload = (field: string) =>
  `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>${field}`;
// Titles hold 60 characters: they get the shorter of the two.
const shortPayload = (field: string) => `<img src=x onerror="window.__xss=1">${field}`;

async function post(page: Page, url: string, data: unknown) {
  const session = await (await page.request.get('/api/auth/session')).json();
  const response = await page.request.post(url, { data, headers: { 'x-csrf-token': session.csrfToken } });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response.json();
}

async function watchForScripts(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return {
    dialogs,
    ran: () => page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0),
  };
}

describe('stored scripts', () => {
  it('are shown as text to the resident and to the worker, and never run', async () => {
    const stamp = Date.now();
    const resident = await openPage('stored-script-resident', phone);
    const residentWatch = await watchForScripts(resident);
    await signIn(resident, '/resident', wangWengui);
    await resident.getByRole('tab', { name: '我的反映' }).waitFor();
    const matter = await post(resident, '/api/matters', {
      kind: 'problem',
      category: 'environment',
      title: shortPayload(`标题${stamp}`),
      text: payload(`内容${stamp}`),
    });

    const grid = await openPage('stored-script-grid', desk);
    const gridWatch = await watchForScripts(grid);
    await signIn(grid, '/workbench', maWenhua);
    await grid.getByRole('menuitem', { name: '待受理' }).click();
    await expect.poll(() => grid.locator('body').textContent()).toContain(payload(`内容${stamp}`));
    const accepted = await post(grid, `/api/matters/${matter.id}/accept`, {
      title: shortPayload(`问题${stamp}`),
      urgency: 2,
      severity: 2,
    });
    await post(grid, `/api/workbench/problems/${accepted.problemId}/timeline`, {
      text: payload(`回复${stamp}`),
      visibility: 'public',
    });
    await post(grid, `/api/workbench/problems/${accepted.problemId}/timeline`, {
      text: payload(`备注${stamp}`),
      visibility: 'staff',
    });

    await grid.goto(`/workbench/problems/${accepted.problemId}`);
    const workbenchText = () => grid.locator('body').textContent();
    await expect.poll(workbenchText).toContain(shortPayload(`问题${stamp}`));
    expect(await workbenchText()).toContain(payload(`回复${stamp}`));
    expect(await workbenchText()).toContain(payload(`备注${stamp}`));

    await resident.reload();
    await resident.getByRole('tab', { name: '我的反映' }).click();
    const card = resident.getByTestId('own-matter').filter({ hasText: `内容${stamp}` });
    await expect.poll(() => card.textContent()).toContain(payload(`内容${stamp}`));
    await expect.poll(() => card.textContent()).toContain(payload(`回复${stamp}`));
    expect(await card.textContent()).not.toContain(`备注${stamp}`);

    expect(await residentWatch.ran()).toBe(0);
    expect(await gridWatch.ran()).toBe(0);
    expect([...residentWatch.dialogs, ...gridWatch.dialogs]).toEqual([]);
  });
});
