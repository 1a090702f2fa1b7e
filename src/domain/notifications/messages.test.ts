import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accepted, channelRequest, dingtalkSign, feishuSign } from './messages.ts';
import { smsText } from './sms-text.ts';

const notice = {
  kind: 'dispatched',
  title: '新派单（主办）：路灯不亮',
  body: null,
  link: 'https://sl.example/workbench/problems/1',
};
const now = new Date('2026-11-27T02:00:00Z');

describe('group-robot messages', () => {
  it('WeCom: a text message to the keyed address, unsigned', () => {
    const r = channelRequest(
      { kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', secret: null },
      notice,
      now,
    );
    expect(r.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k');
    expect(JSON.parse(r.body)).toEqual({
      msgtype: 'text',
      text: { content: '【商量】新派单（主办）：路灯不亮\nhttps://sl.example/workbench/problems/1' },
    });
  });

  it('DingTalk: timestamp in ms and the URL-encoded signature over timestamp\\nsecret keyed by the secret', () => {
    const r = channelRequest(
      { kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'SECabc' },
      notice,
      now,
    );
    const url = new URL(r.url);
    expect(url.searchParams.get('access_token')).toBe('t');
    expect(url.searchParams.get('timestamp')).toBe(String(now.getTime()));
    const expected = createHmac('sha256', 'SECabc').update(`${now.getTime()}\nSECabc`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(expected);
    expect(r.url).toContain(`sign=${encodeURIComponent(expected)}`);
    expect(JSON.parse(r.body).msgtype).toBe('text');
  });

  it('Feishu: timestamp in seconds and sign in the body, keyed by timestamp\\nsecret over nothing', () => {
    const r = channelRequest(
      { kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', secret: 's' },
      notice,
      now,
    );
    const body = JSON.parse(r.body);
    const ts = Math.floor(now.getTime() / 1000);
    expect(body).toMatchObject({
      timestamp: String(ts),
      msg_type: 'text',
      content: { text: expect.stringContaining('路灯不亮') },
    });
    expect(body.sign).toBe(createHmac('sha256', `${ts}\ns`).update('').digest('base64'));
    // The two schemes differ: a DingTalk signature would be refused by Feishu.
    expect(feishuSign('s', ts)).not.toBe(dingtalkSign('s', ts));
  });

  it('reads each robot’s answer: errcode, code or StatusCode 0 is accepted, anything else is not', () => {
    expect(accepted('dingtalk', 200, '{"errcode":0,"errmsg":"ok"}')).toBe(true);
    expect(accepted('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toBe(false);
    expect(accepted('wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toBe(false);
    expect(accepted('feishu', 200, '{"code":0,"msg":"success"}')).toBe(true);
    expect(accepted('feishu', 200, '{"code":19021,"msg":"sign match fail"}')).toBe(false);
    expect(accepted('feishu', 200, '{"StatusCode":0}')).toBe(true);
    expect(accepted('webhook', 204, '')).toBe(true);
    expect(accepted('webhook', 500, '')).toBe(false);
  });
});

describe('SMS texts', () => {
  it('are signed, in one message of at most 70 characters', () => {
    expect(smsText({ title: '您反映的“路灯不亮”有了回复', body: '已修好' })).toBe(
      '【商量】您反映的“路灯不亮”有了回复：已修好',
    );
    const long = smsText({ title: '您反映的问题已办结', body: '很长的回复'.repeat(30) });
    expect(Array.from(long)).toHaveLength(70);
    expect(long.endsWith('…')).toBe(true);
  });
});
