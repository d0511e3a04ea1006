// `servetwin start` (what `npm start` runs): the main job on the bundled default. Calibrates the
// bundled model briefly on this machine — its forward passes, the HTTP path's CPU, the contention
// curve, then what `servetwin serve` pays beyond them (cli/engine-overhead.ts), since the
// recommended config is one to serve — sweeps the default scenario's candidates against that fresh
// profile (planner via simulateFile), writes the result, the report and the recommended serving
// config to out/, and prints the recommendation with its margin and its headroom (a capacity
// search of it and the frontier). START_CALIBRATION says how long each part runs.
import type { CommandModule } from 'yargs';
import path from 'node:path';
import { DEFAULT_MODEL } from '../../common/builtin-models.js';
import type { MeasuredProfile } from '../../config/profile.js';
import { DEFAULT_BATCH_SIZES } from '../../calibration/batch-sizes.js';
import { writeProfile } from '../../config/profile-file.js';
import { formatProfile } from '../../reports/profile-table.js';
import { action } from '../run.js';
import { progressBar, warnSpread } from './calibrate.js';
import { DEFAULT_SCENARIO, DEFAULT_SCENARIO_FILE, simulateFile } from './simulate.js';
import { capacityOfRecommendation } from './capacity.js';

export const START_OUT_DIR = 'out';

/**
 * How long start measures (about 35 s on a 2-core machine): forward passes 5 + 40 rounds of every
 * size (~4 s), the HTTP path 4 × 0.3 s, the contention curve 2 s per busy level (~7 s with 3
 * levels), the serving overhead 12 s at the low rate in 6 blocks plus 6 s at the high one and a
 * 2 s warm-up (~23 s with the engine's start).
 */
export const START_CALIBRATION = { warmup: 5, iterations: 40, httpPathS: 0.3, contentionS: 2, contentionBatchSize: 8, overheadS: 12 };

/** A quick calibration of the bundled model, written to out/<model>.profile.json. */
export async function calibrateBundled(outDir = START_OUT_DIR): Promise<{ profile: MeasuredProfile; file: string }> {
  const { calibrate } = await import('../../calibration/calibrate.js');
  const bar = progressBar();
  const c = START_CALIBRATION;
  try {
    const profile = await calibrate({
      model: DEFAULT_MODEL,
      batchSizes: DEFAULT_BATCH_SIZES,
      warmup: c.warmup,
      iterations: c.iterations,
      threads: 1,
      onStart: (total) => bar.start(total),
      onProgress: (done) => bar.update(done),
      httpPath: { durationS: c.httpPathS },
      contention: { batchSize: c.contentionBatchSize, durationS: c.contentionS },
      log: (line) => (bar.stop(), process.stdout.write(`servetwin start: ${line}\n`)),
    });
    bar.stop();
    const file = path.join(outDir, `${DEFAULT_MODEL}.profile.json`);
    const measured = await withServingOverhead(profile);
    writeProfile(file, measured);
    return { profile: measured, file };
  } finally {
    bar.stop();
  }
}

/**
 * The profile with the engine's overhead measured by short replays against `servetwin serve`. A
 * machine where the engine cannot start (no free port, say) still gets an answer: the bare
 * profile, and a warning saying the prediction leaves the engine's overhead out.
 */
async function withServingOverhead(profile: MeasuredProfile): Promise<MeasuredProfile> {
  const { measureEngineOverhead } = await import('../engine-overhead.js');
  try {
    return await measureEngineOverhead(profile, {
      model: DEFAULT_MODEL,
      durationS: START_CALIBRATION.overheadS,
      seed: 1,
      log: (line) => process.stdout.write(`servetwin start: ${line}\n`),
    });
  } catch (err) {
    process.stderr.write(`servetwin start: warning: could not measure the engine's overhead (${(err as Error).message}); the prediction covers the forward pass only\n`);
    return profile;
  }
}

export const startCommand: CommandModule = {
  command: 'start',
  describe: 'The main job on the bundled model (what `npm start` runs): calibrate it briefly, sweep the default scenario, write the report, print the recommendation.',
  builder: (y) => y,
  handler: action(async () => {
    process.stdout.write(`servetwin start: calibrating the bundled model ${DEFAULT_MODEL} on this machine (batch sizes ${DEFAULT_BATCH_SIZES.join(',')})\n\n`);
    const { profile, file } = await calibrateBundled();
    process.stdout.write(`${formatProfile(profile)}\n\nprofile written to ${file}\n\n`);
    const c = START_CALIBRATION;
    warnSpread(
      profile,
      {
        contention: { durationS: c.contentionS, flag: 'servetwin calibrate --contention-duration-s' },
        httpPath: { durationS: c.httpPathS, flag: 'servetwin calibrate --http-path-duration-s' },
        servingOverhead: { durationS: c.overheadS, flag: 'servetwin calibrate --serving-overhead --overhead-duration-s' },
      },
      'servetwin start',
    );

    process.stdout.write(`servetwin start: sweeping ${DEFAULT_SCENARIO} against that profile\n\n`);
    const resultFile = path.join(START_OUT_DIR, 'result.json');
    const servingFile = path.join(START_OUT_DIR, 'serving.json');
    const result = await simulateFile(DEFAULT_SCENARIO_FILE, { profile: file, json: resultFile, quiet: true, servingConfig: servingFile });
    const capacityFile = path.join(START_OUT_DIR, 'capacity.json');
    const capacity = (await capacityOfRecommendation(DEFAULT_SCENARIO_FILE, file, result, capacityFile)) ?? undefined;

    const { writeReport } = await import('../../reports/write.js'); // vega is heavy: load it only here
    const reportDir = path.join(START_OUT_DIR, 'report');
    const report = await writeReport(result, reportDir, { format: 'both', source: resultFile, capacity, capacitySource: capacityFile });
    process.stdout.write(`report written to ${report.files.join(', ')}\n`);
    process.stdout.write(`\nMove the levers yourself, in a browser, on the profile just measured:\n  npx servetwin playground --profile ${file}\n`);
  }),
};
