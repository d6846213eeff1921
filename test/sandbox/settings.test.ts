// The sandbox's own settings (SANDBOX_*): validated by the sandbox, every problem at once, so the
// gateway never needs to know them and production never loads the simulator to read them.
import { describe, expect, it } from 'vitest';
import { loadSandboxSettings, loadStandaloneSettings } from '../../src/sandbox/settings.js';

describe('loadSandboxSettings', () => {
  it('has the defaults of a sandbox started from code', () => {
    const r = loadSandboxSettings({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings).toEqual({
      host: '127.0.0.1',
      port: 0,
      seed: 1,
      faults: { latencyMs: 0, jitterMs: 0, rate429: 0, retryAfterSeconds: 1, rate5xx: 0, rateDrop: 0 },
      commerce: { orderCompletionMs: 5_000, orderListDelayMs: 30_000, subscriptionPatchDelayMs: 0 },
    });
    expect(Object.isFrozen(r.settings.faults)).toBe(true);
  });

  it('reads every SANDBOX_* setting', () => {
    const r = loadSandboxSettings({
      SANDBOX_HOST: '::1',
      SANDBOX_PORT: '4100',
      SANDBOX_SEED: '7',
      SANDBOX_LATENCY_MS: '50',
      SANDBOX_JITTER_MS: '5',
      SANDBOX_RATE_429: '0.1',
      SANDBOX_RETRY_AFTER_S: '2',
      SANDBOX_RATE_5XX: '0.2',
      SANDBOX_RATE_DROP: '0.3',
      SANDBOX_ORDER_COMPLETION_MS: '800',
      SANDBOX_ORDER_LIST_DELAY_MS: '600',
      SANDBOX_SUBSCRIPTION_PATCH_DELAY_MS: '100',
      SANDBOX_AUTH_JWKS_URI: 'https://login.example.test/keys',
      SANDBOX_AUTH_CA_PATH: '/tmp/ca.pem',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings).toEqual({
      host: '::1',
      port: 4100,
      seed: 7,
      faults: { latencyMs: 50, jitterMs: 5, rate429: 0.1, retryAfterSeconds: 2, rate5xx: 0.2, rateDrop: 0.3 },
      commerce: { orderCompletionMs: 800, orderListDelayMs: 600, subscriptionPatchDelayMs: 100 },
      auth: { jwksUri: 'https://login.example.test/keys', caPath: '/tmp/ca.pem' },
    });
  });

  it('reports every problem at once, each named', () => {
    const r = loadSandboxSettings({ SANDBOX_RATE_429: '2', SANDBOX_PORT: 'x', SANDBOX_AUTH_JWKS_URI: 'ftp://x' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.split(':')[0]).sort()).toEqual(['SANDBOX_AUTH_JWKS_URI', 'SANDBOX_PORT', 'SANDBOX_RATE_429']);
    expect(r.problems.join('\n')).toContain('(got "2")');
  });

  it('ignores the gateway settings', () => {
    expect(loadSandboxSettings({ PORT: 'abc', LOG_LEVEL: 'loud' }).ok).toBe(true);
  });
});

describe('loadStandaloneSettings (npm run sandbox)', () => {
  it('adds the log level to the sandbox settings', () => {
    const r = loadStandaloneSettings({ LOG_LEVEL: 'debug', SANDBOX_SEED: '3' });
    expect(r.ok && r.logLevel).toBe('debug');
    expect(r.ok && r.settings.seed).toBe(3);
  });

  it('reports a wrong log level with the sandbox problems', () => {
    const r = loadStandaloneSettings({ LOG_LEVEL: 'loud', SANDBOX_RATE_5XX: '3' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'SANDBOX_RATE_5XX']);
  });
});
