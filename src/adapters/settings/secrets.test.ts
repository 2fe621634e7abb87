import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.js';
import { secretOf } from './secrets.js';
import { thrown } from '../testing.js';

const refused = (fn: () => unknown): ConfigError => thrown(ConfigError, fn);

describe('secretOf', () => {
  it('reads the variable a setting names as { env: NAME }', () => {
    expect(secretOf({ webhookSecret: { env: 'HOOK' } }, 'webhookSecret', { HOOK: 's3cr3t' })).toBe('s3cr3t');
  });

  it('refuses a setting that is not a reference (a secret written into the registry)', () => {
    for (const value of ['s3cr3t', undefined, { env: '' }, ['HOOK']]) {
      const e = refused(() => secretOf({ webhookSecret: value }, 'webhookSecret', { HOOK: 'x' }));
      expect([e.code, e.details.field]).toEqual(['adapter.settings-invalid', 'settings.webhookSecret']);
      expect(e.message).not.toContain('s3cr3t');
    }
  });

  it('refuses a variable that is not set or empty, naming it but giving no value', () => {
    for (const env of [{}, { HOOK: '' }]) expect(refused(() => secretOf({ webhookSecret: { env: 'HOOK' } }, 'webhookSecret', env)).code).toBe('adapter.secret-missing');
  });
});

describe('settings values', () => {
  it('reads a text setting trimmed, refusing a blank or missing one naming the key', async () => {
    const { textSetting, settingError } = await import('./values.js');
    expect(textSetting({ mandant: ' SROL ' }, 'mandant', 'must name the Mandant')).toBe('SROL');
    for (const settings of [{}, { mandant: '  ' }, { mandant: 7 }]) {
      const e = refused(() => textSetting(settings, 'mandant', 'must name the Mandant'));
      expect([e.code, e.message, e.details.field]).toEqual(['adapter.settings-invalid', 'settings.mandant must name the Mandant', 'settings.mandant']);
    }
    expect(settingError('pageSize', 'must be a whole number').message).toBe('settings.pageSize must be a whole number');
  });
});
