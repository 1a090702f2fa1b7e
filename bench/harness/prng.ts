// A seeded pseudo-random source, so the same seed builds the same city on any machine and any day.
// mulberry32: 32 bits of state, fast, and good enough to pick names and sizes (not for secrets).

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** An unsigned 32-bit integer. */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `[['a', 3], ['b', 1]]` gives 'a' three times as often as 'b'. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items.at(-1)![0];
  }

  /** A new source whose sequence depends only on this seed and `label`, so adding draws elsewhere
   *  does not shift what another part of the generator builds. */
  fork(label: string): Random {
    let h = this.state ^ 0x9e3779b9;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x85ebca6b) >>> 0;
    return new Random(h);
  }
}

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/**
 * Ids in the UUIDv7 layout (RFC 9562) made from a clock that starts at `startMs` and ticks one millisecond
 * per id, with the random bits drawn from `random`: valid, time-ordered and the same for the same seed.
 */
export function uuidv7Sequence(random: Random, startMs: number): () => string {
  let ms = startMs;
  return () => {
    ms += 1;
    const time = hex(ms, 12);
    const randA = hex(random.uint32() & 0xfff, 3);
    const variant = hex(0x8 | (random.uint32() & 0x3), 1);
    const randB = hex(random.uint32() & 0xfff, 3);
    const tail = hex(random.uint32(), 8) + hex(random.uint32() & 0xffff, 4);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${randA}-${variant}${randB}-${tail}`;
  };
}

/**
 * A bijection of [0, modulus) for a modulus whose prime factors are only 2 and 5 (10^n, 2^n):
 * multiplying by a number coprime to 10 and adding an offset permutes the residues, so distinct
 * indices give distinct, scattered values (phone numbers, household codes) with no set to check.
 */
export function scatter(index: bigint, modulus: bigint, seed: number): bigint {
  const multiplier = (6_364_136_223_846_793_005n % modulus) | 1n;
  const coprime = multiplier % 5n === 0n ? multiplier + 2n : multiplier;
  return (index * coprime + BigInt(seed) * 2_654_435_761n) % modulus;
}
