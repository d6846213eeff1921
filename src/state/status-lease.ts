// The Redis side of one watched resource, shared by the fleet:
//   <prefix><namespace>:<resource>:lease    the poller's lease: its owner id, PX leaseMs, renewed while it polls
//   <prefix><namespace>:<resource>:state    hash {seq, value (JSON), terminal}: the last state, for late watchers
//   <prefix><namespace>:<resource>:changes  pub/sub channel: every change, then the terminal state or a failure
// <resource> carries the scope (partner tenant and caller identity), like every key of customer data.
// Each step is one Lua script, so the lease check and what it guards are atomic: a holder that lost
// its lease (it stalled longer than leaseMs and another replica took over) cannot publish any more.
// Scripts go by EVAL, not EVALSHA: they are a few hundred bytes, and a restarted Redis (which has
// forgotten every loaded script) needs no NOSCRIPT retry.
import { z } from 'zod';
import type { RedisConnection } from './redis.js';

/** How much longer than the lease the last state is kept: long enough to outlive a holder that died. */
const STATE_TTL_LEASES = 3;

/** SET NX unless the state is terminal (nothing left to poll); the lease may already be ours (we fell back and came back). */
const ACQUIRE_OR_READ = `
local s = redis.call('HMGET', KEYS[2], 'seq', 'value', 'terminal')
local got = 0
if s[3] ~= '1' then
  if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then got = 1
  elseif redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]); got = 1 end
end
return {got, s[1] or '', s[2] or '', s[3] or ''}`;

const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1`;

/**
 * Stores, then publishes; the terminal state also releases the lease. Returns the new seq, 0 when
 * not the holder. The seq goes on from the highest the holder has seen too, so a state evicted or
 * flushed under the fleet's feet cannot restart the count below what the watchers already have.
 */
const PUBLISH = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local seq = math.max(tonumber(redis.call('HGET', KEYS[2], 'seq') or '0'), tonumber(ARGV[6])) + 1
redis.call('HSET', KEYS[2], 'seq', seq, 'value', ARGV[2], 'terminal', ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
if ARGV[3] == '1' then redis.call('DEL', KEYS[1]) end
redis.call('PUBLISH', ARGV[5], cjson.encode({seq = seq, terminal = ARGV[3] == '1', value = ARGV[2]}))
return seq`;

/** A failure is published, not stored: the next watcher asks upstream again (the error may have been transient). */
const FAIL = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[3], cjson.encode({failed = ARGV[2]}))
return 1`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface StoredStatus {
  seq: number;
  /** Parsed JSON; the caller's parse() says whether it is a T. */
  value: unknown;
  terminal: boolean;
}

export type StatusMessage = StoredStatus | { failed: string };

const acquireReply = z.tuple([z.number(), z.string(), z.string(), z.string()]);
const changeMessage = z.object({ seq: z.number().int().positive(), terminal: z.boolean(), value: z.string() });
const failureMessage = z.object({ failed: z.string() });

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A message from the channel, or undefined when it is not one of ours. */
export function parseStatusMessage(raw: string): StatusMessage | undefined {
  const message = json(raw);
  const change = changeMessage.safeParse(message);
  if (change.success) return { seq: change.data.seq, terminal: change.data.terminal, value: json(change.data.value) };
  const failure = failureMessage.safeParse(message);
  return failure.success ? failure.data : undefined;
}

export class StatusLease {
  readonly channel: string;
  private readonly keys: [lease: string, state: string];
  private readonly stateTtlMs: number;

  constructor(
    private readonly redis: RedisConnection,
    namespace: string,
    resource: string,
    /** This replica's id, the lease's value. */
    private readonly owner: string,
    private readonly leaseMs: number,
  ) {
    this.keys = [redis.key(namespace, resource, 'lease'), redis.key(namespace, resource, 'state')];
    this.channel = redis.key(namespace, resource, 'changes');
    this.stateTtlMs = leaseMs * STATE_TTL_LEASES;
  }

  private run(script: string, ...args: (string | number)[]): Promise<unknown> {
    return this.redis.client.eval(script, this.keys.length, ...this.keys, ...args);
  }

  /** Takes the lease when it is free (and the watch not over); reads the stored state either way. */
  async acquireOrRead(): Promise<{ acquired: boolean; state?: StoredStatus }> {
    const [got, seq, value, terminal] = acquireReply.parse(await this.run(ACQUIRE_OR_READ, this.owner, this.leaseMs));
    const state = seq !== '' && value !== '' ? { seq: Number(seq), value: json(value), terminal: terminal === '1' } : undefined;
    return { acquired: got === 1, ...(state ? { state } : {}) };
  }

  /** False when the lease is no longer ours. */
  async renew(): Promise<boolean> {
    return (await this.run(RENEW, this.owner, this.leaseMs, this.stateTtlMs)) === 1;
  }

  /** Stores and publishes `encoded` (JSON) after `seenSeq`; the seq it got, or 0 when the lease is not ours. */
  async publish(encoded: string, terminal: boolean, seenSeq: number): Promise<number> {
    return z.number().parse(await this.run(PUBLISH, this.owner, encoded, terminal ? '1' : '0', this.stateTtlMs, this.channel, seenSeq));
  }

  async fail(code: string): Promise<void> {
    await this.run(FAIL, this.owner, code, this.channel);
  }

  async release(): Promise<void> {
    await this.run(RELEASE, this.owner);
  }
}
