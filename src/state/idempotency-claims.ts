// The fleet-wide half of checkout idempotency: one Redis record per (caller scope, idempotency key)
// that holds either a claim (a replica is running the checkout) or the kept outcome.
//
//   claimOrRead  the record, or, when there is none, a new claim with a TTL: one script, so of N
//                replicas that ask at once exactly one gets the claim.
//   complete     the outcome replaces a claim of the same request (this replica's, or another's that
//                ran the same checkout after waiting too long) for the outcome TTL; an outcome that is
//                already there is kept and returned, so every replica answers with the first one.
//   release      deletes the claim if it is still this one: a failure is not kept.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { RedisConnection } from './redis.js';
import { defineScript, type RedisScript } from './redis-script.js';
import { scopedKey } from './scoped-key.js';

const CLAIM = `
local current = redis.call('GET', KEYS[1])
if current then return current end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`;

const COMPLETE = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, record = pcall(cjson.decode, current)
  if ok and type(record) == 'table' and (record.state == 'done' or record.fingerprint ~= ARGV[3]) then
    return current
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const recordSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('running'), fingerprint: z.string(), owner: z.string() }),
  z.object({ state: z.literal('done'), fingerprint: z.string(), outcome: z.unknown() }),
]);
export type ClaimRecord = z.output<typeof recordSchema>;

export type ClaimResult = { claimed: true; claim: string } | { claimed: false; record: ClaimRecord };

/** Who holds a claim, for an operator looking at a stuck key; the UUID makes each claim unique. */
const OWNER = `${hostname()}/${process.pid}`;

function parse(raw: unknown): ClaimRecord {
  if (typeof raw !== 'string') throw new Error(`unexpected idempotency record reply: ${typeof raw}`);
  return recordSchema.parse(JSON.parse(raw));
}

export class IdempotencyClaims {
  private readonly claimScript: RedisScript;
  private readonly completeScript: RedisScript;
  private readonly releaseScript: RedisScript;

  constructor(
    private readonly redis: RedisConnection,
    /** How long a claim stands without its owner finishing (an owner that crashed). */
    private readonly claimTtlMs: number,
    private readonly outcomeTtlMs: number,
  ) {
    this.claimScript = defineScript(redis.client, 'pcgwIdempotencyClaim', 1, CLAIM);
    this.completeScript = defineScript(redis.client, 'pcgwIdempotencyComplete', 1, COMPLETE);
    this.releaseScript = defineScript(redis.client, 'pcgwIdempotencyRelease', 1, RELEASE);
  }

  key(scope: string, key: string): string {
    return scopedKey(this.redis, 'idempotency', scope, key);
  }

  async claimOrRead(redisKey: string, fingerprint: string): Promise<ClaimResult> {
    const claim = JSON.stringify({ state: 'running', fingerprint, owner: `${OWNER}/${randomUUID()}`, claimedAt: new Date().toISOString() });
    const current = await this.claimScript([redisKey], [claim, Math.ceil(this.claimTtlMs)]);
    return current === null ? { claimed: true, claim } : { claimed: false, record: parse(current) };
  }

  /** Stores the outcome unless one is kept already; resolves with the record the key now holds. */
  async complete(redisKey: string, fingerprint: string, outcome: unknown, ttlMs = this.outcomeTtlMs): Promise<ClaimRecord> {
    const done = JSON.stringify({ state: 'done', fingerprint, outcome });
    return parse(await this.completeScript([redisKey], [done, Math.max(1, Math.ceil(ttlMs)), fingerprint]));
  }

  async release(redisKey: string, claim: string): Promise<void> {
    await this.releaseScript([redisKey], [claim]);
  }
}
