// A Lua script on the shared Redis connection, as one typed function. ioredis' defineCommand sends
// EVALSHA and falls back to EVAL per socket, so a restarted (empty) Redis loads the script again by
// itself. A script runs atomically, which is what the claim and the read-your-writes add rely on.
import type { Redis } from 'ioredis';

export type RedisScript = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

type DefinedCommand = (...args: (string | number)[]) => Promise<unknown>;

export function defineScript(client: Redis, name: string, numberOfKeys: number, lua: string): RedisScript {
  client.defineCommand(name, { numberOfKeys, lua });
  // defineCommand adds a method of that name at run time, which ioredis' types cannot know.
  const command: unknown = Reflect.get(client, name);
  if (typeof command !== 'function') throw new Error(`ioredis did not define the command ${name}`);
  return (keys, args) => {
    if (keys.length !== numberOfKeys) throw new Error(`${name} takes ${numberOfKeys} key(s), got ${keys.length}`);
    return (command as DefinedCommand).call(client, ...keys, ...args);
  };
}
