// `import` of a Triton config.pbtxt: its dynamic batcher, queue policy, instance group and ONNX
// Runtime threads as the candidate's batching, instances and intra_op_threads (the two batchers
// share semantics and units). Triton's defaults where the file is silent are listed; where servetwin
// needs a number Triton leaves open (an unbounded queue), the stand-in is stated.
import { ImportedCandidate } from '../imported.js';
import { parseModelConfig } from './model-config.js';

/** servetwin bounds every queue; Triton's 0 (unbounded) becomes a bound never reached. */
export const UNBOUNDED_QUEUE = 1_000_000;

export function importTriton(file: string, text: string, into: ImportedCandidate): void {
  const config = parseModelConfig(text, file);
  const at = (path: string) => `${file}: ${path}`;
  if (typeof config.name === 'string') into.read('name', config.name, at('name'));
  const maxBatch = Number(config.max_batch_size ?? 0);
  const dyn = config.dynamic_batching as Record<string, unknown> | undefined;
  if (maxBatch === 0) into.approximate('batching.max_batch_size', 1, `${at('max_batch_size')} is 0: the model has no batch dimension, one request per execution`);
  else if (!dyn) into.approximate('batching.max_batch_size', 1, `${at('dynamic_batching')} absent: Triton runs each request on its own, as servetwin does with max_batch_size 1 (max_batch_size ${maxBatch} caps a request's own batch)`);
  else into.read('batching.max_batch_size', maxBatch, at('max_batch_size'));
  if (dyn) {
    if (Array.isArray(dyn.preferred_batch_size) && dyn.preferred_batch_size.length > 0) into.read('batching.preferred_batch_sizes', dyn.preferred_batch_size.map(Number), at('dynamic_batching.preferred_batch_size'));
    if (dyn.max_queue_delay_microseconds !== undefined) into.read('batching.max_queue_delay_ms', Number(dyn.max_queue_delay_microseconds) / 1000, at('dynamic_batching.max_queue_delay_microseconds'));
    else into.assume('batching.max_queue_delay_ms', 0, 'Triton default: max_queue_delay_microseconds 0');
    const policy = dyn.default_queue_policy as Record<string, unknown> | undefined;
    const size = Number(policy?.max_queue_size ?? 0);
    if (size > 0) into.read('batching.max_queue_size', size, at('dynamic_batching.default_queue_policy.max_queue_size'));
    else into.approximate('batching.max_queue_size', UNBOUNDED_QUEUE, `Triton's queue is unbounded (max_queue_size 0, its default); servetwin bounds it at ${UNBOUNDED_QUEUE}, never reached`);
    const timeout = Number(policy?.default_timeout_microseconds ?? 0);
    if (timeout > 0) into.read('batching.queue_timeout_ms', timeout / 1000, at('dynamic_batching.default_queue_policy.default_timeout_microseconds'));
    if (policy?.timeout_action === 'DELAY') into.note(`${at('dynamic_batching.default_queue_policy.timeout_action')}: DELAY keeps a timed-out request at the back of the queue; servetwin drops it (REJECT)`);
    if (dyn.priority_levels || dyn.priority_queue_policy) into.note(`${at('dynamic_batching')}: priority levels are not modelled; every request is treated alike`);
  }
  const groups = (Array.isArray(config.instance_group) ? config.instance_group : []) as { count?: number; kind?: string }[];
  if (groups.length === 0) into.assume('instances', 1, 'Triton default: one instance (per GPU, or one on CPU)');
  else {
    into.read('instances', groups.reduce((n, g) => n + Number(g.count ?? 1), 0), at('instance_group[*].count'));
    if (groups.some((g) => g.kind === 'KIND_GPU')) into.note(`${at('instance_group')}: GPU instances; the profile must be measured on that GPU (calibrate --import)`);
  }
  const threads = Number((config.parameters as Record<string, { string_value?: string }> | undefined)?.intra_op_thread_count?.string_value ?? 0);
  if (threads > 0) into.read('intra_op_threads', threads, at('parameters["intra_op_thread_count"]'));
  else into.note('no intra_op_thread_count (or 0): ONNX Runtime picks its own thread count; intra_op_threads left to the profile');
  into.assume('replicas', 1, 'a config.pbtxt describes one Triton server');
}
