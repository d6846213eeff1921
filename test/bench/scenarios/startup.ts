// Start-up: from spawn to the first 200 on /ready, for the ways the gateway is started: `npm start`
// (npm, then tsx's CLI, which runs the server in a child), tsx as a loader in one process (how the
// bench runs the contenders), and the compiled server (build.ts).
import type { Build } from '../build.js';
import { freePort, launch, waitUntilReady, type ProcessSpec } from '../processes.js';
import { rotate } from './timing.js';

export interface StartupSubject {
  readonly id: string;
  readonly label: string;
  spec(port: number): ProcessSpec;
}

export interface StartupReport {
  readonly buildMs?: number;
  readonly buildProblem?: string;
  readonly runs: readonly { subject: string; round: number; readyMs: number }[];
  readonly labels: Readonly<Record<string, string>>;
}

const settings = (sandboxUrl: string | undefined, port: number): Record<string, string> => ({
  ...(sandboxUrl ? { PARTNER_CENTER_BASE_URL: sandboxUrl } : {}),
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  SHUTDOWN_GRACE_MS: '1000',
});

function subjects(sandboxUrl: string, builtServer: string | undefined): StartupSubject[] {
  const npm: Omit<ProcessSpec, 'env'> = { label: 'npm start', command: 'npm', args: ['start', '--silent'], group: true };
  const list: StartupSubject[] = [
    {
      id: 'npm-start-sandbox',
      label: '`npm start`, nothing configured (embedded sandbox)',
      spec: (port) => ({ ...npm, env: { ...settings(undefined, port), npm_config_update_notifier: 'false' } }),
    },
    {
      id: 'npm-start',
      label: '`npm start` over the sandbox process (tsx CLI)',
      spec: (port) => ({ ...npm, env: { ...settings(sandboxUrl, port), npm_config_update_notifier: 'false' } }),
    },
    {
      id: 'tsx-loader',
      label: '`node --import tsx src/server.ts` over the sandbox process',
      spec: (port) => ({ label: 'tsx loader', command: process.execPath, args: ['--import', 'tsx', 'src/server.ts'], env: settings(sandboxUrl, port) }),
    },
  ];
  if (builtServer) {
    list.push({
      id: 'built',
      label: '`node dist/server.js` (after `npm run build`) over the sandbox process',
      spec: (port) => ({ label: 'built server', command: process.execPath, args: [builtServer], env: settings(sandboxUrl, port) }),
    });
  }
  return list;
}

export async function runStartup(o: { sandboxUrl: string; build: Build; rounds: number; log: (line: string) => void }): Promise<StartupReport> {
  const list = subjects(o.sandboxUrl, o.build.serverPath);
  const runs: { subject: string; round: number; readyMs: number }[] = [];
  for (let round = 0; round < o.rounds; round += 1) {
    for (const s of rotate(list, round)) {
      const port = await freePort();
      const proc = launch(s.spec(port));
      try {
        const readyMs = await waitUntilReady(proc, `http://127.0.0.1:${port}/ready`);
        runs.push({ subject: s.id, round, readyMs });
        o.log(`  round ${round + 1} ${s.id}: ready after ${readyMs.toFixed(0)} ms`);
      } catch (error) {
        // One way of starting that fails (a half-edited tree, a failed build) must not cost the other figures.
        runs.push({ subject: s.id, round, readyMs: NaN });
        o.log(`  round ${round + 1} ${s.id}: did not start: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
      } finally {
        await proc.stop();
      }
    }
  }
  return {
    buildMs: o.build.ms,
    ...(o.build.problem ? { buildProblem: o.build.problem } : {}),
    runs,
    labels: Object.fromEntries(list.map((s) => [s.id, s.label])),
  };
}
