import type { ErrorObject } from 'ajv/dist/2020.js';
import { ajv } from '../../contract/validate.js';
import { ConfigError } from '../../errors.js';
import type { Adapter } from '../port.js';

const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();

function rule(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `needs "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return 'has a setting the adapter does not know';
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    default:
      return error.message ?? 'is not valid';
  }
}

/**
 * An institution's settings against its adapter's JSON Schema, when the gateway starts: a
 * bad setting stops the start, naming the institution, the setting and the rule it breaks
 * (never a value: settings may hold URLs with credentials).
 */
export function checkSettings(adapter: Adapter, institution: { id: string; settings: Readonly<Record<string, unknown>> }): void {
  if (!adapter.settingsSchema) return;
  let validate = compiled.get(adapter.settingsSchema);
  if (!validate) {
    validate = ajv.compile({ ...adapter.settingsSchema, $id: `https://passerelle.example/adapters/${adapter.id}/settings.schema.json` });
    compiled.set(adapter.settingsSchema, validate);
  }
  if (validate(institution.settings)) return;
  const error = [...(validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length)[0]!;
  const extra = error.keyword === 'additionalProperties' ? `.${String((error.params as { additionalProperty?: unknown }).additionalProperty)}` : '';
  const setting = `settings${error.instancePath.replaceAll('/', '.')}${extra}`;
  throw new ConfigError('adapter.settings-invalid', `institution "${institution.id}" (${adapter.id}): ${setting} ${rule(error)}`, { field: `institutions.${institution.id}.${setting}`, rule: error.keyword });
}
