import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/adapters/sdk.js';
import { settingsOf } from './settings.js';
import { SAMPLE_SETTINGS } from './testing.js';

describe('Navision settings', () => {
  it('reads the sample configuration', () => {
    const s = settingsOf({ settings: SAMPLE_SETTINGS });
    expect(s.baseUrl).toBe("https://nav.ors-fr.example:7048/DynamicsNAV110/ODataV4/Company('ORS%20Fribourg')");
    expect(s.password).toEqual({ env: 'NAVISION_ACCESS_KEY' });
    expect(s.organisations.nativeOf('fr-ors')).toBe('ORS');
    expect(settingsOf({ settings: { ...SAMPLE_SETTINGS, pollIntervalSeconds: undefined } }).pollIntervalSeconds).toBe(300);
  });

  it.each([
    ['baseUrl', { baseUrl: 'nav.ors-fr.example' }],
    ['username', { username: '' }],
    ['password', { password: 'secret' }],
    ['pollIntervalSeconds', { pollIntervalSeconds: 0.5 }],
    ['organisations', { organisations: { ORS: 7 } }],
  ])('fails fast on a bad %s, naming the key and not the value', (key, bad) => {
    const run = () => settingsOf({ settings: { ...SAMPLE_SETTINGS, ...bad } });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(`settings.${key}`);
    expect(run).not.toThrow('secret');
  });
});
