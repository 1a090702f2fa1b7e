import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isFileDigest } from '../../domain/files/image-type.ts';

// Files live under FILES_DIR named by the SHA-256 of their bytes, in folders by the first two hex digits so
// no folder grows past a few thousand entries. A name never comes from a user: only a digest makes a path.

export function digestOf(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** The path of a stored file, or undefined when the name is not a digest (nothing else is ever opened). */
export function storedPath(filesDir: string, digest: string): string | undefined {
  if (!isFileDigest(digest)) return undefined;
  const root = path.resolve(filesDir);
  const full = path.resolve(root, digest.slice(0, 2), digest);
  return full.startsWith(root + path.sep) ? full : undefined;
}

/**
 * Writes the bytes once: the same photo sent twice is one file. Written to a temporary name and renamed,
 * so a reader never sees half a file and a crash leaves no file under a digest it does not match.
 */
export async function storeFile(filesDir: string, bytes: Uint8Array): Promise<string> {
  const digest = digestOf(bytes);
  const target = storedPath(filesDir, digest)!;
  try {
    await fs.access(target);
    return digest;
  } catch {
    // not stored yet
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, target);
  } catch (error) {
    // A full disk (ENOSPC) leaves half a file behind: remove it, and let the caller answer 503.
    await fs.rm(temporary, { force: true });
    throw error;
  }
  return digest;
}

/** Deletes stored files by digest; one already gone is no error (a sweep may run twice). */
export async function removeFiles(filesDir: string, digests: readonly string[]) {
  for (const digest of digests) {
    const target = storedPath(filesDir, digest);
    if (target) await fs.rm(target, { force: true });
  }
}
