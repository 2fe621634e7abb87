/**
 * Runs after the whole test run (`npm test`): every log line any test wrote, and every
 * key and value left in Redis, is searched for the fixture persons' names, AHV numbers
 * and free text. Exits 1 when one is found.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { LOG_DIR } from './support/paths.js';
import { findPersonalValues, fixturePersonalValues } from './support/personal-data.js';
import { REDIS_URL } from './support/services.js';

const values = fixturePersonalValues();
const found: string[] = [];
let lines = 0;
const files = readdirSync(LOG_DIR);
for (const file of files) {
  const text = readFileSync(path.join(LOG_DIR, file), 'utf8');
  lines += text.split('\n').length;
  for (const hit of findPersonalValues(text, values)) found.push(`log ${file}: a fixture person's value of ${hit.length} characters`);
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
      const dump =
        type === 'string' ? await redis.get(key)
        : type === 'hash' ? JSON.stringify(await redis.hgetall(key))
        : type === 'list' ? JSON.stringify(await redis.lrange(key, 0, -1))
        : type === 'zset' ? JSON.stringify(await redis.zrange(key, 0, -1))
        : type === 'set' ? JSON.stringify(await redis.smembers(key))
        : '';
      for (const hit of findPersonalValues(`${key}\n${dump ?? ''}`, values)) found.push(`redis ${type} key: a fixture person's value of ${hit.length} characters`);
    }
  } while (cursor !== '0');
} finally {
  redis.disconnect();
}
console.log(`privacy scan: ${values.length} personal values, ${files.length} log files, ${lines} log lines, ${keys} redis keys, ${found.length} found`);
if (files.length === 0) {
  console.error('privacy scan: no log files; run it after the test suite');
  process.exit(1);
}
if (found.length > 0) {
  console.error(`personal data leaked:\n${found.join('\n')}`);
  process.exit(1);
}
