import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { desk, openPage, phone, seriousAccessibilityViolations } from './browser.ts';
import { button, signIn } from './sign-in.ts';

// Demo accounts (README): 王文贵 lives in 富平社区's 秦汉人家, in 马文华's grid; 田军 works for 星河物业;
// 马佳 is the party secretary of 富平社区.
const wangWengui = '17000000041';
const maWenhua = '17000000013';
const tianJun = '17000000022';
const maJia = '17000000004';

/** Calls the API as the page's signed-in user (same cookies), with the CSRF token of the session. */
async function call<T>(page: Page, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
  const session = await (await page.request.get('/api/auth/session')).json();
  const response = await page.request.fetch(url, {
    method,
    headers: { 'x-csrf-token': session.csrfToken },
    ...(data === undefined ? {} : { data }),
  });
  if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return (response.status() === 204 ? null : await response.json()) as T;
}

/** The resident raises a matter and the grid worker accepts it: the problem waits for its dispatch. */
async function acceptedProblem(resident: Page, grid: Page, title: string) {
  const matter = await call<{ id: string }>(resident, 'POST', '/api/matters', {
    kind: 'problem',
    category: 'environment',
    text: `${title}，晚上出门看不见路。`,
  });
  const { problemId } = await call<{ problemId: string }>(grid, 'POST', `/api/matters/${matter.id}/accept`, {
    title,
    urgency: 2,
    severity: 2,
  });
  const parties = await call<{ items: { id: string; name: string }[] }>(
    grid,
    'GET',
    '/api/parties?pageSize=100',
  );
  const property = parties.items.find((p) => p.name === '星河物业服务有限公司');
  if (!property) throw new Error('demo property company missing');
  return { problemId, partyId: property.id };
}

type Hit = { url: string; body: string };
const servers: http.Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

/** A robot on loopback that answers as the real one does: ok when the signature checks, an error code if not. */
async function robot(verify: (hit: Hit) => boolean, code: 'errcode' | 'code') {
  const hits: (Hit & { verified: boolean })[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const hit = { url: req.url ?? '', body };
      const verified = verify(hit);
      hits.push({ ...hit, verified });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          verified
            ? { [code]: 0, msg: 'success', errmsg: 'ok' }
            : { [code]: 310000, errmsg: 'sign not match' },
        ),
      );
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const dingtalkSigned = (secret: string) => (hit: Hit) => {
  const url = new URL(hit.url, 'http://x');
  const ts = url.searchParams.get('timestamp') ?? '';
  return (
    url.searchParams.get('sign') === createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64')
  );
};
const feishuSigned = (secret: string) => (hit: Hit) => {
  const body = JSON.parse(hit.body);
  return body.sign === createHmac('sha256', `${body.timestamp}\n${secret}`).update('').digest('base64');
};

