import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';

/**
 * ── TRUST BOUNDARY ── Person identifiers are replaced by a keyed hash (HMAC-SHA-256) in Node, before any row reaches
 * DuckDB, so raw IDs are never stored. The key is per workspace and kept beside it (`<workspace>.key`), outside the
 * folder DuckDB may read, so user SQL cannot see it. The same ID hashes the same way on every import, so repeat
 * victims and offenders are still recognised; without the key the hashes cannot be reversed or recomputed.
 */
export class Pseudonymiser {
  private constructor(private readonly key: Buffer) {}

  static forWorkspace(workspacePath: string): Pseudonymiser {
    const keyPath = `${workspacePath.replace(/\.duckdb$/i, '')}.key`;
    if (!fs.existsSync(keyPath)) fs.writeFileSync(keyPath, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    return new Pseudonymiser(Buffer.from(fs.readFileSync(keyPath, 'utf8').trim(), 'hex'));
  }

  /** 24 hex characters (96 bits): collisions are negligible at any realistic number of people. */
  hash(id: string): string {
    return createHmac('sha256', this.key).update(id.trim()).digest('hex').slice(0, 24);
  }
}
