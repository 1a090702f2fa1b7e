import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.ts';
import { as } from '../../../../test/factories.ts';
import { deliverDue } from '../deliver.ts';
import {
  dingtalkAccepts,
  feishuAccepts,
  loopWorld,
  type Received,
  receiver,
  webhookAccepts,
} from '../notifications.testkit.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof loopWorld>>;
const receivers: Awaited<ReturnType<typeof receiver>>[] = [];

beforeAll(async () => {
  // The receivers listen on loopback, which tests allow; everything else inside stays refused.
  t = await testApp({ NOTIFY_POLL_SECONDS: 0, CHANNEL_PRIVATE_ADDRESSES: 'loopback' });
  w = await loopWorld(t);
});
afterAll(async () => {
  await t.close();
  for (const r of receivers) await r.close();
});

async function robot(answer: (r: Received) => { status: number; body: string }) {
  const r = await receiver(answer);
  receivers.push(r);
  return r;
}

const ok = (accepts: boolean, code: 'errcode' | 'code') =>
  accepts
    ? {
        status: 200,
        body: JSON.stringify({
          [code]: 0,
          [code === 'code' ? 'msg' : 'errmsg']: code === 'code' ? 'success' : 'ok',
        }),
      }
    : {
        status: 200,
        body: JSON.stringify({
          [code]: code === 'code' ? 19021 : 310000,
          msg: 'sign not match',
          errmsg: 'sign not match',
        }),
      };

async function addChannel(payload: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/notification-channels',
    headers: as(w.secretary.session),
    payload: { placeId: w.town.community.id, ...payload },
  });
  return response;
}

async function until(check: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + 5000;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return check();
}

async function log(channelId: string) {
  return (
    await t.app.inject({
      url: `/api/notification-channels/${channelId}/deliveries`,
      headers: as(w.secretary.session),
    })
  ).json() as {
    items: { kind: string; status: string; attempts: number; lastStatus: number; lastResponse: string }[];
  };
}

