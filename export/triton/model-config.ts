// Triton's config.pbtxt, read and written against Triton's own schema: the vendored
// model_config.proto (export/triton/model-config-proto.ts) loaded with protobufjs, whose text-format
// extension parses and prints protobuf text format. Parsing rejects an unknown field, a wrong type
// or an enum value the proto does not have; printing goes through the same message type.
import protobuf from 'protobufjs';
import textformat from 'protobufjs/ext/textformat.js';
import { InputError, errorMessage } from '../../common/errors.js';
import { MODEL_CONFIG_PROTO } from './model-config-proto.js';

let modelConfigType: protobuf.Type | undefined;

function type(): protobuf.Type {
  return (modelConfigType ??= protobuf.parse(MODEL_CONFIG_PROTO, { keepCase: true }).root.lookupType('inference.ModelConfig'));
}

/** A config.pbtxt as a plain object (field names as in the proto, enums as their names). */
export function parseModelConfig(text: string, file: string): Record<string, unknown> {
  let message: protobuf.Message;
  try {
    message = textformat.fromText(type(), text);
  } catch (err) {
    throw new InputError(`${file}: not a valid Triton model configuration (inference.ModelConfig): ${errorMessage(err)}`, { source: file });
  }
  return type().toObject(message, { enums: String, longs: Number }) as Record<string, unknown>;
}

/** A plain ModelConfig object as protobuf text format; throws when the proto does not allow it. */
export function printModelConfig(config: Record<string, unknown>): string {
  const message = type().fromObject(config);
  const problem = type().verify(message);
  if (problem) throw new Error(`inference.ModelConfig: ${problem}`);
  return `${textformat.toText(type(), message).trimEnd()}\n`;
}
