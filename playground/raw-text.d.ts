// `import text from './file.yaml?raw'`: a file's text, bundled (bundle.mjs's raw-text plugin; vitest
// reads the same suffix natively).
declare module '*?raw' {
  const text: string;
  export default text;
}
