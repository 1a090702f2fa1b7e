import { BlockList, isIP } from 'node:net';

/** How far an admin may point a channel inside our own network: nowhere, loopback only (tests), anywhere. */
export type PrivateAddressPolicy = 'refuse' | 'loopback' | 'allow';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

// Addresses a server must not be made to call on someone's behalf (SSRF): private, shared, link-local
// (cloud metadata at 169.254.169.254), multicast, reserved, and their IPv6 counterparts.
const internal = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  internal.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  internal.addSubnet(net, bits, 'ipv6');

export type AddressClass = 'public' | 'loopback' | 'internal' | 'invalid';

export function classifyAddress(address: string): AddressClass {
  const family = isIP(address);
  if (family === 0) return 'invalid';
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return classifyAddress(mapped);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (loopback.check(address, type)) return 'loopback';
  if (internal.check(address, type)) return 'internal';
  return 'public';
}

export function addressAllowed(address: string, policy: PrivateAddressPolicy): boolean {
  const kind = classifyAddress(address);
  if (kind === 'public') return true;
  if (kind === 'invalid') return false;
  return policy === 'allow' || (policy === 'loopback' && kind === 'loopback');
}

export type UrlProblem = 'url_invalid' | 'url_scheme' | 'url_credentials';

/** The shape of a channel address before any name is looked up: http(s), no user:password@. */
export function urlProblem(raw: string): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url_invalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url_scheme';
  if (url.username || url.password) return 'url_credentials';
  return null;
}
