import { describe, expect, it } from 'vitest';
import { deliveryStatus } from './delivery.js';
import { sampleFiles, withText } from './test-support.js';

describe('deliveryStatus: a delivery is complete when its manifest is there and every count holds', () => {
  it.each(['01-minimal', '02-rich', '03-edge'])('%s is complete (a quoted line break is within one record)', (name) => {
    expect(deliveryStatus(sampleFiles(name))).toEqual({ complete: true });
  });

  it('waits for the manifest', () => {
    const files = sampleFiles('02-rich').filter((f) => !f.name.endsWith('_Manifest.csv'));
    expect(deliveryStatus(files)).toEqual({ complete: false, reason: 'no manifest yet' });
  });

  it('waits for a file the manifest lists', () => {
    const files = sampleFiles('02-rich').filter((f) => !f.name.endsWith('_Journal.csv'));
    expect(deliveryStatus(files)).toEqual({ complete: false, reason: 'ECASE_GR01_20240314_170000_Journal.csv is not there yet' });
  });

  it('waits while a file holds fewer records than listed, or is cut inside a quoted field', () => {
    const short = withText(sampleFiles('02-rich'), 'Dokumente', (t) => t.split('\r\n').slice(0, 3).join('\r\n'));
    expect(deliveryStatus(short)).toEqual({ complete: false, reason: 'ECASE_GR01_20240314_170000_Dokumente.csv holds 2 of the 4 records the manifest lists' });
    const cut = withText(sampleFiles('02-rich'), 'Journal', (t) => t.slice(0, t.indexOf('Kopie im Dossier')));
    expect(deliveryStatus(cut)).toEqual({ complete: false, reason: 'ECASE_GR01_20240314_170000_Journal.csv is not well-formed CSV yet' });
  });

  it('does not take a manifest that leaves out a table', () => {
    const files = withText(sampleFiles('02-rich'), 'Manifest', (t) => t.replace(/ECASE_GR01_20240314_170000_Ziele\.csv;2;\r\n/, ''));
    expect(deliveryStatus(files)).toEqual({ complete: false, reason: 'ECASE_GR01_20240314_170000_Manifest.csv does not list the Ziele file' });
  });
});
