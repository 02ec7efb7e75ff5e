import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, STACK_LINE, runFv, tmpDir } from './test-utils/run-fv.js';

// The native addon's build on machines where it cannot be made, for real: a PATH without any compiler, CC naming
// one that does not exist, and a compiler that fails; then `fv doctor` reading what that build recorded.
const BUILD = path.join(REPO_ROOT, 'packages/backends/scripts/build-native.mjs');

function build(out: string, env: Record<string, string | undefined>) {
  const e: Record<string, string | undefined> = { ...process.env, ...env };
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  const r = spawnSync(process.execPath, [BUILD, '--out', out], { encoding: 'utf8', env: e as NodeJS.ProcessEnv, timeout: 60_000 });
  const statusFile = path.join(out, 'build-status.json');
  return { ...r, status: r.status, recorded: existsSync(statusFile) ? JSON.parse(readFileSync(statusFile, 'utf8')) : undefined };
}

function doctorNativeLine(out: string): string {
  const r = runFv(['doctor'], { env: { FV_NATIVE_DIR: out } });
  expect(r.stderr).not.toMatch(STACK_LINE);
  const lines = r.stdout.split('\n');
  const i = lines.findIndex((l) => /^\s+✘ native\b/.test(l));
  expect(i).toBeGreaterThanOrEqual(0);
  return lines.slice(i, i + 4).join('\n');
}

describe('building the native addon where it cannot be built', () => {
  let dir: string;
  beforeAll(() => (dir = tmpDir('fv-native-build-')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without any compiler on PATH: exits 0, says so, records it, and fv doctor gives that reason', () => {
    const out = path.join(dir, 'no-compiler');
    const emptyBin = path.join(dir, 'empty-bin');
    mkdirSync(emptyBin, { recursive: true });
    const r = build(out, { PATH: emptyBin, CC: undefined, FV_NO_NATIVE: undefined });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/native backend not built: no C compiler \(gcc, cc or clang\) on PATH; install gcc/);
    expect(r.recorded).toMatchObject({ built: false, reason: 'no-compiler' });
    expect(existsSync(path.join(out, 'fv_mlp.node'))).toBe(false);
    expect(doctorNativeLine(out)).toMatch(/✘ native \(alias c\): the native addon was not built: no C compiler[^\n]*\n\s+to enable: [^\n]*install gcc/);
  });

  it('with CC naming a compiler that is not there: exits 0 and names CC', () => {
    const r = build(path.join(dir, 'bad-cc'), { CC: path.join(dir, 'no-such-cc'), FV_NO_NATIVE: undefined });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`CC=${path.join(dir, 'no-such-cc')} does not run`);
    expect(r.recorded).toMatchObject({ reason: 'no-compiler' });
  });

  it('with a compiler that fails: exits 1 with its first lines, removes the stale addon, and fv doctor shows the error', () => {
    const out = path.join(dir, 'compile-error');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'fv_mlp.node'), 'an addon from an earlier build');
    const cc = path.join(dir, 'failing-cc');
    writeFileSync(cc, '#!/bin/sh\nif [ "$1" = --version ]; then echo "failing-cc 1.0"; exit 0; fi\necho "fv_gemm.c:1:1: error: this compiler always fails" >&2\nexit 1\n');
    chmodSync(cc, 0o755);
    const r = build(out, { CC: cc, FV_NO_NATIVE: undefined });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/native backend not built: [^\n]*failing-cc failed:\nfv_gemm\.c:1:1: error: this compiler always fails/);
    expect(r.stderr).toMatch(/FV_NO_NATIVE=1/);
    expect(r.recorded).toMatchObject({ reason: 'compile-error', firstLines: ['fv_gemm.c:1:1: error: this compiler always fails'] });
    expect(existsSync(path.join(out, 'fv_mlp.node'))).toBe(false);
    expect(doctorNativeLine(out)).toMatch(/✘ native \(alias c\): the native addon failed to compile: [^\n]*failing-cc failed:\n\s+fv_gemm\.c:1:1: error: this compiler always fails/);
  });
});
