import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readSheet } from '../src/modules/household-imports/spreadsheet.ts';
import { desk, openPage, seriousAccessibilityViolations } from './browser.ts';
import { signIn } from './sign-in.ts';

// Demo accounts (README): 周文斌 is the street officer of 朔方路街道 (建校家属院's 28 → 13 problems).
const zhouWenbin = '17000000007';

const poll = <T>(f: () => T | Promise<T>) => expect.poll(f, { timeout: 20_000 });

describe('exports', () => {
  it('a street officer downloads the problem list as XLSX, and the file holds every problem of the list', async () => {
    const officer = await openPage('exports-officer', desk);
    await signIn(officer, '/workbench', zhouWenbin);
    await officer.getByRole('menuitem', { name: '问题清单' }).click();
    await officer.getByRole('button', { name: '导出问题清单' }).click();
    await officer.getByText('Excel 表格（XLSX）').click();

    const dialog = officer.getByRole('dialog', { name: '导出问题清单' });
    const link = dialog.getByRole('link', { name: /下载 问题清单-\d{8}-\d{4}\.xlsx/ });
    await poll(() => link.count()).toBe(1);
    expect(await dialog.textContent()).toMatch(/链接仅限本人使用，.+前有效（导出完成后 10 分钟）/);
    expect(await seriousAccessibilityViolations(officer)).toEqual([]);

    const [download] = await Promise.all([officer.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^问题清单-\d{8}-\d{4}\.xlsx$/);
    const bytes = await fs.readFile((await download.path())!);
    const [header, ...rows] = (await readSheet(bytes)).rows.map((r) => r.cells);
    expect(header?.slice(0, 6)).toEqual(['问题', '社区', '地点', '类别', '来源渠道', '状态']);

    // The list the screen shows, as the screen asks for it (the unsolved ones, its default): the same
    // problems, one row each.
    const screen = (await (
      await officer.request.get('/api/workbench/problems?state=unsolved&pageSize=100')
    ).json()) as {
      items: { id: string; title: string }[];
      total: number;
    };
    expect(screen.total).toBeGreaterThan(0);
    expect(rows.length).toBe(screen.total);
    const ids = rows.map((r) => r.at(-1));
    expect(ids.sort()).toEqual(screen.items.map((p) => p.id).sort());
    expect(rows.map((r) => r[0])).toContain(screen.items[0]!.title);
  });

  it('a street officer filters the problem list by a handler found by name', async () => {
    const officer = await openPage('exports-handler', desk);
    await signIn(officer, '/workbench', zhouWenbin);
    await officer.getByRole('menuitem', { name: '问题清单' }).click();
    const total = async () => {
      const text = (await officer.locator('.ant-pagination-total-text').textContent()) ?? '';
      return Number(text.match(/\d+/)?.[0] ?? -1);
    };
    await poll(total).toBeGreaterThan(0);
    const unsolved = await total();
    // Every state, not only the unsolved ones the desk opens with.
    await officer.getByTestId('queue-state').hover();
    await officer.getByTestId('queue-state').locator('.ant-select-clear').click();
    await poll(total).toBeGreaterThan(unsolved);
    const everything = await total();

    await officer.getByTestId('queue-handler').click();
    await officer.keyboard.type('水务');
    await officer.getByTitle('中铁水务').click();
    // The problems with an order of 中铁水务's, as the server counts them for that filter.
    const parties = (await (await officer.request.get('/api/parties?name=中铁水务')).json()) as {
      items: { id: string }[];
    };
    const expected = (await (
      await officer.request.get(`/api/workbench/problems?partyId=${parties.items[0]!.id}`)
    ).json()) as { total: number; items: { title: string }[] };
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.total).toBeLessThan(everything);
    await poll(total).toBe(expected.total);
    await poll(() => officer.getByRole('link', { name: expected.items[0]!.title }).count()).toBe(1);
  });
});
