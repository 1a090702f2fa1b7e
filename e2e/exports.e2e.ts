import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readSheet } from '../src/modules/household-imports/spreadsheet.ts';
import { desk, openPage, seriousAccessibilityViolations } from './browser.ts';
import { button, signIn } from './sign-in.ts';

// Demo accounts (README): 周文斌 is the street officer of 朔方路街道 (建校家属院's 28 → 13 problems).
const zhouWenbin = '17000000007';
// 谢瑜 is the secretary of 亲水阳光社区 (红宝锦秀河畔小区).
const xieYu = '17000000002';

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

  it('a community secretary imports a hand-kept ledger: refused while a row is wrong, then whole, then not twice', async () => {
    const stamp = Date.now();
    const ledger = (rows: string[]) => ({
      name: '问题台账.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['问题,地点,类别,状态,受理时间', ...rows].join('\n')),
    });
    const good = [
      `台账路灯${stamp},红宝锦秀河畔小区,环境整治,待派单,2026-03-02 09:30`,
      `台账井盖${stamp},红宝锦秀河畔小区,环境整治,办理中,2026-03-04 10:00`,
    ];
    const secretary = await openPage('exports-ledger', desk);
    await signIn(secretary, '/workbench', xieYu);
    await secretary.getByRole('menuitem', { name: '问题台账导入' }).click();
    await secretary.getByLabel('导入到社区').click();
    await secretary.getByTitle('亲水阳光社区').click();

    await secretary
      .locator('input[type=file]')
      .setInputFiles(ledger([...good, `台账电梯${stamp},幸福里,物业服务,办理中,2026-03-05 08:00`]));
    const counts = () => secretary.getByTestId('ledger-counts').textContent();
    await poll(counts).toBe('共 3 行：可导入 2，已导入过 0，有问题 1');
    expect(await secretary.getByText('请先改好有问题的行，再重新上传').count()).toBe(1);
    expect(await button(secretary, '导入 2 个问题').isDisabled()).toBe(true);
    // The report filters by result: the refused row alone, with the column it is refused for.
    const report = secretary.getByTestId('ledger-report');
    await report.getByRole('button', { name: /筛选|filter/i }).click();
    await secretary.getByRole('menuitem', { name: '有问题' }).click();
    await secretary.getByRole('button', { name: /确\s*定|OK/ }).click();
    await poll(() => report.locator('tbody tr').count()).toBe(1);
    expect(await report.textContent()).toContain('幸福里');
    expect(await report.textContent()).not.toContain(`台账路灯${stamp}`);
    expect(await seriousAccessibilityViolations(secretary)).toEqual([]);

    await button(secretary, '重新上传').click();
    await secretary.locator('input[type=file]').setInputFiles(ledger(good));
    await poll(counts).toBe('共 2 行：可导入 2，已导入过 0，有问题 0');
    await button(secretary, '导入 2 个问题').click();
    await poll(() => secretary.getByText('导入 2 个问题，跳过已导入过的 0 个').count()).toBe(1);

    // The same ledger again: both problems are on record, nothing is imported twice.
    await button(secretary, '再导入一个文件').click();
    await secretary.locator('input[type=file]').setInputFiles(ledger(good));
    await poll(counts).toBe('共 2 行：可导入 0，已导入过 2，有问题 0');
    const listed = (await (
      await secretary.request.get(`/api/workbench/problems?state=unsolved&pageSize=100`)
    ).json()) as { items: { title: string }[] };
    expect(listed.items.map((p) => p.title)).toContain(`台账路灯${stamp}`);
  });
});
