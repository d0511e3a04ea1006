// What ships inside the page: the calibrated profiles a reader can pick, and preset scenarios to
// start from — the shipped scenario files themselves (scenarios/*.yaml), loaded through the same
// path as a dropped file, so a preset is exactly what `servetwin simulate` runs on that file's
// candidate — each with the candidate to show, another to compare it with (A/B), and two lines on
// what to look for.
/// <reference path="./raw-text.d.ts" />
import ppocrCpu2core from '../calibration/profiles/ppocr-cls.cpu-2core.json' with { type: 'json' };
import peakHour from '../scenarios/ppocr-cls-peak.yaml?raw';
import burstyMmpp from '../scenarios/bursty-mmpp.yaml?raw';
import diurnal from '../scenarios/diurnal.yaml?raw';
import mm1 from '../scenarios/mm1.yaml?raw';
import md1 from '../scenarios/md1.yaml?raw';
import mmc from '../scenarios/mmc.yaml?raw';
import light from '../scenarios/fidelity-light.yaml?raw';
import knee from '../scenarios/fidelity-knee.yaml?raw';
import burstyPanic from '../scenarios/bursty-panic.yaml?raw';
import diurnalAutoscalers from '../scenarios/diurnal-autoscalers.yaml?raw';
import edgeVsCloud from '../scenarios/edge-vs-cloud.yaml?raw';
import scaleToZero from '../scenarios/scale-to-zero.yaml?raw';

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
  /** The candidate shown (A); the file's first when absent. */
  candidate?: string;
  /** A second candidate of the file, shown beside it as B. */
  compare?: string;
  /** What to look for, in two lines. */
  look: string;
}

/** Shipped scenarios whose traffic the levers can hold (the default view is settings.ts's DEFAULT_SETTINGS). */
export const PRESETS: readonly Preset[] = [
  { id: 'light', title: 'Light load: one instance, nothing waits', file: 'scenarios/fidelity-light.yaml', text: light, look: 'At 100 req/s one instance is busy a fifth of the time: the p99 is little more than a forward pass.\nOpen Explain: ρ is low, and the closed forms agree with the simulation.' },
  { id: 'knee', title: 'The knee: one instance near its limit', file: 'scenarios/fidelity-knee.yaml', text: knee, look: 'At 300 req/s the queue starts to matter: a few more requests per second cost far more latency than the first hundred did.\nDrag the arrival rate and watch the p99; Explain shows where the run sits on the curve.' },
  { id: 'bursty-panic', title: 'Bursty panic: Knative against a fixed fleet', file: 'scenarios/bursty-panic.yaml', text: burstyPanic, candidate: 'kpa-panic', compare: 'fixed-for-bursts', look: 'A: the KPA panics at each burst (red strip) and scales up, but new replicas take a second and a cold start to serve.\nB: eight replicas always on. Compare the p99, and what each pays.' },
  { id: 'diurnal-autoscalers', title: 'A day of traffic: HPA against Knative', file: 'scenarios/diurnal-autoscalers.yaml', text: diurnalAutoscalers, candidate: 'hpa', compare: 'kpa', look: 'Replicas follow the daily curve; the HPA holds its replicas after the peak (stabilisation, amber strip) while Knative lets them go sooner.\nCold starts of 5 s show as spikes of latency where a replica became ready.' },
  { id: 'edge-vs-cloud', title: 'Edge against cloud: slow devices near, fast servers far', file: 'scenarios/edge-vs-cloud.yaml', text: edgeVsCloud, candidate: 'edge-only', compare: 'cloud-only', look: 'Edge devices four times slower than the cloud, but a few milliseconds away; the cloud is fast but 30–120 ms away on thin links.\nCompare the latency and the cost: where does the network eat the cloud’s speed?' },
  { id: 'scale-to-zero', title: 'Scale to zero: rare traffic, cold starts', file: 'scenarios/scale-to-zero.yaml', text: scaleToZero, candidate: 'kpa-to-zero', compare: 'always-on', look: 'Requests come in short bursts between minutes of silence. A: Knative scales to zero and pays a cold start when traffic returns (grey stretches, spikes).\nB: one replica always on. Compare what each pays, and its p99.' },
  { id: 'peak-hour', title: 'Peak hour: 1200 req/s on the classifier', file: 'scenarios/ppocr-cls-peak.yaml', text: peakHour, look: 'The classifier at its peak rate of 1200 req/s: how many replicas does it take to meet the SLO?\nMove the replicas lever and watch the p99 fall.' },
  { id: 'bursty', title: 'Bursty traffic: calm 400, bursts of 1600 req/s', file: 'scenarios/bursty-mmpp.yaml', text: burstyMmpp, look: 'The same mean as steady traffic, in bursts: the queue fills in each burst and drains in the calm.\nWatch the p99 climb while the p50 hardly moves.' },
  { id: 'diurnal', title: 'A day of traffic, a heavier model', file: 'scenarios/diurnal.yaml', text: diurnal, look: 'The rate rises and falls once over the run: a fixed fleet sized for the mean misses the SLO at the peak.\nTry an autoscaler.' },
  { id: 'mm1', title: 'M/M/1: the textbook queue', file: 'scenarios/mm1.yaml', text: mm1, look: 'Poisson arrivals, exponential service, one server: the queue of every textbook.\nOpen Explain: Erlang C gives the mean wait exactly; the simulation agrees within its noise.' },
  { id: 'md1', title: 'M/D/1: the same with constant service', file: 'scenarios/md1.yaml', text: md1, look: 'Constant service halves the mean wait of M/M/1 at the same load (Pollaczek–Khinchine).\nCompare the waits in Explain.' },
  { id: 'mmc', title: 'M/M/10: ten servers, one queue', file: 'scenarios/mmc.yaml', text: mmc, look: 'Ten servers sharing one queue wait far less than ten queues of one.\nExplain gives Erlang C beside the simulation.' },
];
