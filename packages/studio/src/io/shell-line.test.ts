import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { exportConfigYaml, importConfigYaml } from './config-file.js';
import { resolveValues } from './problems.js';
import { fvRunLine } from './shell-line.js';
import { hashToValues, valuesToOverrides } from './url-state.js';
import { tmpDir } from './test-utils/fv.js';

/**
 * The shown `fv run …` line, pasted into a real shell: a stand-in `fv` first on PATH records the arguments it got,
 * which must be exactly the page's overrides, and no command hidden in a value may run.
 */
const dir = tmpDir();
const bin = path.join(dir, 'bin');
const got = path.join(dir, 'argv.json');
spawnSync('mkdir', ['-p', bin]);
writeFileSync(path.join(bin, 'fv'), `#!/usr/bin/env node\nrequire('fs').writeFileSync(${JSON.stringify(got)}, JSON.stringify(process.argv.slice(2)));\n`);
chmodSync(path.join(bin, 'fv'), 0o755);

function paste(shell: string, line: string): string[] {
  const r = spawnSync(shell, ['-c', line], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(readFileSync(got, 'utf8'));
}

const NASTY = [`x'; touch PWNED; echo '`, 'a b', '$(touch PWNED)', '`touch PWNED`', 'two\nlines', `"dq" \\ back`, "it's", '!x', '*', '~/home', '#hash', '&& touch PWNED', ''];

describe('the page\'s fv run line in a POSIX shell', () => {
  it.each(['bash', 'sh'])('%s: a shared link whose value ends a quote and runs a command reaches fv as that value, and runs nothing', (shell) => {
    const r = hashToValues(`#data.name=svg&data.options.path=x'%3B touch PWNED%3B echo '`);
    const overrides = valuesToOverrides(r.values);
    expect(overrides.some((o) => o.includes(`x'; touch PWNED; echo '`))).toBe(true);
    const line = fvRunLine(overrides);
    expect(paste(shell, line)).toEqual(['run', ...overrides]);
    expect(existsSync(path.join(dir, 'PWNED'))).toBe(false);
  });

  it.each(['bash', 'sh'])('%s: an imported config whose output.dir carries shell syntax', (shell) => {
    for (const evil of NASTY) {
      const values = resolveValues({ output: { dir: evil || 'x' } });
      const imported = importConfigYaml(exportConfigYaml(values));
      const overrides = valuesToOverrides(imported.values);
      expect(paste(shell, fvRunLine(overrides))).toEqual(['run', ...overrides]);
    }
    // Every word as it is, one by one.
    expect(paste(shell, fvRunLine(NASTY))).toEqual(['run', ...NASTY]);
    expect(existsSync(path.join(dir, 'PWNED'))).toBe(false);
  });
});
