import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { docxFiles, docxParagraphs, docxTables } from '../src/modules/meetings/docx-text.testkit.ts';
import type { MonthlyReport, ReportPlaces } from '../src/modules/reports/reports.schemas.ts';
import { desk, openPage, seriousAccessibilityViolations } from './browser.ts';
import { signIn } from './sign-in.ts';

// Demo accounts (README): 周文斌 is an officer of 朔方路街道, whose 建校家属院 problem list the demo tells
// from April 2026 on (the water pipes, whistled for in April).
const zhouWenbin = '17000000007';
const title = '朔方路街道2026年4月群众诉求办理情况月报';

async function pick(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle(option, { exact: true })
    .first()
    .click();
}

describe('a street officer’s monthly report', () => {
  it('opens the street’s month with its figures and chart, prints as A4, and downloads it as Word', async () => {
    const page = await openPage('monthly-report', desk);
    await signIn(page, '/workbench', zhouWenbin);
    await page.getByRole('menuitem', { name: '月报' }).click();
    await pick(page, '社区或街道', '朔方路街道');
    await pick(page, '月份', '2026年4月');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title);

    // The figures on the page are the server's for that street and month.
    const places = (await (await page.request.get('/api/workbench/reports/places')).json()) as ReportPlaces;
    const street = places.places.find((p) => p.name === '朔方路街道')!;
    const report = (await (
      await page.request.get(`/api/workbench/reports/monthly?placeId=${street.id}&month=2026-04`)
    ).json()) as MonthlyReport;
    expect(report.counts.problems).toBeGreaterThan(0);
    const main = page.locator('table').filter({ has: page.getByText('表1　主要数据') });
    await expect
      .poll(() => main.getByRole('row').filter({ hasText: '收集事项（件）' }).textContent())
      .toBe(`收集事项（件）${report.counts.collected}`);
    expect(await main.getByRole('row').filter({ hasText: '形成问题（个）' }).textContent()).toBe(
      `形成问题（个）${report.counts.problems}`,
    );
    const problemList = page
      .locator('table')
      .filter({ has: page.getByText('问题清单', { exact: false }) })
      .last();
    for (const problem of report.problems.items)
      expect(await problemList.textContent()).toContain(problem.title);

    // The chart is drawn: an SVG with the categories' names in it.
    const chart = page.getByRole('img', { name: '图1　各类别事项和问题办理情况' });
    await expect.poll(() => chart.locator('svg').count()).toBe(1);
    expect(await chart.locator('svg').textContent()).toContain('老旧小区改造');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // On paper only the report remains: the menu and the pickers are gone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('menuitem', { name: '月报' }).isVisible()).toBe(false);
    expect(await page.getByLabel('月份', { exact: true }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /下载 Word/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${title}.docx`);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'monthly-')), 'report.docx');
    await download.saveAs(saved);
    const file = fs.readFileSync(saved);
    const parts = docxFiles(file);
    expect(parts.has('[Content_Types].xml')).toBe(true);
    expect(parts.get('word/document.xml')?.toString('utf8')).toContain('w:eastAsia="仿宋_GB2312"');
    const paragraphs = docxParagraphs(file);
    expect(paragraphs[0]).toBe(title);
    expect(paragraphs.join('\n')).toContain('朔方路街道');
    const mainTable = docxTables(file).find((tbl) => tbl[0]?.[0] === '指标' && tbl[0]?.[1] === '数量')!;
    expect(mainTable[1]).toEqual(['收集事项（件）', String(report.counts.collected)]);
    const images = [...parts.keys()].filter(
      (name) => name.startsWith('word/media/') && name.endsWith('.png'),
    );
    expect(images.length).toBeGreaterThanOrEqual(2);
  });
});
