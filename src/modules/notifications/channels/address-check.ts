import { lookup } from 'node:dns/promises';
import {
  addressAllowed,
  type PrivateAddressPolicy,
  urlProblem,
} from '../../../domain/notifications/addresses.ts';

export type Resolver = (host: string) => Promise<string[]>;

const systemResolver: Resolver = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

export type AddressVerdict =
  | { ok: true }
  | { ok: false; reason: 'url_invalid' | 'url_scheme' | 'url_credentials' | 'host_unknown' | 'host_private' };

/**
 * Whether a channel address may be called: well formed, and every address its host name resolves to lies
 * outside our own network unless configuration allows it. Asked when an admin saves a channel, and again
 * before each delivery (a name may resolve elsewhere later).
 */
export async function checkChannelAddress(
  raw: string,
  policy: PrivateAddressPolicy,
  resolve: Resolver = systemResolver,
): Promise<AddressVerdict> {
  const problem = urlProblem(raw);
  if (problem) return { ok: false, reason: problem };
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return { ok: false, reason: 'host_unknown' };
  }
  if (addresses.length === 0) return { ok: false, reason: 'host_unknown' };
  return addresses.every((a) => addressAllowed(a, policy))
    ? { ok: true }
    : { ok: false, reason: 'host_private' };
}
