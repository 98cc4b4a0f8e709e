import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';

/** The characters JavaScript's String.prototype.trim() removes (WhiteSpace and LineTerminator). */
const jsWhitespace = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/**
 * ── TRUST BOUNDARY ── Person identifiers are replaced by a keyed hash (HMAC-SHA-256) as rows are staged (in Node, or
 * in the statement that reads a simple CSV file), so raw IDs are never stored. The key is per workspace and kept beside it (`<workspace>.key`), outside the
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

  /**
   * The same keyed hash as an SQL expression over `value`, for the fast CSV path (sources/csvFastStage.ts): HMAC's inner
   * and outer key pads are bound as parameters for the one statement that reads the file, so raw identifiers are
   * hashed as they stream from the file and never stored; the key itself is never written into SQL or the workspace.
   * Trimming follows JavaScript's trim(), as hash() does.
   */
  sqlHash(value: string): { sql: string; params: Record<string, string> } {
    const block = this.key.length > 64 ? createHash('sha256').update(this.key).digest() : this.key;
    const padded = Buffer.concat([block, Buffer.alloc(64 - block.length)]);
    const pad = (byte: number) => Buffer.from(padded.map((b) => b ^ byte)).toString('hex');
    // trim() with a set of characters is slow in DuckDB (about 0.35 µs a value), so it runs only for values that
    // start or end with one of them; the test is a regular expression compiled once per statement.
    // Every built-in is named in full (`system.main.…`, `||` too: concat() would turn the bytes into text): a macro
    // planted in a crafted workspace's own schema would otherwise be called instead, and could make the HMAC plain text.
    const fn = (name: string) => `system.main.${name}`;
    const trimmed = `CASE WHEN ${fn('regexp_matches')}(${value}, '^[${jsWhitespace}]|[${jsWhitespace}]$') THEN ${fn('trim')}(${value}, $csw_ws) ELSE ${value} END`;
    const inner = `${fn('sha256')}(${fn('"||"')}(${fn('unhex')}($csw_ipad), ${fn('encode')}(${trimmed})))`;
    return {
      sql: `CASE WHEN ${trimmed} = '' THEN ${value} ELSE ${fn('left')}(${fn('sha256')}(${fn('"||"')}(${fn('unhex')}($csw_opad), ${fn('unhex')}(${inner}))), 24) END`,
      params: { csw_ipad: pad(0x36), csw_opad: pad(0x5c), csw_ws: jsWhitespace },
    };
  }

  /** 24 hex characters (96 bits): collisions are negligible at any realistic number of people. */
  hash(id: string): string {
    return createHmac('sha256', this.key).update(id.trim()).digest('hex').slice(0, 24);
  }
}