describe('group robots and webhooks of a community', () => {
  it('each hears a dispatch in its own format and signing, after commit, and the log shows its answer', async () => {
    const dingtalk = await robot((r) => ok(dingtalkAccepts(r, 'SECding'), 'errcode'));
    const feishu = await robot((r) => ok(feishuAccepts(r, 'feishu-secret'), 'code'));
    const wecom = await robot(() => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }));
    const hook = await robot((r) => ({ status: webhookAccepts(r, 'hook-secret') ? 204 : 401, body: '' }));
    const made = [
      await addChannel({
        kind: 'dingtalk',
        name: '社区钉钉群',
        url: `${dingtalk.base}/robot/send?access_token=tok123456`,
        secret: 'SECding',
      }),
      await addChannel({
        kind: 'feishu',
        name: '社区飞书群',
        url: `${feishu.base}/open-apis/bot/v2/hook/abcdef0123456789`,
        secret: 'feishu-secret',
      }),
      await addChannel({
        kind: 'wecom',
        name: '网格企业微信群',
        url: `${wecom.base}/cgi-bin/webhook/send?key=wecomkey99`,
      }),
      await addChannel({
        kind: 'webhook',
        name: '区平台',
        url: `${hook.base}/shangliang`,
        secret: 'hook-secret',
      }),
    ];
    expect(made.map((m) => m.statusCode)).toEqual([201, 201, 201, 201]);
    const channel = made[0]!.json();
    expect(channel).toMatchObject({ kind: 'dingtalk', hasSecret: true, placeName: w.town.community.name });
    expect(channel.url).not.toContain('tok123456');
    expect(JSON.stringify(made.map((m) => m.json()))).not.toContain('SECding');

    const { title } = await w.dispatchedProblem();
    const all = [dingtalk, feishu, wecom, hook];
    expect(await until(() => all.every((r) => r.received.length === 1))).toBe(true);
    expect(JSON.parse(dingtalk.received[0]!.body)).toEqual({
      msgtype: 'text',
      text: { content: expect.stringContaining(`新派单（主办）：${title}`) },
    });
    expect(JSON.parse(wecom.received[0]!.body).text.content).toContain(
      'http://localhost:8080/workbench/problems/',
    );
    expect(JSON.parse(feishu.received[0]!.body)).toMatchObject({
      msg_type: 'text',
      content: { text: expect.stringContaining(title) },
    });
    expect(hook.received[0]!.headers['x-shangliang-delivery']).toMatch(/^\d+$/);
    expect(JSON.parse(hook.received[0]!.body)).toMatchObject({
      event: 'dispatched',
      title: `新派单（主办）：${title}`,
    });

    expect(await until(async () => (await log(channel.id)).items[0]?.status === 'sent')).toBe(true);
    expect((await log(channel.id)).items[0]).toMatchObject({
      kind: 'dispatched',
      attempts: 1,
      lastStatus: 200,
      lastResponse: '{"errcode":0,"errmsg":"ok"}',
    });
    for (const m of made) {
      expect(
        await until(async () => (await log(m.json().id)).items[0]?.status === 'sent'),
        m.json().kind,
      ).toBe(true);
    }
    const listed = (
      await t.app.inject({ url: '/api/notification-channels', headers: as(w.secretary.session) })
    ).json();
    expect(listed.items.find((c: { id: string }) => c.id === channel.id).lastDelivery).toMatchObject({
      status: 'sent',
    });
  });

  it('the test button sends now and shows the far side’s answer, refusals included', async () => {
    const dingtalk = await robot((r) => ok(dingtalkAccepts(r, 'SECright'), 'errcode'));
    const good = (
      await addChannel({
        kind: 'dingtalk',
        name: '钉钉（对）',
        url: `${dingtalk.base}/robot/send?access_token=a`,
        secret: 'SECright',
      })
    ).json();
    const bad = (
      await addChannel({
        kind: 'dingtalk',
        name: '钉钉（错）',
        url: `${dingtalk.base}/robot/send?access_token=b`,
        secret: 'SECwrong',
      })
    ).json();
    const test = (id: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/notification-channels/${id}/test`,
        headers: as(w.secretary.session),
      });
    expect((await test(good.id)).json()).toEqual({
      ok: true,
      status: 200,
      response: '{"errcode":0,"errmsg":"ok"}',
    });
    const refused = (await test(bad.id)).json();
    expect(refused).toMatchObject({ ok: false, status: 200 });
    expect(refused.response).toContain('sign not match');
    expect(JSON.parse(dingtalk.received.at(-1)!.body).text.content).toContain('测试消息：钉钉（错） 已接通');
    expect((await log(bad.id)).items[0]).toMatchObject({ kind: 'test', status: 'failed' });
  });

  it('retries a failing robot with back-off, and a dead one never fails the dispatch', async () => {
    let calls = 0;
    const flaky = await robot(() =>
      ++calls === 1
        ? { status: 502, body: 'bad gateway' }
        : { status: 200, body: '{"errcode":0,"errmsg":"ok"}' },
    );
    const channel = (
      await addChannel({
        kind: 'wecom',
        name: '时好时坏',
        url: `${flaky.base}/send?key=k`,
        eventKinds: ['taken'],
      })
    ).json();
    // A channel on a port where nobody listens: the request still succeeds.
    const dead = (
      await addChannel({
        kind: 'wecom',
        name: '已停用的群',
        url: 'http://127.0.0.1:9/send?key=k',
        eventKinds: ['taken'],
      })
    ).json();

    const { orderId } = await w.dispatchedProblem();
    const take = await t.app.inject({
      method: 'POST',
      url: `/api/orders/${orderId}/take`,
      headers: as(w.property.session),
    });
    expect(take.statusCode).toBe(204);
    expect(await until(async () => (await log(channel.id)).items[0]?.attempts === 1)).toBe(true);
    expect((await log(channel.id)).items[0]).toMatchObject({
      status: 'pending',
      lastStatus: 502,
      lastResponse: 'bad gateway',
    });
    expect(await until(async () => (await log(dead.id)).items[0]?.attempts === 1)).toBe(true);
    expect((await log(dead.id)).items[0]).toMatchObject({ status: 'pending', lastStatus: null });

    // Not before its time; then, 30 s later, it goes through.
    await deliverDue(t.app.deps, new Date(Date.now() + 10_000));
    expect(calls).toBe(1);
    await deliverDue(t.app.deps, new Date(Date.now() + 31_000));
    expect(calls).toBe(2);
    expect((await log(channel.id)).items[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('refuses an address inside our network when saved, beside the field', async () => {
    const refused = await addChannel({ kind: 'webhook', name: '内网', url: 'http://10.0.0.8/hook' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: 'url', message: '不能发往内网或本机地址' }]);
    const scheme = await addChannel({ kind: 'webhook', name: '文件', url: 'file:///etc/passwd' });
    expect(scheme.json().errors[0].field).toBe('url');
  });
});
