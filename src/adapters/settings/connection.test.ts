import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.js';
import { thrown } from '../testing.js';
import { envRefSetting, httpSettingsSchema, isEnvRef, textOrEnvRefSetting, textOrSecret, timeoutSetting, wholeSetting, withSystemCodes } from './connection.js';
import { secretOf } from './secrets.js';

const refused = (fn: () => unknown): ConfigError => thrown(ConfigError, fn);
const said = (fn: () => unknown): [string, string, unknown] => {
  const e = refused(fn);
  return [e.code, e.message, e.details.field];
};

describe('secrets named by reference', () => {
  it('takes { env: NAME } alone, a leading _ only when asked', () => {
    expect(isEnvRef({ env: 'DUFF_API_KEY' })).toBe(true);
    for (const value of [{ env: 'duff' }, { env: '_KEY' }, { env: 'KEY', extra: 1 }, ['KEY'], 'KEY', null, undefined]) expect(isEnvRef(value)).toBe(false);
    expect(isEnvRef({ env: '_KEY' }, { leadingUnderscore: true })).toBe(true);
  });

  it('refuses a secret written into the registry, naming the key and never the value', () => {
    expect(envRefSetting({ apiKey: { env: 'K' } }, 'apiKey', 'must be { env: NAME }')).toEqual({ env: 'K' });
    expect(said(() => envRefSetting({ apiKey: 's3cr3t' }, 'apiKey', 'must be { env: NAME }'))).toEqual(['adapter.settings-invalid', 'settings.apiKey must be { env: NAME }', 'settings.apiKey']);
  });

  it('reads a user name written as text (trimmed) or named by reference', () => {
    const what = 'must be the user or { env: NAME }';
    expect(textOrEnvRefSetting({ username: ' nav ' }, 'username', what)).toBe(' nav ');
    expect(textOrEnvRefSetting({ username: { env: 'USER' } }, 'username', what)).toEqual({ env: 'USER' });
    for (const username of ['  ', 7, undefined]) expect(said(() => textOrEnvRefSetting({ username }, 'username', what))[1]).toBe(`settings.username ${what}`);
    expect(textOrSecret({ username: ' nav ' }, 'username', {})).toBe('nav');
    expect(textOrSecret({ username: { env: 'USER' } }, 'username', { USER: 'passerelle' })).toBe('passerelle');
  });
});

describe('numbers of the settings', () => {
  it('takes a timeout of seconds, more than 0 and at most 600, 30 when unset', () => {
    expect(timeoutSetting({})).toBe(30);
    expect(timeoutSetting({ timeoutSeconds: 2.5 })).toBe(2.5);
    expect(timeoutSetting({}, 10)).toBe(10);
    for (const timeoutSeconds of [0, -1, 601, '30', Number.NaN]) {
      expect(said(() => timeoutSetting({ timeoutSeconds }))).toEqual(['adapter.settings-invalid', 'settings.timeoutSeconds must be a number of seconds, more than 0 and at most 600', 'settings.timeoutSeconds']);
    }
  });

  it('takes whole numbers in their range, the fallback for unset or null, undefined without one', () => {
    expect(wholeSetting({ pageSize: 20 }, 'pageSize', { min: 1, max: 100 })).toBe(20);
    expect(wholeSetting({}, 'pageSize', { min: 1, max: 100 })).toBeUndefined();
    expect(wholeSetting({ pageSize: null }, 'pageSize', { min: 1, max: 100, fallback: 50 })).toBe(50);
    expect(said(() => wholeSetting({ pageSize: null }, 'pageSize', { min: 1, max: 100 }))[1]).toBe('settings.pageSize must be a whole number from 1 to 100');
    expect(said(() => wholeSetting({ pageSize: 1.5 }, 'pageSize', { min: 1, max: 100, fallback: 50 }))[1]).toBe('settings.pageSize must be a whole number from 1 to 100');
    expect(said(() => wholeSetting({ pollIntervalSeconds: 0 }, 'pollIntervalSeconds', { min: 1, unit: 'seconds' }))[1]).toBe('settings.pollIntervalSeconds must be a whole number of seconds, at least 1');
    expect(said(() => wholeSetting({ pollIntervalSeconds: 90_000 }, 'pollIntervalSeconds', { min: 1, max: 86_400, unit: 'seconds' }))[1]).toBe(
      'settings.pollIntervalSeconds must be a whole number of seconds from 1 to 86400',
    );
    expect(said(() => wholeSetting({ pageSize: 101 }, 'pageSize', { min: 1, max: 100, what: "must be DuFF's proSeite" }))[1]).toBe("settings.pageSize must be DuFF's proSeite");
  });
});

describe('the adapter’s own error codes', () => {
  it('names a setting fault and a missing secret under the adapter, keeping message and field', () => {
    expect(withSystemCodes('duff', () => 7)).toBe(7);
    const invalid = refused(() => withSystemCodes('duff', () => timeoutSetting({ timeoutSeconds: 0 })));
    expect([invalid.code, invalid.details.field]).toEqual(['duff.settings-invalid', 'settings.timeoutSeconds']);
    const missing = refused(() => withSystemCodes('duff', () => secretOf({ apiKey: { env: 'K' } }, 'apiKey', {})));
    expect([missing.code, missing.message]).toEqual(['duff.secret-missing', 'settings.apiKey names the variable K, which is not set']);
    expect(() => withSystemCodes('duff', () => JSON.parse('{'))).toThrow(SyntaxError);
  });
});

describe('the settings schema of an HTTP transport', () => {
  it('is closed, holds the adapter’s properties, the timeout and the secret definition', () => {
    const schema = httpSettingsSchema({ required: ['baseUrl'], properties: { baseUrl: { type: 'string' } } });
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['baseUrl'], properties: { baseUrl: { type: 'string' }, timeoutSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 600 } } });
    expect(schema.$defs).toEqual({ secret: { type: 'object', additionalProperties: false, required: ['env'], properties: { env: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' } } } });
  });
});
