// The cache and shared-state seam. In memory by default; a Redis store implements the same
// interface (values are plain JSON, so they serialise unchanged).
export interface CacheStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
}
