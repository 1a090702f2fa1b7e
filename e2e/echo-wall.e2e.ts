import { describe, expect, it } from 'vitest';
import { baseURL, openPage, phone, seriousAccessibilityViolations } from './browser.ts';
import { signIn } from './sign-in.ts';

// The echo wall 回音壁 on a resident's phone, and the figures on a street office's wall display.

const shuofangFlow = '28 条意见 → 13 个问题 → 11 个已解决 + 2 个办理中';

async function placeId(names: string[]): Promise<string> {
  let parent: string | undefined;
  for (const name of names) {
    const response = await fetch(`${baseURL}/api/public/places${parent ? `?parentId=${parent}` : ''}`);
    const { items } = (await response.json()) as { items: { id: string; name: string }[] };
    parent = items.find((p) => p.name === name)?.id;
    if (!parent) throw new Error(`no place ${name}`);
  }
  return parent!;
}

describe('the echo wall on a phone', () => {
  it('shows 朔方路街道’s figures and problems without sign-in, readable by screen readers', async () => {
    const page = await openPage('echo-wall-phone', phone);
    await page.goto('/wall');
    await expect.poll(() => page.getByText('件件有回音').count()).toBe(1);
    // Drill down the place tree: 银川市 → 西夏区 → 朔方路街道.
    await page.getByRole('combobox', { name: '地区' }).click();
    for (const name of ['银川市', '西夏区', '朔方路街道']) {
      await page
        .getByRole('menuitemcheckbox', { name })
        .or(page.getByRole('menuitem', { name }))
        .first()
        .click();
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByText(shuofangFlow).count()).toBe(1);
    await expect.poll(() => page.locator('article, .ant-list-item').count()).toBeGreaterThanOrEqual(10);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Only the solved ones; then one problem with its answers and progress.
    await page.getByRole('combobox', { name: '进展' }).click();
    await page.getByTitle('已解决').click();
    // Ten to a page: the oldest, the water pipes, is on the next one.
    await page.getByRole('button', { name: '加载更多' }).click();
    await page.getByRole('link', { name: /上水管道/ }).click();
    await expect.poll(() => page.getByText('3 位居民反映').count()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByText('办理进展').count()).toBe(1);
    // The pipe meeting's published outcome stands beside the problem it took up.
    await expect
      .poll(() => page.getByTestId('wall-meetings').textContent())
      .toContain('建校家属院供水管网改造协商会');
    const body = await page.locator('main').textContent();
    expect(body).not.toMatch(/1[3-9]\d{9}/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});

describe('searching the echo wall', () => {
  it('finds a published problem by part of its words, and opens it', async () => {
    const page = await openPage('echo-wall-search', phone);
    await page.goto('/wall');
    const search = page.getByRole('region', { name: '搜索' });
    await search.getByRole('searchbox').fill('水管');
    await search.getByRole('searchbox').press('Enter');
    await expect.poll(() => search.getByRole('link', { name: /上水管道/ }).count()).toBeGreaterThanOrEqual(1);
    await search
      .getByRole('link', { name: /上水管道/ })
      .first()
      .click();
    await expect.poll(() => page.getByText('办理进展').count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});

describe('the wall display of a street office', () => {
  it('shows the live figures of 朔方路街道 full screen with charts', async () => {
    const street = await placeId(['银川市', '西夏区', '朔方路街道']);
    const page = await openPage('echo-dashboard');
    await page.goto(`/dashboard?placeId=${street}`);
    await expect.poll(() => page.getByText(shuofangFlow).count()).toBe(1);
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.getByText(/每 30 秒刷新/).count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('gives staff the figures in the workbench, with rankings and handlers', async () => {
    const page = await openPage('echo-workbench-figures');
    await signIn(page, '/workbench', '17000000001');
    await page.getByRole('menuitem', { name: '统计分析' }).click();
    await expect.poll(() => page.getByText(/条意见 →/).count()).toBe(1);
    await expect.poll(() => page.getByText('综合得分').count()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByText('承办单位与人员').count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('lets staff publish a problem with its redacted summary; the wall shows it', async () => {
    const page = await openPage('echo-publish');
    await signIn(page, '/workbench', '17000000001');
    await page.getByRole('menuitem', { name: '问题清单' }).click();
    // Other journeys add problems to the queue: find this one among the pet problems, wherever it is.
    const queue = await (await page.request.get('/api/workbench/problems?category=pets&pageSize=100')).json();
    const dogs = queue.items.find((p: { title: string }) => p.title === '文明养犬、清理犬粪');
    await page.goto(`/workbench/problems/${dogs.id}`);
    const summary = page.getByLabel('公开摘要');
    await expect.poll(() => summary.inputValue()).toContain('养狗');
    await summary.fill('唐徕社区养犬不文明、犬粪无人清理，社区将联合相关部门治理。');
    await page.getByRole('button', { name: '发布到回音壁' }).click();
    await expect.poll(() => page.getByText('已公开', { exact: true }).count()).toBe(1);
    await page.goto('/wall');
    await expect.poll(() => page.getByText('唐徕社区养犬不文明').count()).toBe(1);
  });
});
