import { describe, expect, it } from 'vitest';
import { addressAllowed, classifyAddress, urlProblem } from './addresses.ts';

describe('channel addresses (SSRF guard)', () => {
  it('tells public, loopback and internal addresses apart, IPv4 written as IPv6 included', () => {
    expect(classifyAddress('203.0.113.9')).toBe('public');
    expect(classifyAddress('106.11.23.4')).toBe('public');
    expect(classifyAddress('127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::1')).toBe('loopback');
    for (const a of [
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.254',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ])
      expect(classifyAddress(a), a).toBe('internal');
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('172.32.0.1')).toBe('public');
    expect(classifyAddress('not an address')).toBe('invalid');
  });

  it('refuses inside addresses unless configuration allows them; loopback alone for tests', () => {
    expect(addressAllowed('127.0.0.1', 'refuse')).toBe(false);
    expect(addressAllowed('127.0.0.1', 'loopback')).toBe(true);
    expect(addressAllowed('10.0.0.5', 'loopback')).toBe(false);
    expect(addressAllowed('10.0.0.5', 'allow')).toBe(true);
    expect(addressAllowed('203.0.113.9', 'refuse')).toBe(true);
  });

  it('takes only http(s) addresses without a user or password', () => {
    expect(urlProblem('https://oapi.dingtalk.com/robot/send?access_token=abc')).toBeNull();
    expect(urlProblem('ftp://example.com/')).toBe('url_scheme');
    expect(urlProblem('file:///etc/passwd')).toBe('url_scheme');
    expect(urlProblem('https://user:pw@example.com/')).toBe('url_credentials');
    expect(urlProblem('qyapi.weixin.qq.com')).toBe('url_invalid');
  });
});
