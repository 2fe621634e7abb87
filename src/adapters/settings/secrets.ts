import { ConfigError } from '../../errors.js';

/**
 * A secret named in the settings as `{ env: NAME }`, read from the environment. The
 * registry holds the reference only, never the secret itself; a message names the key
 * and the variable, never the value.
 */
export function secretOf(settings: Readonly<Record<string, unknown>>, key: string, env: Readonly<Record<string, string | undefined>>): string {
  const ref = settings[key];
  const name = ref !== null && typeof ref === 'object' && !Array.isArray(ref) ? (ref as { env?: unknown }).env : undefined;
  if (typeof name !== 'string' || name === '') {
    throw new ConfigError('adapter.settings-invalid', `settings.${key} must name an environment variable as { env: NAME }`, { field: `settings.${key}` });
  }
  const value = env[name];
  if (value === undefined || value === '') {
    throw new ConfigError('adapter.secret-missing', `settings.${key} names the variable ${name}, which is not set`, { field: `settings.${key}` });
  }
  return value;
}
