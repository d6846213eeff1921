// The Grafana dashboard in the repository (src/observability/grafana-dashboard.json) asks only for
// metrics the gateway exposes, and shows every metric of the gateway's own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../../src/observability/metrics.js';
import { registerStateMetrics } from '../../src/observability/state-metrics.js';

interface Panel {
  id: number;
  type: string;
  title: string;
  targets?: { expr: string }[];
  gridPos: { x: number; y: number; w: number; h: number };
}

const dashboard = JSON.parse(readFileSync(new URL('../../src/observability/grafana-dashboard.json', import.meta.url), 'utf8')) as { uid: string; panels: Panel[] };

async function exposed(): Promise<Map<string, string>> {
  const metrics = new GatewayMetrics({ maxOperationNames: 10, customerLabels: [] });
  registerStateMetrics(metrics.registry, {
    catalogCache: { stats: { hits: 0, misses: 0, revalidations: 0, staleOnError: 0 }, loading: 0 },
    idempotency: { stats: { executed: 0, replayed: 0, joined: 0, conflicts: 0 } },
    orderPollers: { active: 0, polling: 0, watchers: 0 },
    tokens: { stats: { succeeded: 0, failed: 0 } },
  });
  return new Map((await metrics.registry.getMetricsAsJSON()).map((m) => [m.name, String(m.type)]));
}

describe('the Grafana dashboard', () => {
  it('queries only metrics the gateway exposes, and shows each of its own', async () => {
    const names = await exposed();
    const series = (name: string) => {
      const base = name.replace(/_(bucket|sum|count)$/, '');
      return names.has(name) || (names.get(base) === 'histogram' && base !== name);
    };
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(20);
    const used = new Set(exprs.flatMap((e) => e.match(/\b(?:pcgw|process|nodejs)_[a-z0-9_]+/g) ?? []));
    for (const name of used) expect(series(name), name).toBe(true);
    const usedBases = new Set([...used].map((n) => (names.has(n) ? n : n.replace(/_(bucket|sum|count)$/, ''))));
    for (const name of names.keys()) if (name.startsWith('pcgw_')) expect(usedBases.has(name), name).toBe(true);
  });

  it('has unique panel ids and panels that do not overlap', () => {
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    const cells = new Set<string>();
    for (const p of dashboard.panels) {
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          const cell = `${x},${y}`;
          expect(cells.has(cell), `${p.title} overlaps at ${cell}`).toBe(false);
          cells.add(cell);
        }
      }
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
  });
});
