// The batch sizes calibrate measures by default, and the check every batch-size list goes through
// (positive integers, sorted, de-duplicated). Kept apart from calibrate.ts so the CLI can validate
// flags without loading onnxruntime.
import { InputError } from '../common/errors.js';

export const DEFAULT_BATCH_SIZES = [1, 2, 4, 8, 16, 32] as const;

/** Checks a batch-size list: positive integers, sorted and de-duplicated. `flag` names the option. */
export function validBatchSizes(sizes: readonly number[], flag = '--batch-sizes'): number[] {
  if (sizes.length === 0 || sizes.some((s) => !Number.isSafeInteger(s) || s < 1)) {
    throw new InputError(`${flag}: expected a comma-separated list of positive integers (e.g. 1,2,4,8), got ${sizes.join(',') || 'nothing'}`, {
      source: flag,
      found: sizes.join(','),
    });
  }
  return [...new Set(sizes)].sort((a, b) => a - b);
}
