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
    expect(r.config.callers).toEqual({ audiences: ['api://c1', 'c1'], allowedTenants: [tenant], jwksCooldownMs: 5000 });
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
      GRAPHQL_INTROSPECTION: 'maybe',
      UPSTREAM_MAX_ATTEMPTS: 'many',
      CURSOR_SIGNING_KEY: 'short-and-secret',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const names = r.problems.map((p) => p.split(':')[0]);
    expect(names).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL', 'PARTNER_CENTER_BASE_URL', 'GRAPHQL_INTROSPECTION', 'UPSTREAM_MAX_ATTEMPTS', 'CURSOR_SIGNING_KEY']));
    expect(r.problems).toHaveLength(6);
    const report = formatConfigProblems(r.problems);
    expect(report.split('\n')[0]).toContain('Invalid settings (6)');
    expect(report).not.toContain('short-and-secret');
  });

  it('runs the cross-field checks even when an unrelated setting is wrong', () => {
    // Each of the three is wrong on its own; the Azure block is otherwise complete, so each counts once.
    const r = loadConfig({ PORT: 'abc', CORS_ORIGINS: 'ftp://x', AZURE_TENANT_ID: 'not-a-guid', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.split(':')[0]).sort()).toEqual(['AZURE_TENANT_ID', 'CORS_ORIGINS', 'PORT']);
  });

  it('reports the persisted-documents and retry checks next to a field problem', () => {
    const r = loadConfig({ LOG_LEVEL: 'loud', PERSISTED_DOCUMENTS_ONLY: 'true', UPSTREAM_RETRY_BASE_MS: '500', UPSTREAM_RETRY_MAX_DELAY_MS: '100' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PERSISTED_DOCUMENTS_ONLY', 'UPSTREAM_RETRY_BASE_MS']);
  });

  it('skips a cross-field check whose input is itself wrong', () => {
    // A wrong AZURE_TENANT_ID is reported once, not again as "required".
    const r = loadConfig({ AZURE_TENANT_ID: 'x', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's', UPSTREAM_RETRY_BASE_MS: 'soon', UPSTREAM_RETRY_MAX_DELAY_MS: '1' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.split(':')[0]).sort()).toEqual(['AZURE_TENANT_ID', 'UPSTREAM_RETRY_BASE_MS']);
  });

  it('says which mode it would have run in, even when the settings are wrong', () => {
    const sandbox = loadConfig({ PORT: 'abc' });
    expect(!sandbox.ok && sandbox.mode).toBe('sandbox');
    const remote = loadConfig({ PORT: 'abc', PARTNER_CENTER_BASE_URL: 'ftp://x' });
    expect(!remote.ok && remote.mode).toBe('remote');
  });

  it('leaves the SANDBOX_* settings to the sandbox', () => {
    const r = loadConfig({ SANDBOX_RATE_429: '2', SANDBOX_PORT: 'x' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect('sandbox' in r.config).toBe(false);
  });

  it('has upstream defaults that do not hold a frontend for a minute', () => {
    const r = loadConfig({});
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.config.upstream).toMatchObject({ deadlineMs: 15_000, headersTimeoutMs: 10_000, bodyTimeoutMs: 10_000 });
  });

  it('refuses a headers timeout longer than the deadline', () => {
    const r = loadConfig({ UPSTREAM_HEADERS_TIMEOUT_MS: '20000', UPSTREAM_DEADLINE_MS: '15000' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^UPSTREAM_HEADERS_TIMEOUT_MS: must not exceed UPSTREAM_DEADLINE_MS/);
    expect(loadConfig({ UPSTREAM_HEADERS_TIMEOUT_MS: '15000', UPSTREAM_DEADLINE_MS: '15000' }).ok).toBe(true);
  });

  it('serves introspection unless GRAPHQL_INTROSPECTION=false', () => {
    const on = loadConfig({});
    expect(on.ok && on.config.http.introspection).toBe(true);
    const off = loadConfig({ GRAPHQL_INTROSPECTION: 'false' });
    expect(off.ok && off.config.http.introspection).toBe(false);
  });

  it('takes a cursor signing key of at least 32 characters, and none by default', () => {
    const none = loadConfig({});
    expect(none.ok && none.config.http.cursorSigningKey).toBeUndefined();
    const key = 'k'.repeat(32);
    const set = loadConfig({ CURSOR_SIGNING_KEY: key });
    expect(set.ok && set.config.http.cursorSigningKey).toBe(key);
    const short = loadConfig({ CURSOR_SIGNING_KEY: 'k'.repeat(31) });
    expect(short.ok).toBe(false);
    if (short.ok) return;
    expect(short.problems).toHaveLength(1);
    expect(short.problems[0]).toMatch(/^CURSOR_SIGNING_KEY: /);
    expect(short.problems[0]).not.toContain('k'.repeat(31));
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
