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

  it('talks to the real Partner Center with credentials, and secures callers with the partner tenant by default', () => {
    const tenant = '6f0b6c8e-1c3a-4b7e-9a55-2f1d3c4b5a69';
    const r = loadConfig({ AZURE_TENANT_ID: tenant, AZURE_CLIENT_ID: 'c1', AZURE_CLIENT_SECRET: 'sekrit-value' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.mode).toBe('remote');
    expect(r.config.upstream.baseUrl).toBe('https://api.partnercenter.microsoft.com');
    expect(r.config.azure).toMatchObject({ tenantId: tenant, clientId: 'c1', mode: 'app', authorityHost: 'https://login.microsoftonline.com' });
    expect(r.config.callers).toEqual({ audiences: ['api://c1', 'c1'], allowedTenants: [tenant] });
  });

  it('checks the identity settings', () => {
    const r = loadConfig({ AZURE_TENANT_ID: 'not-a-guid', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's', AZURE_AUTHORITY_HOST: 'http://login.example', PARTNER_CENTER_AUTH_MODE: 'both', AUTH_ALLOWED_TENANTS: 'x,y' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const names = r.problems.map((p) => p.split(':')[0]);
    expect(names).toEqual(expect.arrayContaining(['AZURE_AUTHORITY_HOST', 'PARTNER_CENTER_AUTH_MODE']));
    const again = loadConfig({ AZURE_TENANT_ID: 'not-a-guid', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's', AUTH_ALLOWED_TENANTS: 'x' });
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.problems.join('\n')).toMatch(/AZURE_TENANT_ID: must be the partner tenant id/);
    expect(again.problems.join('\n')).toMatch(/AUTH_ALLOWED_TENANTS: "x" is not a tenant id/);
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
