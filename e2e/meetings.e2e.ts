import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { docxParagraphs } from '../src/modules/meetings/docx-text.testkit.ts';
import { desk, openPage, seriousAccessibilityViolations } from './browser.ts';
import { button, signIn } from './sign-in.ts';

// Demo accounts (README): 马佳 is the party secretary of 富平社区, whose property company is 星河物业.
const maJia = '17000000004';

/** Chooses an option of the Ant Design select labelled `label`, from its open dropdown only. */
async function pick(page: Page, label: string, option: string, search?: string) {
  await page.getByLabel(label, { exact: true }).click();
  if (search) await page.getByLabel(label, { exact: true }).fill(search);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle(option)
    .first()
    .click();
  await page.keyboard.press('Escape');
}

/** A problem of 秦汉人家 that a grid worker heard on a visit, accepted at the desk (not the journey under test). */
async function problemHeardOnAVisit(page: Page, title: string): Promise<string> {
  const session = await (await page.request.get('/api/auth/session')).json();
  const headers = { 'x-csrf-token': session.csrfToken };
  const roots = await (await page.request.get('/api/parties/place-options')).json();
  const compounds = await (
    await page.request.get(`/api/parties/place-options?parentId=${roots[0].id}`)
  ).json();
  const qinhan = compounds.find((p: { name: string }) => p.name === '秦汉人家');
  const matter = await page.request.post('/api/matters/intake', {
    headers,
    data: {
      kind: 'problem',
      category: 'property_service',
      text: '3号楼单元门禁坏了半个月，外人随便进出。',
      placeId: qinhan.id,
      channel: 'visit',
      submitterName: '王文贵',
      hideName: false,
    },
  });
  expect(matter.status(), await matter.text()).toBe(201);
  const accepted = await page.request.post(`/api/matters/${(await matter.json()).id}/accept`, {
    headers,
    data: { title, urgency: 2, severity: 2 },
  });
  return (await accepted.json()).problemId;
}

