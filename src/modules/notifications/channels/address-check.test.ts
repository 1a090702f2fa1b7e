import { describe, expect, it } from 'vitest';
import { checkChannelAddress, type Resolver } from './address-check.ts';

// The names resolve through a stand-in: the check is tested without sending or asking DNS anything.
const names: Record<string, string[]> = {
  'oapi.dingtalk.com': ['106.11.23.4'],
  'intranet.example': ['10.0.0.7'],
  'sneaky.example': ['106.11.23.4', '127.0.0.1'],
};
const resolve: Resolver = async (host) => {
  const found = names[host] ?? (/^[\d.]+$|:/.test(host) ? [host] : undefined);
  if (!found) throw new Error('ENOTFOUND');
  return found;
};

describe('checking a channel address when an admin saves it', () => {
  it('accepts a robot on the internet', async () => {
    expect(
      await checkChannelAddress('https://oapi.dingtalk.com/robot/send?access_token=x', 'refuse', resolve),
    ).toEqual({ ok: true });
  });

  it('refuses names that lead inside, even when only one of their addresses does', async () => {
    for (const url of [
      'http://intranet.example/hook',
      'http://sneaky.example/hook',
      'http://127.0.0.1:8080/',
      'http://[::1]/',
      'http://169.254.169.254/latest/meta-data',
    ])
      expect(await checkChannelAddress(url, 'refuse', resolve), url).toEqual({
        ok: false,
        reason: 'host_private',
      });
  });

  it('lets loopback through when configured for tests, but nothing else inside', async () => {
    expect(await checkChannelAddress('http://127.0.0.1:9/', 'loopback', resolve)).toEqual({ ok: true });
    expect(await checkChannelAddress('http://intranet.example/', 'loopback', resolve)).toEqual({
      ok: false,
      reason: 'host_private',
    });
  });

  it('names what is wrong with a malformed or unknown address', async () => {
    expect(await checkChannelAddress('not a url', 'refuse', resolve)).toEqual({
      ok: false,
      reason: 'url_invalid',
    });
    expect(await checkChannelAddress('gopher://oapi.dingtalk.com/', 'refuse', resolve)).toEqual({
      ok: false,
      reason: 'url_scheme',
    });
    expect(await checkChannelAddress('https://nowhere.example/', 'refuse', resolve)).toEqual({
      ok: false,
      reason: 'host_unknown',
    });
  });
});
