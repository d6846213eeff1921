// What one GraphQL operation served from the catalog cache because Partner Center failed
// (stale-if-error). The catalog source notes each such read; useStaleCatalogMarker reports the
// oldest in the response's `extensions.catalog`, so a storefront can say "prices as of …".
export class StaleCatalogReads {
  private oldestMs: number | undefined;

  note(ageMs: number): void {
    this.oldestMs = Math.max(this.oldestMs ?? 0, ageMs);
  }

  /** Whole seconds (rounded down) of the oldest stale copy served; undefined when none was. */
  get oldestAgeSeconds(): number | undefined {
    return this.oldestMs === undefined ? undefined : Math.floor(this.oldestMs / 1000);
  }
}
