// A contender started and ready: its process, its endpoint, and how long it took to answer /ready.
import type { Contender, LaunchContext } from './contenders.js';
import { freePort, launch, waitUntilReady, type Launched } from './processes.js';

export interface RunningContender {
  readonly contender: Contender;
  readonly proc: Launched;
  readonly endpoint: string;
  readonly readyMs: number;
  stop(): Promise<void>;
}

/** Where the contenders of a run start: everything of LaunchContext but the port, which each start picks. */
export type RunContext = Omit<LaunchContext, 'port'>;

export async function startContender(contender: Contender, run: RunContext): Promise<RunningContender> {
  const port = await freePort();
  const proc = launch(contender.process({ ...run, port }));
  try {
    const origin = `http://127.0.0.1:${port}`;
    const readyMs = await waitUntilReady(proc, `${origin}/ready`);
    return { contender, proc, endpoint: `${origin}/graphql`, readyMs, stop: () => proc.stop() };
  } catch (error) {
    await proc.stop();
    throw error;
  }
}
