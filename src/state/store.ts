// The cache and shared-state seam. In memory by default; a Redis store implements the same
// interface (values are plain JSON, so they serialise unchanged).
export interface CacheStore {
  get(key: string): Promise<unknown>;
  /**
   * The value without waiting, for a store in this process's memory; absent on a store that must
   * ask elsewhere (Redis). Lets a warm read skip every promise and tick.
   */
  peek?(key: string): unknown;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
}
