import { expect } from 'vitest';
import type { Adapter } from '../port.js';
import { checkSettings } from '../settings/check.js';

/** An institution of the registry, as the gateway checks its settings at start. */
export interface InstitutionSettings {
  id: string;
  settings: Readonly<Record<string, unknown>>;
}

/**
 * The adapter's settings schema takes `institution` and refuses it, naming the setting and
 * the rule, without each of `required` (`settings needs "…"`) and with each of `unknown`
 * added (`settings.… has a setting the adapter does not know`).
 */
export function expectSettingsRefused(adapter: Adapter, institution: InstitutionSettings, refused: { required?: readonly string[]; unknown?: Readonly<Record<string, unknown>> }): void {
  expect(() => checkSettings(adapter, institution)).not.toThrow();
  for (const key of refused.required ?? []) {
    const { [key]: _left, ...without } = institution.settings;
    expect(() => checkSettings(adapter, { ...institution, settings: without })).toThrow(`settings needs "${key}"`);
  }
  for (const [key, value] of Object.entries(refused.unknown ?? {})) {
    expect(() => checkSettings(adapter, { ...institution, settings: { ...institution.settings, [key]: value } })).toThrow(`settings.${key} has a setting the adapter does not know`);
  }
}
