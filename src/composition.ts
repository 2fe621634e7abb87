import { adapter as casenet } from '../adapters/casenet/index.js';
import { adapter as centralis } from '../adapters/centralis/index.js';
import { adapter as cmT } from '../adapters/cm-t/index.js';
import { adapter as duff } from '../adapters/duff/index.js';
import { adapter as ecase } from '../adapters/ecase/index.js';
import { adapter as excelSh } from '../adapters/excel-sh/index.js';
import { adapter as inbox } from '../adapters/inbox/index.js';
import { adapter as kiss } from '../adapters/kiss/index.js';
import { adapter as klibnet } from '../adapters/klibnet/index.js';
import { adapter as lora } from '../adapters/lora/index.js';
import { adapter as navision } from '../adapters/navision/index.js';
import { adapter as nfam } from '../adapters/nfam/index.js';
import { adapter as sedex } from '../adapters/sedex/index.js';
import { adapter as sharepointTi } from '../adapters/sharepoint-ti/index.js';
import { adapter as tutoris } from '../adapters/tutoris/index.js';
import { AdapterRegistry } from './adapters/registry.js';
import type { Adapter } from './adapters/port.js';

/**
 * The composition root: the one place that knows every adapter of this build. The core
 * reaches them only through the registry and the SDK's port; adding a system is adding
 * its adapter here.
 */
export const ADAPTERS: readonly Adapter[] = [casenet, centralis, cmT, duff, ecase, excelSh, inbox, kiss, klibnet, lora, navision, nfam, sedex, sharepointTi, tutoris];

export function defaultRegistry(): AdapterRegistry {
  return new AdapterRegistry(ADAPTERS);
}
