import { describe, expect, it } from 'vitest';
import { formatConfigProblems, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('defaults to the embedded sandbox on port 4000 when nothing is configured', () => {
    const r = loadConfig({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.mode).toBe('sandbox');
    expect(r.config.port).toBe(4000);
    expect(r.config.upstream.baseUrl).toBeUndefined();
    expect(Object.isFrozen(r.config.upstream)).toBe(true);
  });

  it('talks to the configured upstream when PARTNER_CENTER_BASE_URL is set', () => {
    const r = loadConfig({ PARTNER_CENTER_BASE_URL: 'https://pc.example.test/', PORT: '8080' });
    expect(r.ok && r.config.mode).toBe('remote');
    expect(r.ok && r.config.upstream.baseUrl).toBe('https://pc.example.test');
    expect(r.ok && r.config.port).toBe(8080);
  });

  it('refuses complete credentials until token acquisition exists, instead of calling unauthenticated', () => {
    const r = loadConfig({ AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 'sekrit-value' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([expect.stringMatching(/^AZURE_\*: Entra ID token acquisition is not available/)]);
    expect(r.problems.join('')).not.toContain('sekrit-value');
  });

  it('reports every problem at once and never echoes a secret', () => {
    const r = loadConfig({
      PORT: '70000',
      LOG_LEVEL: 'loud',
      PARTNER_CENTER_BASE_URL: 'ftp://x',
      SANDBOX_RATE_429: '2',
      UPSTREAM_MAX_ATTEMPTS: 'many',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const names = r.problems.map((p) => p.split(':')[0]);
    expect(names).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL', 'PARTNER_CENTER_BASE_URL', 'SANDBOX_RATE_429', 'UPSTREAM_MAX_ATTEMPTS']));
    expect(r.problems).toHaveLength(5);
    const report = formatConfigProblems(r.problems);
    expect(report.split('\n')[0]).toContain('Invalid settings (5)');
  });

  it('lists what partial credentials are missing', () => {
    const r = loadConfig({ AZURE_CLIENT_SECRET: 'do-not-print-me' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.join('\n')).toMatch(/AZURE_TENANT_ID/);
    expect(r.problems.join('\n')).toMatch(/AZURE_CLIENT_ID/);
    expect(r.problems.join('\n')).not.toContain('do-not-print-me');
  });

  it('refuses a secret and a certificate together', () => {
    const r = loadConfig({ AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's', AZURE_CLIENT_CERTIFICATE_PATH: '/x.pem' });
    expect(r.ok).toBe(false);
  });
});
