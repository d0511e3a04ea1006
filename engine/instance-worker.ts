// One execution instance: a worker thread that owns one ONNX Runtime session and runs one batch at
// a time for engine/instance-pool. session.run() blocks the thread it is called on, which is why it
// lives here and not on the HTTP thread. Compiled to dist/engine/instance-worker.js (Node 20 cannot
// start a worker from TypeScript).
import { parentPort, workerData } from 'node:worker_threads';
import { createSession, makeTensor, type Session, type Tensor, type TensorData, type ValueMetadata } from './ort-session.js';
import { byOrt } from './protocol/datatypes.js';
import type { InstanceInit, RunMessage, WireInput, WireTensor, WorkerMessage } from './instance-messages.js';

const port = parentPort;
if (!port) throw new Error('instance-worker must run as a worker thread');
const init = workerData as InstanceInit;
const post = (msg: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);

let session: Session;
const started = performance.now();
try {
  session = await createSession(init.file, { intraOpThreads: init.intraOpThreads });
  const describe = (m: ValueMetadata) =>
    m.isTensor ? { name: m.name, isTensor: true, type: m.type, shape: [...m.shape] } : { name: m.name, isTensor: false };
  post({
    kind: 'ready',
    inputs: session.inputMetadata.map(describe),
    outputs: session.outputMetadata.map(describe),
    loadMs: performance.now() - started,
  });
  port.on('message', (msg: RunMessage) => {
    if (msg.fault === 'exit') process.exit(70); // in a worker thread this ends the thread, not the process
    if (msg.fault === 'throw') throw new Error(`injected fault (SERVETWIN_INJECT_FAULTS) on batch ${msg.seq}`);
    void run(msg);
  });
} catch (err) {
  post({ kind: 'load_failed', message: err instanceof Error ? err.message : String(err) });
  port.close();
}

/**
 * ONNX Runtime refuses tensors over shared memory, so an input sent in a SharedArrayBuffer (as
 * calibration does) is copied into a staging buffer of this worker's own, kept and reused across
 * batches. The engine's inputs come as transferred ArrayBuffers and are used where they lie.
 */
const staging = new Map<string, ArrayBuffer>();

function stage(input: WireInput, bytes: number): ArrayBuffer {
  let buffer = staging.get(input.name);
  if (!buffer || buffer.byteLength < bytes) {
    buffer = new ArrayBuffer(input.slab.byteLength);
    staging.set(input.name, buffer);
  }
  new Uint8Array(buffer, 0, bytes).set(new Uint8Array(input.slab, 0, bytes));
  return buffer;
}

/**
 * When this worker's previous forward pass ended (undefined before the first). A pass that follows
 * an idle spell runs slower than one straight after another (caches and clocks cooled down in the
 * meantime); the idle time goes back with each result so calibration can measure that.
 */
let lastPassEnd: number | undefined;

async function run(msg: RunMessage): Promise<void> {
  // The runner's own buffers go back with the answer, whatever it is, for its next batch.
  const returned = msg.inputs.flatMap((input) => (input.slab instanceof ArrayBuffer ? [input.slab] : []));
  try {
    const feeds: Record<string, Tensor> = {};
    for (const input of msg.inputs) {
      const dt = byOrt(input.type)!;
      const elements = input.dims.reduce((a, b) => a * b, 1);
      const buffer = input.slab instanceof ArrayBuffer ? input.slab : stage(input, elements * dt.bytes);
      feeds[input.name] = makeTensor(input.type, dt.view(buffer, 0, elements) as TensorData, input.dims);
    }
    const t0 = performance.now();
    const idleMs = lastPassEnd === undefined ? -1 : t0 - lastPassEnd;
    const results = await session.run(feeds);
    lastPassEnd = performance.now();
    const computeMs = lastPassEnd - t0;
    const outputs: WireTensor[] = [];
    for (const name of session.outputNames) {
      const tensor = results[name]!;
      const data = tensor.data as ArrayBufferView;
      // ORT hands back a typed array that owns its buffer; copy only if it is a view into something
      // larger, or into an input buffer (a buffer can be transferred once).
      const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && !returned.includes(data.buffer as ArrayBuffer);
      const buffer = (own ? data.buffer : data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) as ArrayBuffer;
      outputs.push({ name, type: tensor.type as WireTensor['type'], dims: [...tensor.dims], buffer });
    }
    post({ kind: 'result', seq: msg.seq, outputs, computeMs, idleMs, returned }, [...outputs.map((o) => o.buffer), ...returned]);
  } catch (err) {
    post({ kind: 'run_failed', seq: msg.seq, message: err instanceof Error ? err.message : String(err), returned }, returned);
  }
}
