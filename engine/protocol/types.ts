// The Open Inference Protocol v2 REST JSON objects (kserve open-inference-protocol, inference_rest.md)
// with Triton's binary tensor data parameters. The server's decoder validates untrusted input
// by hand (to name the bad field); these types describe what valid messages look like.
import type { OipDatatype } from './datatypes.js';

export type Parameters = Record<string, string | number | boolean>;

export interface RequestInput {
  name: string;
  shape: number[];
  datatype: OipDatatype;
  parameters?: Parameters & { binary_data_size?: number };
  /** Row-major values, flat or nested; absent when the tensor is sent as binary data. */
  data?: unknown[];
}

export interface RequestOutput {
  name: string;
  parameters?: Parameters & { binary_data?: boolean };
}

export interface InferRequest {
  id?: string;
  parameters?: Parameters & { binary_data_output?: boolean };
  inputs: RequestInput[];
  outputs?: RequestOutput[];
}

export interface ResponseOutput {
  name: string;
  shape: number[];
  datatype: OipDatatype;
  parameters?: Parameters & { binary_data_size?: number };
  data?: (number | boolean)[];
}

export interface InferResponse {
  model_name: string;
  model_version?: string;
  id?: string;
  parameters?: Parameters;
  outputs: ResponseOutput[];
}

export interface MetadataTensor {
  name: string;
  datatype: OipDatatype;
  /** -1 for dynamic dimensions. */
  shape: number[];
}

export interface ModelMetadata {
  name: string;
  versions?: string[];
  platform: string;
  inputs: MetadataTensor[];
  outputs: MetadataTensor[];
}

export interface ServerMetadata {
  name: string;
  version: string;
  extensions: string[];
}

export interface ErrorResponse {
  error: string;
}
