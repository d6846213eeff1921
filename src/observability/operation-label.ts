// Operation names as label values. Callers choose them, so they are bounded here: a name must be a
// GraphQL name of reasonable length, and only the first `max` distinct names get a series of their
// own; any later new name is counted as "__other" (a storefront's persisted documents are a few
// dozen names; a flood of invented ones must not grow the scrape without bound).
export const ANONYMOUS = '__anonymous';
export const OTHER = '__other';

const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

export class OperationLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  of(name: string | null | undefined): string {
    if (name === null || name === undefined || name === '') return ANONYMOUS;
    if (!NAME.test(name)) return OTHER;
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.max) return OTHER;
    this.seen.add(name);
    return name;
  }
}

/** Error codes as label values: the codes the gateway and its libraries set are SCREAMING_SNAKE words. */
export function errorCodeLabel(code: unknown): string {
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,47}$/.test(code) ? code : 'OTHER';
}
