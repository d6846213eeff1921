// The identifier rules of src/ids.ts, and that every place which checks an id uses them: global
// ids, mutation arguments, federation representations, catalog arguments and correlation ids accept
// and refuse exactly what src/ids.ts does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_ITEM_ID_EXAMPLE, ID_PATTERNS, isGuid, normalizeGuid, parseCatalogItemId } from '../../src/ids.js';
import { decodeGlobalId, encodeGlobalId, validGuid } from '../../src/schema/node.js';
import { entityKey } from '../../src/schema/federation/representation.js';
import { validCatalogItemId as catalogItemArg } from '../../src/schema/catalog/catalog.args.js';
import { correlationIdOf } from '../../src/plugins/correlation.js';

const GUID = '0d8f5c9e-3b1a-4c2d-9e8f-7a6b5c4d3e2f';
const GUIDS: [string, string | undefined][] = [
  [GUID, GUID],
  [GUID.toUpperCase(), GUID],
  [` ${GUID}\t`, GUID],
  ['0d8f5c9e3b1a4c2d9e8f7a6b5c4d3e2f', undefined],
  [`{${GUID}}`, undefined],
  [`${GUID}0`, undefined],
  ['0d8f5c9e-3b1a-4c2d-9e8f-7a6b5c4d3e2g', undefined],
  ['', undefined],
];
const CATALOG_ITEMS: [string, boolean][] = [
  [CATALOG_ITEM_ID_EXAMPLE, true],
  ['DZH318Z0BQ3Q:0007:DZH318Z0BM8D', true],
  ['CFQ7TTC0LH18:0001', false],
  ['CFQ7TTC0LH18:0001:CFQ7TTC0K971:US', false],
  ['CFQ7TTC0LH18::CFQ7TTC0K971', false],
  ['CFQ7 TTC0LH18:0001:CFQ7TTC0K971', false],
  ['CFQ7TTC0LH18:00012345678901234:CFQ7TTC0K971', false],
  ['../x:0001:CFQ7TTC0K971', false],
  // A legacy offer id is a GUID, not a catalog item id.
  [GUID, false],
];

const throws = (f: () => unknown): boolean => {
  try {
    f();
    return false;
  } catch {
    return true;
  }
};

describe('src/ids.ts', () => {
  it.each(GUIDS)('normalizes the GUID %j to %j', (input, expected) => {
    expect(normalizeGuid(input)).toBe(expected);
    expect(isGuid(input)).toBe(expected !== undefined && input === input.trim());
  });

  it.each(CATALOG_ITEMS)('parses the catalog item id %j: %s', (input, valid) => {
    const parts = parseCatalogItemId(input);
    expect(parts !== undefined).toBe(valid);
    if (parts) expect(`${parts.productId}:${parts.skuId}:${parts.availabilityId}`).toBe(input);
  });

  it('knows the shapes of Partner Center ids', () => {
    expect(ID_PATTERNS.country.test('US')).toBe(true);
    expect(ID_PATTERNS.country.test('us')).toBe(false);
    expect(ID_PATTERNS.orderId.test('a1b2c3d4e5f6')).toBe(true);
    expect(ID_PATTERNS.invoiceId.test('G012345678')).toBe(true);
    expect(ID_PATTERNS.invoiceId.test('G01/2345678')).toBe(false);
  });
});

describe('every id check follows src/ids.ts', () => {
  it.each(GUIDS)('GUID %j: arguments, global ids, representations and correlation ids agree', (input, expected) => {
    expect(throws(() => validGuid(input, 'customerId'))).toBe(expected === undefined);
    if (expected) expect(validGuid(input, 'customerId')).toBe(expected);
    expect(entityKey.Customer({ customerId: input })).toBe(expected);
    expect(throws(() => decodeGlobalId(encodeGlobalId('Customer', input)))).toBe(!isGuid(input));
    const request = new Request('http://gateway.test/graphql', { headers: { 'ms-correlationid': input } });
    const id = correlationIdOf(request);
    if (expected) expect(id).toBe(expected);
    else expect(id).not.toBe(input.trim().toLowerCase());
  });

  it.each(CATALOG_ITEMS)('catalog item id %j: the catalogItem argument and representations agree', (input, valid) => {
    expect(throws(() => catalogItemArg(input))).toBe(!valid);
    expect(entityKey.Availability({ catalogItemId: input, country: 'US' }) !== undefined).toBe(valid);
  });

  it('leaves GUID patterns to src/ids.ts alone (the sandbox keeps its own on purpose)', () => {
    const root = new URL('../../src', import.meta.url).pathname;
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    const offenders = files(root)
      .map((path) => relative(root, path))
      .filter((path) => path !== 'ids.ts' && !path.startsWith('sandbox/'))
      .filter((path) => readFileSync(join(root, path), 'utf8').includes('0-9a-fA-F]{8}'));
    expect(offenders).toEqual([]);
  });

  it('keeps the sandbox independent of src/ids.ts', () => {
    const root = new URL('../../src/sandbox', import.meta.url).pathname;
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    expect(files(root).filter((path) => /from '(\.\.\/)+ids\.js'/.test(readFileSync(path, 'utf8')))).toEqual([]);
  });
});
