import { ConfigError, OrganisationMap, settingError, textSetting, type MapContext } from '../../src/adapters/sdk.js';

/** What the mapping reads of an institution's settings (README "Settings"). */
export interface LoraSettings {
  /** The Lora instance of the institution (`VS`, `JU`): every page read must be of it. */
  instance: string;
  /** The instance's Lora version (`2.3`, `2.4`): how the gateway writes dates into it. */
  version: string;
  /** Lora service codes (`CRS-VS`) → registry institution ids. */
  organisations: OrganisationMap;
}

export function settingsOf(ctx: Pick<MapContext, 'settings'>): LoraSettings {
  const { versionLora = '2.3' } = ctx.settings;
  const instance = textSetting(ctx.settings, 'instance', 'must name the Lora instance of the institution (VS, JU)');
  if (typeof versionLora !== 'string' || !/^\d+\.\d+/.test(versionLora)) throw settingError('versionLora', 'must be a Lora version such as 2.3 or 2.4');
  return { instance, version: versionLora, organisations: OrganisationMap.fromSettings(ctx.settings) };
}

/** Lora 2.4 writes ISO dates in the legacy modules and RFC 3339 journal times (quirks 3, 4). */
export function isoInstance(settings: LoraSettings): boolean {
  const [major = 0, minor = 0] = settings.version.split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 4);
}
