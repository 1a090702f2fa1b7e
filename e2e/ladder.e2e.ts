import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { baseURL, desk, openPage, seriousAccessibilityViolations } from './browser.ts';
import { button, DEMO_PASSWORD, signIn } from './sign-in.ts';

// Demo accounts (README): 马小兰 lives in 星河悦城 2号楼, in 丁海燕's grid; 马佳 is 富平社区's party
// secretary, the community rung of its property-service ladder (the dispatch catalogue of the demo).
const maXiaolan = '17000000042';
const dingHaiyan = '17000000015';
const maJia = '17000000004';
// 杨志军 is an officer of 金星镇, where the pump noise of the demo climbed to the town party committee.
const yangZhijun = '17000000008';

const database = openDatabase(inject('databaseUrl'), { poolSize: 1 });
afterAll(() => database.close());

/** A signed-in API client: the steps the core-loop journey already walks through the browser. */
async function client(phone: string) {
  const response = await fetch(`${baseURL}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return async <T>(path: string, body?: unknown): Promise<T> => {
    const reply = await fetch(`${baseURL}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!reply.ok) throw new Error(`${path}: ${reply.status} ${await reply.text()}`);
    return (await reply.json()) as T;
  };
}

describe('the ladder, end to end', () => {
  it('a problem left past its deadline climbs a level, and its new handler finds it in the queue, notified', async () => {
    // The community secretary sets a one-hour deadline for property repairs in the compound.
    const secretary = await openPage('ladder-secretary', desk);
    await signIn(secretary, '/workbench', maJia);
    await secretary.getByRole('menuitem', { name: '时限与升级' }).click();
    await secretary.getByRole('tab', { name: '时限规则' }).click();
    await secretary.getByTestId('rule-category').click();
    await secretary.getByTitle('物业服务').click();
    await secretary.getByLabel('时长').fill('1');
    await secretary.getByTestId('rule-unit').click();
    await secretary.getByTitle('小时', { exact: true }).click();
    await secretary.getByLabel('提前提醒（分钟）').fill('0');
    await button(secretary, '保存规则').click();
    await expect
      .poll(() => secretary.getByRole('row').filter({ hasText: '物业服务' }).first().textContent())
      .toContain('1 小时');
    expect(await seriousAccessibilityViolations(secretary)).toEqual([]);

    // 马小兰 raises the pump again; the grid worker accepts it and dispatches it to the property company.
    const title = `增压泵夜间噪音 ${Date.now()}`;
    const resident = await client(maXiaolan);
    const matter = await resident<{ id: string }>('/api/matters', {
      kind: 'problem',
      category: 'property_service',
      text: '2号楼地下增压泵半夜又响了，吵得睡不着。',
    });
    const grid = await client(dingHaiyan);
    const { problemId } = await grid<{ problemId: string }>(`/api/matters/${matter.id}/accept`, {
      title,
      urgency: 2,
      severity: 3,
    });
    const parties = await grid<{ items: { id: string; name: string }[] }>('/api/parties?pageSize=100');
    const property = parties.items.find((p) => p.name === '星河物业服务有限公司');
    await grid(`/api/workbench/problems/${problemId}/dispatch`, { lead: { partyId: property?.id } });

    // At the compound, with under an hour left.
    await secretary.goto(`/workbench/problems/${problemId}`);
    await expect.poll(() => secretary.getByTestId('ladder-level').textContent()).toBe('小区');
    await expect
      .poll(() => secretary.getByTestId('time-left').first().textContent())
      .toMatch(/^剩 5\d 分钟$/);

    // An hour passes: the problem's clock is moved back an hour, which is all an hour of waiting changes.
    const hour = 61 * 60_000;
    const row = await database.db
      .selectFrom('problems')
      .select(['deadline_at', 'deadline_started_at'])
      .where('id', '=', problemId)
      .executeTakeFirstOrThrow();
    await database.db
      .updateTable('problems')
      .set({
        deadline_at: new Date(Date.parse(row.deadline_at!) - hour).toISOString(),
        deadline_started_at: new Date(Date.parse(row.deadline_started_at!) - hour).toISOString(),
      })
      .where('id', '=', problemId)
      .execute();

    // The sweep climbs it to the community, whose rung in the catalogue is 马佳: it is in her queue.
    await secretary.getByRole('menuitem', { name: '我的工单' }).click();
    await expect
      .poll(
        async () => {
          await secretary.reload();
          // The list loads after the page does: give it a moment before saying the order is not there.
          return secretary
            .getByRole('row')
            .filter({ hasText: title })
            .waitFor({ timeout: 2_000 })
            .then(
              () => true,
              () => false,
            );
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    await secretary.getByRole('link', { name: title }).click();
    await expect.poll(() => secretary.getByTestId('ladder-level').textContent()).toBe('社区');
    await expect.poll(() => secretary.getByText('升级', { exact: true }).count()).toBe(1);
    await expect.poll(() => secretary.getByTestId('time-left').first().textContent()).toMatch(/^剩 /);
    expect(await seriousAccessibilityViolations(secretary)).toEqual([]);

    // Notified: the climb is in 马佳's messages, with a link back to the problem.
    await secretary.getByRole('menuitem', { name: /消息通知/ }).click();
    const notice = secretary.getByTestId('notice').filter({ hasText: `问题升级至社区：${title}` });
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
  });

  it('at the town, an officer finds the overdue pump noise and blows the whistle; the developer reports in', async () => {
    const officer = await openPage('ladder-officer', desk);
    await signIn(officer, '/workbench', yangZhijun);
    await officer.getByRole('menuitem', { name: '时限与升级' }).click();
    await officer.locator('.ant-segmented-item').filter({ hasText: '街道（镇）' }).click();
    await officer.getByRole('link', { name: '星河悦城2号楼增压泵噪音扰民' }).click();
    await expect.poll(() => officer.getByTestId('ladder-level').textContent()).toBe('街道（镇）');
    await expect.poll(() => officer.getByTestId('time-left').first().textContent()).toMatch(/^已超期/);

    await button(officer, '吹哨').click();
    const dialog = officer.getByRole('dialog');
    // A street holds more parties than a dropdown shows: the officer types part of the name, as one would.
    await dialog.getByTestId('whistle-parties').click();
    await officer.keyboard.type('新家源');
    await officer.getByTitle('宁夏新家源集团房地产开发有限公司').click();
    await officer.keyboard.press('Escape');
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel('报到期限').fill(`${day} 10:00`);
    await dialog.getByLabel('报到期限').press('Enter');
    await dialog.getByLabel('说明').fill('请开发商带静音泵方案到现场');
    await button(dialog, '确定').click();

    const summons = officer.getByTestId('summons').filter({ hasText: '宁夏新家源集团房地产开发有限公司' });
    await expect.poll(() => summons.textContent()).toContain('待报到');
    // The whistle dialog fades out over the page; check the page once it is gone.
    await expect.poll(() => officer.locator('.ant-modal-mask').count(), { timeout: 5_000 }).toBe(0);
    await expect.poll(() => officer.locator('.ant-spin-blur').count(), { timeout: 5_000 }).toBe(0);
    expect(await seriousAccessibilityViolations(officer)).toEqual([]);
    // The developer holds no account here: the officer records its arrival, as an office does on paper.
    await button(summons, '报到').click();
    await expect.poll(() => summons.textContent()).toContain('按时');
    await expect.poll(() => officer.getByText('吹哨', { exact: true }).count()).toBeGreaterThan(0);
  });

  it('an admin loads the next year’s holiday notice from a JSON file, and the provisional years go', async () => {
    const admin = await openPage('ladder-admin', desk);
    await signIn(admin, '/workbench', '17000000001');
    await admin.getByRole('menuitem', { name: '时限与升级' }).click();
    await admin.getByRole('tab', { name: '节假日安排' }).click();
    await expect.poll(() => admin.getByRole('alert').first().textContent()).toContain('2027');
    // A made-up notice for the journey's own database, never the real one typed from memory.
    const notice = {
      source: '测试用通知（虚构）',
      year: 2027,
      holidays: [{ name: '测试假期', from: '2027-03-01', to: '2027-03-05' }],
      working_weekend_days: ['2027-03-06'],
    };
    await admin.locator('input[type=file]').setInputFiles({
      name: 'notice-2027.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(notice)),
    });
    await expect.poll(() => admin.getByLabel('通知名称').inputValue()).toBe('测试用通知（虚构）');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await button(admin, '导入并重算期限').click();
    await expect.poll(() => admin.getByText(/已导入 2027 年通知/).count()).toBe(1);
    await expect.poll(() => admin.getByRole('row').filter({ hasText: '测试用通知（虚构）' }).count()).toBe(1);
    await expect.poll(() => admin.getByText('2027 年的通知尚未导入', { exact: false }).count()).toBe(0);
  });
});
