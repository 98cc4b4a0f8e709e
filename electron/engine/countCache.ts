/** Row counts per source and filter, so paging a filtered table counts once rather than once per block. */
export class CountCache {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limit = 500) {}

  async get(key: string, count: () => Promise<number>): Promise<number> {
    const cached = this.counts.get(key);
    if (cached !== undefined) return cached;
    const value = await count();
    if (this.counts.size >= this.limit) this.counts.delete(this.counts.keys().next().value as string);
    this.counts.set(key, value);
    return value;
  }

  /** Datasets changed (an import, a drop): every cached count may be stale. */
  clear(): void {
    this.counts.clear();
  }
}
