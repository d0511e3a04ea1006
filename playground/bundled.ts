// What ships inside the page: the calibrated profiles a reader can pick, and preset scenarios to
// start from — the shipped scenario files themselves (scenarios/*.yaml), loaded through the same
// path as a dropped file, so a preset is exactly what `servetwin simulate` runs on that file.
/// <reference path="./raw-text.d.ts" />
import ppocrCpu2core from '../calibration/profiles/ppocr-cls.cpu-2core.json' with { type: 'json' };
import peakHour from '../scenarios/ppocr-cls-peak.yaml?raw';
import burstyMmpp from '../scenarios/bursty-mmpp.yaml?raw';
import diurnal from '../scenarios/diurnal.yaml?raw';
import mm1 from '../scenarios/mm1.yaml?raw';
import md1 from '../scenarios/md1.yaml?raw';
import mmc from '../scenarios/mmc.yaml?raw';

export interface BundledProfile {
  /** As in calibration/profiles/<id>.json. */
  id: string;
  label: string;
  /** The file's JSON, validated when the page starts. */
  data: unknown;
}

export const BUNDLED_PROFILES: readonly BundledProfile[] = [{ id: 'ppocr-cls.cpu-2core', label: 'ppocr-cls text-direction classifier, 2-core CPU (measured)', data: ppocrCpu2core }];

export interface Preset {
  id: string;
  title: string;
  /** Its file in the servetwin folder. */
  file: string;
  text: string;
}

/** Shipped scenarios whose traffic the levers can hold (the default view is settings.ts's DEFAULT_SETTINGS). */
export const PRESETS: readonly Preset[] = [
  { id: 'peak-hour', title: 'Peak hour: 1200 req/s on the classifier', file: 'scenarios/ppocr-cls-peak.yaml', text: peakHour },
  { id: 'bursty', title: 'Bursty traffic: calm 400, bursts of 1600 req/s', file: 'scenarios/bursty-mmpp.yaml', text: burstyMmpp },
  { id: 'diurnal', title: 'A day of traffic, a heavier model', file: 'scenarios/diurnal.yaml', text: diurnal },
  { id: 'mm1', title: 'M/M/1: the textbook queue', file: 'scenarios/mm1.yaml', text: mm1 },
  { id: 'md1', title: 'M/D/1: the same with constant service', file: 'scenarios/md1.yaml', text: md1 },
  { id: 'mmc', title: 'M/M/10: ten servers, one queue', file: 'scenarios/mmc.yaml', text: mmc },
];