describe('notifications, live and in the group chats', () => {
  it('a dispatch reaches the handler’s open inbox, and the resident sees the reply on an open page without reloading', async () => {
    const title = `路灯不亮（${Date.now()}）`;
    const resident = await openPage('notify-resident', phone);
    await signIn(resident, '/resident', wangWengui);
    await resident.getByRole('tab', { name: '我的反映' }).click();
    const grid = await openPage('notify-grid', desk);
    await signIn(grid, '/workbench', maWenhua);
    await expect.poll(() => grid.getByRole('menuitem', { name: /问题清单/ }).count()).toBe(1);

    // 田军 keeps his notifications open at his desk.
    const property = await openPage('notify-property', desk);
    await signIn(property, '/workbench', tianJun);
    await property.getByRole('menuitem', { name: /消息通知/ }).click();
    await expect.poll(() => property.getByTestId('notice-list').count()).toBe(1);

    const { problemId, partyId } = await acceptedProblem(resident, grid, title);
    // The resident's page shows the matter once it is there (it reloads itself on news of the problem).
    await resident.reload();
    await resident.getByRole('tab', { name: '我的反映' }).click();
    const card = resident.getByTestId('own-matter').filter({ hasText: title });
    await expect.poll(() => card.count()).toBe(1);

    await call(grid, 'POST', `/api/workbench/problems/${problemId}/dispatch`, { lead: { partyId } });
    const notice = property.getByTestId('notice').filter({ hasText: `新派单（主办）：${title}` });
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => property.getByTestId('unread-badge').textContent()).toMatch(/\d/);
    expect(await seriousAccessibilityViolations(property)).toEqual([]);

    // He opens it, takes the order and reports with a public reply.
    await button(notice, '查看').click();
    await expect.poll(() => property.url()).toContain(`/workbench/problems/${problemId}`);
    const orders = await call<{ items: { id: string; problemId: string }[] }>(
      property,
      'GET',
      '/api/orders/mine?pageSize=100',
    );
    const order = orders.items.find((o) => o.problemId === problemId);
    if (!order) throw new Error('order missing');
    await call(property, 'POST', `/api/orders/${order.id}/take`);
    const reply = `路灯已修好，感谢您的反映（${Date.now()}）`;
    await call(property, 'POST', `/api/orders/${order.id}/report`, {
      text: '已更换灯具',
      publicReply: reply,
    });

    // 结果反馈至居民本人: on the page that stayed open.
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain(reply);
    await expect.poll(() => resident.getByRole('tab', { name: /消息/ }).textContent()).toMatch(/\d/);
    await resident.getByRole('tab', { name: /消息/ }).click();
    await expect
      .poll(() => resident.getByTestId('notice').filter({ hasText: title }).count())
      .toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(resident)).toEqual([]);
    // The notice leads back to the matter, where the resident confirms or not.
    await button(resident.getByTestId('notice').filter({ hasText: title }).first(), '查看').click();
    await expect.poll(() => resident.getByRole('tab', { name: '我的反映', selected: true }).count()).toBe(1);
    await expect.poll(() => card.getByText('解决了', { exact: true }).count()).toBe(1);
  });

  it('the community’s DingTalk, WeCom and Feishu robots get correctly signed messages; the test button shows the answer', async () => {
    const dingtalk = await robot(dingtalkSigned('SECfuping'), 'errcode');
    const feishu = await robot(feishuSigned('feishu-fuping'), 'code');
    const wecom = await robot(() => true, 'errcode');

    const office = await openPage('notify-channels', desk);
    await signIn(office, '/workbench', maJia);
    await office.getByRole('menuitem', { name: /群机器人/ }).click();
    await button(office, '添加').click();
    const dialog = office.getByRole('dialog');
    await dialog.getByLabel('所属地点').click();
    await office.getByTitle('富平社区').click();
    await dialog.getByLabel('名称').fill('富平社区钉钉群');
    await dialog.getByLabel('Webhook 地址').fill(`${dingtalk.base}/robot/send?access_token=fuping0001`);
    await dialog.getByLabel('签名密钥（加签）').fill('SECfuping');
    await button(office, '保存').click();
    const row = office.getByRole('row').filter({ hasText: '富平社区钉钉群' });
    await expect.poll(() => row.count()).toBe(1);

    await button(row, '发送测试消息').click();
    await expect.poll(() => office.getByText(/测试消息已送达/).count()).toBeGreaterThan(0);
    expect(dingtalk.hits.at(-1)).toMatchObject({ verified: true });
    expect(JSON.parse(dingtalk.hits.at(-1)!.body).text.content).toContain('测试消息：富平社区钉钉群 已接通');

    const places = await call<{ id: string; name: string }[]>(office, 'GET', '/api/parties/place-options');
    const fuping = places.find((p) => p.name === '富平社区');
    if (!fuping) throw new Error('富平社区 missing');
    await call(office, 'POST', '/api/notification-channels', {
      placeId: fuping.id,
      kind: 'feishu',
      name: '富平社区飞书群',
      url: `${feishu.base}/open-apis/bot/v2/hook/fuping-feishu-0001`,
      secret: 'feishu-fuping',
    });
    await call(office, 'POST', '/api/notification-channels', {
      placeId: fuping.id,
      kind: 'wecom',
      name: '富平网格企业微信群',
      url: `${wecom.base}/cgi-bin/webhook/send?key=fuping-wecom`,
    });

    const title = `楼道堆物（${Date.now()}）`;
    const resident = await openPage('notify-channels-resident', phone);
    await signIn(resident, '/resident', wangWengui);
    const grid = await openPage('notify-channels-grid', desk);
    await signIn(grid, '/workbench', maWenhua);
    await expect.poll(() => grid.getByRole('menuitem', { name: /问题清单/ }).count()).toBe(1);
    const { problemId, partyId } = await acceptedProblem(resident, grid, title);
    await call(grid, 'POST', `/api/workbench/problems/${problemId}/dispatch`, { lead: { partyId } });

    const heard = (r: { hits: (Hit & { verified: boolean })[] }) =>
      r.hits.filter((h) => h.body.includes(title)).map((h) => h.verified);
    await expect
      .poll(() => [heard(dingtalk), heard(feishu), heard(wecom)], { timeout: 15_000 })
      .toEqual([[true], [true], [true]]);
    expect(JSON.parse(wecom.hits.at(-1)!.body)).toMatchObject({ msgtype: 'text' });

    // The delivery log shows what the robot answered.
    await office.reload();
    await button(office.getByRole('row').filter({ hasText: '富平社区钉钉群' }), '推送记录').click();
    await expect.poll(() => office.getByTestId('delivery-log').textContent()).toContain('"errcode":0');
    expect(await seriousAccessibilityViolations(office)).toEqual([]);
  });
});