describe('a consultation meeting, end to end', () => {
  it('convene → record speeches → decide → action items and cost sharing → minutes → done → resolved', async () => {
    const page = await openPage('meetings-desk', desk);
    await signIn(page, '/workbench', maJia);
    await expect.poll(() => page.getByRole('menuitem', { name: '协商议事' }).count()).toBe(1);
    const problemTitle = `秦汉人家单元门禁损坏（${Date.now()}）`;
    const problemId = await problemHeardOnAVisit(page, problemTitle);

    // 召集: the convene form.
    await page.getByRole('menuitem', { name: '协商议事' }).click();
    await button(page, '召集会议').click();
    const title = `秦汉人家门禁协商议事会 ${Date.now()}`;
    await page.getByLabel('会议名称').fill(title);
    await page.getByLabel('开始时间').fill('2026-12-01T15:00');
    await page.getByLabel('结束时间').fill('2026-12-01T17:00');
    await page.getByLabel('会议地点').fill('秦汉人家小区广场');
    await pick(page, '问题清单中的议题', `${problemTitle}（秦汉人家）`, '门禁损坏');
    await pick(page, '邀请单位', '星河物业服务有限公司');
    await button(page, '召集').click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toContain(title);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // 开会 and the live record.
    await button(page, '开始会议').click();
    await page.getByRole('tab', { name: '议程与记录' }).click();
    for (const [name, capacity] of [
      ['田军', '物业经理'],
      ['王文贵', '居民代表'],
      ['王秀英', '楼道红管家'],
    ]) {
      await page.getByPlaceholder('姓名', { exact: true }).fill(name!);
      await page.getByPlaceholder('身份或界别', { exact: true }).fill(capacity!);
      await button(page, '签到').click();
      await expect.poll(() => page.getByText(`${name}（${capacity}）`).count()).toBeGreaterThan(0);
    }
    await page.getByLabel('发言人').fill('王文贵');
    await page.getByLabel('发言内容').fill('门禁坏了半个月，晚上有陌生人进楼，大家都不放心。');
    await page.getByTestId('record-speech').click();
    await expect.poll(() => page.getByTestId('speech').first().textContent()).toContain('陌生人进楼');
    await page.getByLabel('发言人').fill('田军');
    await page.getByLabel('发言内容').fill('物业本周更换门禁主板，费用由物业和开发商平摊。');
    await page.getByTestId('record-speech').click();
    await expect.poll(() => page.getByTestId('speech').count()).toBe(2);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // 决定: a vote of those present.
    const decide = page.getByTestId('decide-1');
    await decide.getByText('表决', { exact: true }).click();
    await decide.getByLabel('赞成').fill('3');
    await decide.getByLabel('决定内容').fill('物业一周内更换门禁主板，费用由物业和开发商平摊。');
    await button(decide, '作出决定').click();
    await expect
      .poll(() => page.getByTestId('agenda-item').first().textContent())
      .toContain('赞成 3，反对 0，弃权 0');

    // 实施方案 and 费用分摊.
    await page.getByRole('tab', { name: '实施方案' }).click();
    await page.getByLabel('事项', { exact: true }).fill('更换门禁主板');
    await pick(page, '责任单位', '星河物业服务有限公司');
    await page.getByLabel('完成时限').fill('2026-12-08');
    await button(page, '添加事项').click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: '更换门禁主板' }).count()).toBe(1);

    await page.getByRole('tab', { name: '费用分摊' }).click();
    await page.getByLabel('分摊事项').fill('门禁主板');
    await page.getByLabel('总额（元）').fill('1000.01');
    await pick(page, '分摊方（单位或住户）', '星河物业服务有限公司');
    // Typed, as a secretary would: the list reopens scrolled to the first payer chosen, and the developer,
    // above it in pinyin order, is then outside the rows the list draws.
    await pick(page, '分摊方（单位或住户）', '宁夏新家源集团房地产开发有限公司', '新家源');
    await button(page, '添加规则').click();
    await pick(page, '规则', '按户平摊');
    await pick(page, '承担方（多选）', '星河物业服务有限公司');
    await pick(page, '承担方（多选）', '宁夏新家源集团房地产开发有限公司');
    await button(page, '新建分摊方案').click();
    const plan = page.getByTestId('cost-plan');
    await expect.poll(() => plan.textContent()).toContain('500.01');
    expect(await plan.textContent()).toContain('500.00');
    await button(plan.getByRole('row').filter({ hasText: '星河物业' }), '确认').click();
    await expect
      .poll(() => plan.getByRole('row').filter({ hasText: '星河物业' }).textContent())
      .toContain('已确认');

    // 结束 and the minutes.
    await button(page, '结束会议').click();
    await page.getByRole('tab', { name: '纪要' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByText('下载纪要 (.docx)').click(),
    ]);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'minutes-')), 'minutes.docx');
    await download.saveAs(saved);
    const paragraphs = docxParagraphs(fs.readFileSync(saved));
    expect(paragraphs[0]).toBe(`${title}纪要`);
    expect(paragraphs.join('\n')).toContain(
      '表决：到会 3 人，赞成 3 票，反对 0 票，弃权 0 票，通过。物业一周内更换门禁主板',
    );

    // The printable page holds the same decisions.
    await page.getByRole('link', { name: '打印纪要' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
      .toBe(`${title}纪要`);
    expect(await page.locator('article').textContent()).toContain('物业一周内更换门禁主板');
    await page.goBack();

    // The action item done, with its evidence: the problem is resolved.
    await page.getByRole('tab', { name: '实施方案' }).click();
    await button(page.getByRole('row').filter({ hasText: '更换门禁主板' }), '更新进度').click();
    await page.getByLabel('完成情况（证据说明）').fill('已更换门禁主板，测试正常，附照片。');
    await button(page, '保存').click();
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: '更换门禁主板' }).textContent())
      .toContain('已完成');
    await page.goto(`/workbench/problems/${problemId}`);
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
      .toContain(problemTitle);
    const stateRow = page.getByRole('row').filter({ hasText: '状态' }).first();
    await expect.poll(() => stateRow.textContent()).toContain('已办理');
  });
});
