// `export --to triton`: a model repository entry, `<model>/config.pbtxt`, with the candidate's
// batcher in Triton's own terms (servetwin's batcher follows Triton's semantics and units): max_batch_size,
// dynamic_batching { preferred_batch_size, max_queue_delay_microseconds, default_queue_policy },
// instance_group [{ count, kind: KIND_CPU }] and ONNX Runtime's intra-op threads. Written through
// Triton's model_config.proto and parsed back before it is returned.
import { parseModelConfig, printModelConfig } from './model-config.js';
import { commonWarnings } from '../fallbacks.js';
import type { ExportOptions, ExportSource } from '../source.js';
import { Warnings, type TargetExport, type ValidationProblem } from '../target.js';

export function tritonModelConfig(source: ExportSource, warnings: Warnings): Record<string, unknown> {
  const { candidate, modelName } = source;
  const b = candidate.batching;
  const delayUs = Math.round(b.max_queue_delay_ms * 1000);
  if (delayUs !== b.max_queue_delay_ms * 1000) warnings.add('batching.max_queue_delay_ms', `Triton counts whole microseconds: ${b.max_queue_delay_ms} ms written as ${delayUs} µs`);
  const timeoutUs = b.queue_timeout_ms === undefined ? undefined : Math.round(b.queue_timeout_ms * 1000);
  if (timeoutUs !== undefined && timeoutUs !== b.queue_timeout_ms! * 1000) warnings.add('batching.queue_timeout_ms', `Triton counts whole microseconds: ${b.queue_timeout_ms} ms written as ${timeoutUs} µs`);
  return {
    name: modelName,
    backend: 'onnxruntime',
    max_batch_size: b.max_batch_size,
    dynamic_batching: {
      ...(b.preferred_batch_sizes ? { preferred_batch_size: b.preferred_batch_sizes } : {}),
      max_queue_delay_microseconds: delayUs,
      default_queue_policy: {
        // servetwin drops a request that waited too long: Triton's REJECT.
        timeout_action: 'REJECT',
        default_timeout_microseconds: timeoutUs ?? 0,
        max_queue_size: b.max_queue_size ?? 0,
      },
    },
    instance_group: [{ count: candidate.instances, kind: 'KIND_CPU' }],
    parameters: { intra_op_thread_count: { string_value: String(candidate.intra_op_threads ?? 1) } },
  };
}

export function exportTriton(source: ExportSource, _options: ExportOptions): TargetExport {
  const warnings = new Warnings('triton');
  const { candidate, modelName } = source;
  const file = `triton/${modelName}/config.pbtxt`;
  const problems: ValidationProblem[] = [];
  const config = tritonModelConfig(source, warnings);
  warnings.add('profile', 'the twin predicted the latency of `servetwin serve` with its measured overheads; Triton has its own. Profile Triton with perf_analyzer and read it back with `servetwin calibrate --import <perf_analyzer.csv>` before trusting the prediction');
  if (candidate.replicas > 1 || candidate.autoscaler) warnings.add(candidate.autoscaler ? 'autoscaler' : 'replicas', 'a config.pbtxt describes one Triton server; run as many servers as the candidate has replicas (export --to kubernetes or kserve for the fleet and its autoscaler)');
  if (candidate.router !== 'round_robin') warnings.add('router', 'a config.pbtxt has no load balancer across servers');
  if (candidate.cpus !== undefined) warnings.add('cpus', 'a config.pbtxt sets no CPU limit; give the server\'s container the cores');
  commonWarnings(source, warnings);
  let text: string;
  try {
    text = printModelConfig(config);
    parseModelConfig(text, file);
  } catch (err) {
    problems.push({ file, path: 'inference.ModelConfig', message: err instanceof Error ? err.message : String(err) });
    return { target: 'triton', files: [], warnings: warnings.list, problems };
  }
  const header = [
    `# servetwin export of candidate ${candidate.name} (from ${source.from}).`,
    `# Triton model repository entry: put the model at ${modelName}/1/model.onnx beside this file.`,
    '# Checked against Triton\'s model_config.proto (inference.ModelConfig).',
  ];
  return { target: 'triton', files: [{ path: file, content: `${header.join('\n')}\n${text}` }], warnings: warnings.list, problems };
}
