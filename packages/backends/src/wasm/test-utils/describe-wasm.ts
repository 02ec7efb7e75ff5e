import { spawnSync } from 'node:child_process';
import { fvWasmMissing } from '../fv-wasm.js';

/** Whether clang runs here (FV_WASM_CC, else clang): then the build should have made the module. */
export const clangHere = (): boolean => spawnSync(process.env.FV_WASM_CC ?? 'clang', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * The tests of the WebAssembly kernels, run when the build made them. Without them the file still holds a test,
 * which fails when they were expected (clang is here and FV_NO_WASM is not set) and otherwise checks that the
 * build recorded why (what the page's wasm-c probe then says).
 */
export function describeWasm(title: string, body: () => void): void {
  const missing = fvWasmMissing();
  if (!missing) {
    describe(title, body);
    return;
  }
  describe(`${title}: the module is absent`, () => {
    if (clangHere() && !process.env.FV_NO_WASM) {
      it('is built on a machine with clang', () => {
        throw new Error(`The WebAssembly kernels were expected (clang is here) but are missing: ${missing}. Run \`npm run build -w @flow-visualizer/backends\` and read its output, or set FV_NO_WASM=1.`);
      });
    } else {
      it('records why it was not built', () => expect(missing).toMatch(/clang|FV_NO_WASM|wasm-ld/));
    }
  });
}
