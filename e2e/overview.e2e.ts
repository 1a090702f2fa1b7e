import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desk, openPage, seriousAccessibilityViolations } from './browser.ts';
import { signIn } from './sign-in.ts';

// 马佳, 富平社区's secretary (README, demo accounts), opens the workbench on her day: each figure is the
// total of the list it opens. Other journeys change the demo meanwhile, so every figure is compared with
// the server's own list as it stands.
const maJia = '17000000004';
const poll = <T>(f: () => T | Promise<T>) => expect.poll(f, { timeout: 20_000 });

const total = async (page: Page, url: string) =>
  ((await (await page.request.get(url)).json()) as { total: number }).total;
const figure = (page: Page, label: string) =>
  page.getByTestId('today').getByRole('link', { name: new RegExp(`^${label} \\d+$`) });
const shown = async (page: Page, label: string) =>
  Number((await figure(page, label).getAttribute('aria-label'))?.split(' ').at(-1));

describe('the workbench opens on the day’s work', () => {
  it('counts what waits as the lists do, and each figure opens its list filtered', async () => {
    const page = await openPage('overview', desk);
    await signIn(page, '/workbench', maJia);

    await poll(async () => [
      await shown(page, '办理中'),
      await total(page, '/api/workbench/problems?state=in_progress&pageSize=1'),
    ]).toSatisfy(([onCard, inList]) => onCard === inList && inList! > 0);
    await poll(async () => [
      await shown(page, '等待受理的反映'),
      await total(page, '/api/workbench/inbox?pageSize=1'),
    ]).toSatisfy(([onCard, inList]) => onCard === inList);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A matter heard on a visit and recorded at the desk waits in the inbox: the day counts it.
    const session = await (await page.request.get('/api/auth/session')).json();
    const waitingBefore = await total(page, '/api/workbench/inbox?pageSize=1');
    const [community] = await (await page.request.get('/api/parties/place-options')).json();
    const compounds = await (
      await page.request.get(`/api/parties/place-options?parentId=${community.id}`)
    ).json();
    const xinghe = compounds.find((p: { name: string }) => p.name === '星河锦城');
    const recorded = await page.request.post('/api/matters/intake', {
      headers: { 'x-csrf-token': session.csrfToken },
      data: {
        kind: 'problem',
        category: 'environment',
        text: '星河锦城东门口的垃圾桶满了两天没人清运。',
        placeId: xinghe.id,
        channel: 'visit',
        submitterName: '何建国',
        hideName: false,
      },
    });
    expect(recorded.status(), await recorded.text()).toBe(201);
    await page.reload();
    await poll(() => shown(page, '等待受理的反映')).toBeGreaterThan(waitingBefore);
    await poll(async () => [
      await shown(page, '等待受理的反映'),
      await total(page, '/api/workbench/inbox?pageSize=1'),
    ]).toSatisfy(([onCard, inList]) => onCard === inList);

    // The figure opens the problem list on its state, counting the same problems.
    const inProgress = await total(page, '/api/workbench/problems?state=in_progress&pageSize=1');
    await figure(page, '办理中').click();
    await poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe(
      '/workbench/problems?state=in_progress',
    );
    await poll(() => page.getByTestId('queue-state').textContent()).toContain('办理中');
    await poll(() => page.locator('.ant-pagination-total-text').textContent()).toBe(
      `共 ${inProgress} 个问题`,
    );
  });
});
