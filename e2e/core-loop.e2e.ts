import { describe, expect, it } from 'vitest';
import { desk, openPage, phone, seriousAccessibilityViolations } from './browser.ts';
import { button, signIn } from './sign-in.ts';

// Demo accounts (README): 王文贵 lives in 秦汉人家 3号楼, in 马文华's grid; 田军 works for its property company;
// 李娜 works at the community office above them.
const wangWengui = '17000000041';
const maWenhua = '17000000013';
const tianJun = '17000000022';
const liNa = '17000000009';

describe('the three orders, end to end', () => {
  it('a resident raises a matter on a phone, the grid worker dispatches, property staff report, the resident rates', async () => {
    const words = `单元门口的路灯又不亮了（${Date.now()}）`;

    // 下单: on a phone-sized screen, inside WeChat.
    const resident = await openPage('core-loop-resident', phone);
    await signIn(resident, '/resident', wangWengui);
    await resident.getByRole('tab', { name: '我要反映' }).click();
    // Every kind reads whole on the phone (in a row of four, 意见建议 was cut to 意见…).
    for (const kind of ['微心愿', '难题', '意见建议', '投诉']) {
      const label = resident.getByText(kind, { exact: true });
      expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth), kind).toBe(true);
    }
    await resident.getByRole('radio', { name: '难题' }).check();
    await resident.getByLabel('分类').click();
    await resident.getByTitle('环境整治').click();
    await resident.getByLabel('具体情况').fill(words);
    await button(resident, '提交').click();
    await expect.poll(() => resident.getByTestId('own-matter').first().textContent()).toContain(words);
    expect(await seriousAccessibilityViolations(resident)).toEqual([]);

    // 受理 and 派单: the grid worker at a desk.
    const grid = await openPage('core-loop-grid', desk);
    await signIn(grid, '/workbench', maWenhua);
    await grid.getByRole('menuitem', { name: '待受理' }).click();
    const row = grid.getByRole('row').filter({ hasText: words });
    await button(row, '受理').click();
    const title = `路灯不亮 ${Date.now()}`;
    await grid.getByLabel('问题标题').fill(title);
    await button(grid, '确定').click();
    await expect.poll(() => grid.getByRole('row').filter({ hasText: words }).count()).toBe(0);
    await grid.getByRole('menuitem', { name: '问题清单' }).click();
    await grid.getByRole('link', { name: title }).click();
    // The handler is found by typing part of its name: a district holds more parties than one page.
    await grid.getByTestId('dispatch-lead').click();
    await grid.keyboard.type('星河物业');
    await grid.getByTitle('星河物业服务有限公司').click();
    await button(grid, '派单').click();
    const leadOrder = grid.getByRole('row').filter({ hasText: '星河物业服务有限公司' }).first();
    await expect.poll(() => leadOrder.textContent()).toContain('待接单');
    expect(await seriousAccessibilityViolations(grid)).toEqual([]);

    // 接单 and the report: the property company's staff.
    const property = await openPage('core-loop-property', desk);
    await signIn(property, '/workbench', tianJun);
    await property.getByRole('menuitem', { name: '我的工单' }).click();
    const order = property.getByRole('row').filter({ hasText: title });
    await button(order, '接单').click();
    await button(order, '反馈结果').click();
    await property.getByLabel('办理结果（含证据说明）').fill('已更换灯具并测试');
    await property.getByLabel('给居民的回复（公开）').fill('路灯已修好，感谢您的反映。');
    await button(property, '确定').click();
    await expect.poll(() => property.getByRole('row').filter({ hasText: title }).count()).toBe(0);

    // 结果反馈至居民本人: the resident sees the reply and answers.
    await resident.reload();
    await resident.getByRole('tab', { name: '我的反映' }).click();
    const card = resident.getByTestId('own-matter').filter({ hasText: words });
    await expect.poll(() => card.textContent()).toContain('路灯已修好，感谢您的反映。');
    await card.getByText('解决了', { exact: true }).click();
    await button(card, '提交评价').click();
    await expect.poll(() => card.textContent()).toContain('已确认解决');
  });
});

describe('two dispatchers at once', () => {
  it('the one who accepts second is told why, and the dialog keeps what was typed', async () => {
    const words = `三号楼楼道灯忽明忽暗（${Date.now()}）`;
    const resident = await openPage('race-resident', phone);
    await signIn(resident, '/resident', wangWengui);
    await resident.getByRole('tab', { name: '我要反映' }).click();
    // Every kind reads whole on the phone (in a row of four, 意见建议 was cut to 意见…).
    for (const kind of ['微心愿', '难题', '意见建议', '投诉']) {
      const label = resident.getByText(kind, { exact: true });
      expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth), kind).toBe(true);
    }
    await resident.getByRole('radio', { name: '难题' }).check();
    await resident.getByLabel('分类').click();
    await resident.getByTitle('环境整治').click();
    await resident.getByLabel('具体情况').fill(words);
    await button(resident, '提交').click();
    await expect.poll(() => resident.getByTestId('own-matter').first().textContent()).toContain(words);

    // 马文华 opens the accept dialog and starts typing ...
    const grid = await openPage('race-grid', desk);
    await signIn(grid, '/workbench', maWenhua);
    await grid.getByRole('menuitem', { name: '待受理' }).click();
    await button(grid.getByRole('row').filter({ hasText: words }), '受理').click();
    const title = `楼道灯 ${Date.now()}`;
    await grid.getByLabel('问题标题').fill(title);

    // ... while 李娜 at the community office accepts the same matter first.
    const office = await openPage('race-office', desk);
    await signIn(office, '/workbench', liNa);
    await office.getByRole('menuitem', { name: '待受理' }).click();
    await button(office.getByRole('row').filter({ hasText: words }), '受理').click();
    await office.getByLabel('问题标题').fill(`${title}（社区）`);
    await button(office, '确定').click();
    await expect.poll(() => office.getByRole('row').filter({ hasText: words }).count()).toBe(0);

    await button(grid, '确定').click();
    await expect.poll(() => grid.locator('.ant-message').textContent()).toContain('当前状态');
    expect(await grid.getByLabel('问题标题').inputValue()).toBe(title);
  });
});
