import crypto from 'node:crypto';

// Printed on a notice so a resident can link their account to the household without a visit, so it is a
// secret of sorts: uniformly random, 10 characters of 31 (about 49 bits). No 0/O or 1/I/L, which are
// misread on paper.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 10;
// Bytes at or above the largest multiple of 31 are dropped, so every character is equally likely.
const UNBIASED_BELOW = 256 - (256 % ALPHABET.length);

export function newHouseholdCode(): string {
  let code = '';
  while (code.length < LENGTH) {
    for (const byte of crypto.randomBytes(16)) {
      if (byte >= UNBIASED_BELOW) continue;
      code += ALPHABET[byte % ALPHABET.length];
      if (code.length === LENGTH) break;
    }
  }
  return code;
}
