import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { LOG_DIR } from './paths.js';
import { findPersonalValues, fixturePersonalValues } from './personal-data.js';
import { REDIS_URL } from './services.js';

export function setup(): void {
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
}

/**
 * After the whole run: every log line any test wrote, and every key and value left in
 * Redis, is searched for the fixture persons' names and AHV numbers.
 */
export async function teardown(): Promise<void> {
  const values = fixturePersonalValues();
  const found: string[] = [];
  let lines = 0;
  for (const file of readdirSync(LOG_DIR)) {
    const text = readFileSync(path.join(LOG_DIR, file), 'utf8');
    lines += text.split('\n').length;
    for (const hit of findPersonalValues(text, values)) found.push(`log ${file}: a fixture person's value (${hit.length} chars)`);
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let keys = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const key of batch) {
        keys += 1;
        const type = await redis.type(key);
        const dump = type === 'string' ? await redis.get(key) : type === 'hash' ? JSON.stringify(await redis.hgetall(key)) : type === 'list' ? JSON.stringify(await redis.lrange(key, 0, -1)) : type === 'zset' ? JSON.stringify(await redis.zrange(key, 0, -1)) : type === 'set' ? JSON.stringify(await redis.smembers(key)) : '';
        for (const hit of findPersonalValues(`${key}\n${dump ?? ''}`, values)) found.push(`redis ${type} key: a fixture person's value (${hit.length} chars)`);
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  process.stdout.write(`privacy scan: ${values.length} personal values, ${lines} log lines, ${keys} redis keys, ${found.length} found\n`);
  if (found.length > 0) throw new Error(`personal data leaked:\n${found.join('\n')}`);
}
