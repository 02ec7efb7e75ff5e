/**
 * scripts/build-wasm.mjs where the toolchain is missing: the build goes on (exit 0) and the generated module says
 * why there are no kernels, which the page's wasm-c probe then reports (tfjs-wasm takes over). Written elsewhere
 * (--out, --gen), so the package's own module is untouched.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/build-wasm.mjs');

describe('build-wasm.mjs', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'fv-build-wasm-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const build = (env: Record<string, string>) =>
    spawnSync(process.execPath, [SCRIPT, '--out', path.join(dir, 'k.wasm'), '--gen', path.join(dir, 'gen.ts')], { encoding: 'utf8', env: { ...process.env, ...env } });

  it('without clang: exit 0, no module, and the reason in the generated file', () => {
    const r = build({ FV_WASM_CC: path.join(dir, 'no-such-clang') });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/wasm kernels not built: no .*no-such-clang \(install clang and lld/);
    const gen = readFileSync(path.join(dir, 'gen.ts'), 'utf8');
    expect(gen).toMatch(/FV_WASM_BASE64: string \| null = null;/);
    expect(gen).toMatch(/FV_WASM_MISSING: string \| null = ".*no-such-clang.*";/);
    expect(existsSync(path.join(dir, 'k.wasm'))).toBe(false);
  });

  it('FV_NO_WASM: skipped, saying so', () => {
    const r = build({ FV_NO_WASM: '1' });
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'gen.ts'), 'utf8')).toMatch(/FV_WASM_MISSING: string \| null = "FV_NO_WASM is set";/);
  });
});
