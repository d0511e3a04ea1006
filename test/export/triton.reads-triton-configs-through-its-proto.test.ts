// The vendored model_config.proto is Triton's, unchanged; Triton's published example configs parse
// through it; a field, type or enum value the proto does not have is an error naming the file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_CONFIG_PROTO } from '../../export/triton/model-config-proto.js';
import { parseModelConfig, printModelConfig } from '../../export/triton/model-config.js';

const upstream = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', 'upstream', name), 'utf8');

describe("Triton's model configuration", () => {
  it('is vendored byte for byte (sha256 of triton-inference-server/common protobuf/model_config.proto @ 83adf7cf)', () => {
    expect(createHash('sha256').update(MODEL_CONFIG_PROTO).digest('hex')).toBe('eb72c7ee93dc0eb6aa4393ff186ca0dd0898f0e138b0cd04eb0624a1a592f5f1');
  });

  it("parses Triton's published examples, sequence batcher and all", () => {
    const densenet = parseModelConfig(upstream('triton-densenet_onnx.pbtxt'), 'densenet_onnx/config.pbtxt');
    expect(densenet).toMatchObject({ name: 'densenet_onnx', platform: 'onnxruntime_onnx', max_batch_size: 1, input: [{ name: 'data_0', dims: [3, 224, 224], format: 'FORMAT_NCHW' }] });
    const dyna = parseModelConfig(upstream('triton-simple_dyna_sequence.pbtxt'), 'simple_dyna_sequence/config.pbtxt');
    expect(dyna).toMatchObject({ max_batch_size: 8, instance_group: [{ count: 2, kind: 'KIND_CPU' }], parameters: { execute_delay_ms: { string_value: '3' } } });
    expect((dyna.sequence_batching as { oldest: { max_queue_delay_microseconds: number } }).oldest.max_queue_delay_microseconds).toBe(10000);
  });

  it('prints what it parses, and parses what it prints (proto3 leaves zero values out of both)', () => {
    const printed = printModelConfig(parseModelConfig(upstream('triton-simple_dyna_sequence.pbtxt'), 'x'));
    expect(printed).toMatch(/max_candidate_sequences: 1024/);
    expect(printModelConfig(parseModelConfig(printed, 'y'))).toBe(printed);
  });

  it.each([
    ['max_batch_size: 4\nbogus_field: 1', /unknown field 'bogus_field'/],
    ['instance_group [ { kind: KIND_TPU } ]', /enum value/],
    ['max_batch_size: "four"', /integer/],
  ])('rejects %j naming the file', (text, why) => {
    expect(() => parseModelConfig(text, 'model/config.pbtxt')).toThrow(/^model\/config\.pbtxt: not a valid Triton model configuration/);
    expect(() => parseModelConfig(text, 'model/config.pbtxt')).toThrow(why);
  });
});
