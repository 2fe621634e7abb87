/**
 * Runs after the whole test run (`npm test`): every log line any test wrote, and every
 * key and value left in Redis, is searched for the names, AHV numbers and free text of
 * every adapter's fixture persons. Exits 1 when one is found.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LOG_DIR } from './support/paths.js';
import { adaptersWithFixtures, findPersonalValues, fixturePersonalValues } from './support/personal-data.js';
import { dumpRedis } from './support/services.js';

// The persons of every adapter's fixtures: the tests send all of them through the gateway.
const adapters = adaptersWithFixtures();
const values = fixturePersonalValues(adapters);
const found: string[] = [];
let lines = 0;
const files = readdirSync(LOG_DIR);
for (const file of files) {
  const text = readFileSync(path.join(LOG_DIR, file), 'utf8');
  lines += text.split('\n').length;
  for (const hit of findPersonalValues(text, values)) found.push(`log ${file}: a fixture person's value of ${hit.length} characters`);
}
// Every key left in Redis, whatever its prefix.
const redis = await dumpRedis('');
const keys = redis.keys;
for (const hit of findPersonalValues(redis.text, values)) found.push(`redis: a fixture person's value of ${hit.length} characters`);
console.log(`privacy scan: ${values.length} personal values of ${adapters.length} adapters' fixtures, ${files.length} log files, ${lines} log lines, ${keys} redis keys, ${found.length} found`);
if (files.length === 0) {
  console.error('privacy scan: no log files; run it after the test suite');
  process.exit(1);
}
if (found.length > 0) {
  console.error(`personal data leaked:\n${found.join('\n')}`);
  process.exit(1);
}
