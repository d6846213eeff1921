import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed } from '../../src/sandbox/random.js';
import { MAX_RECORDED, Recorder } from '../../src/sandbox/recorder.js';
import { Router } from '../../src/sandbox/router.js';
import { ok } from '../../src/sandbox/request.js';

describe('createRandom', () => {
  it('repeats its stream for a seed and varies it across seeds', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return [r.next(), r.int(1000), r.guid(), r.chars('abc', 8)];
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(6)).not.toEqual(draw(5));
    expect(deriveSeed(5, 'catalog')).not.toBe(deriveSeed(5, 'customers'));
  });

  it('makes version-4-shaped GUIDs', () => {
    const r = createRandom(1);
    for (let i = 0; i < 50; i++) expect(r.guid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('Recorder', () => {
  it(`keeps only the last ${MAX_RECORDED} requests, newest last`, () => {
    const recorder = new Recorder();
    for (let i = 0; i < MAX_RECORDED + 700; i++) {
      recorder.record({ method: 'GET', path: `/v1/x/${i}`, query: {}, route: 'unmatched', headers: {}, status: 200, at: '' });
    }
    const log = recorder.requests();
    expect(log).toHaveLength(MAX_RECORDED);
    expect(log[0]?.path).toBe('/v1/x/700');
    expect(log.at(-1)?.path).toBe(`/v1/x/${MAX_RECORDED + 699}`);
  });
});

describe('Router', () => {
  it('prefers a literal segment over a parameter', () => {
    const router = new Router([
      { key: 'GET /v1/invoices/{invoiceId}/lineitems', handler: () => ok('param') },
      { key: 'GET /v1/invoices/unbilled/lineitems', handler: () => ok('literal') },
    ]);
    const literal = router.match('GET', '/v1/invoices/unbilled/lineitems');
    const param = router.match('GET', '/v1/invoices/G000024130/lineitems');
    expect(literal.kind === 'route' && literal.def.key).toBe('GET /v1/invoices/unbilled/lineitems');
    expect(param.kind === 'route' && param.params.get('invoiceId')).toBe('G000024130');
    expect(router.match('POST', '/v1/invoices/x/lineitems').kind).toBe('methodNotAllowed');
    expect(router.match('GET', '/v1/invoices/%E0%A4%A/lineitems').kind).toBe('notFound');
  });
});
