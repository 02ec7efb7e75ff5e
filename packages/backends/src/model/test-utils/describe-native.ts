import { spawnSync } from 'node:child_process';
import { nativeBackend } from '../../backends/native-backend.js';
import { addonPath, missingAddonReason, nativeBuildStatus } from '../native-net.js';

/** Whether a C compiler runs here (CC, else gcc or cc): then the build should have made the addon. */
function compilerHere(): string | undefined {
  const candidates = process.env.CC ? [process.env.CC] : ['gcc', 'cc'];
  return candidates.find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
}

/**
 * The tests of the C addon, run when it is built. Without it the file still holds a test (Jest fails a file with
 * none), which says why: it fails when the addon was expected (a compiler is here and the build failed or never
 * ran; FV_NO_NATIVE=1 says it is not wanted), and otherwise checks that the native backend reports itself
 * unavailable with the reason the build recorded (no compiler, no headers, unsupported platform).
 */
export function describeNative(title: string, body: () => void): void {
  if (addonPath()) {
    describe(title, body);
    return;
  }
  const status = nativeBuildStatus();
  const compiler = process.env.FV_NO_NATIVE ? undefined : compilerHere();
  const expected = status?.reason === 'compile-error' || (!status && compiler !== undefined);
  describe(`${title}: the native addon is absent`, () => {
    if (expected) {
      it('is built on a machine with a C compiler', () => {
        throw new Error(
          `The native addon was expected (${compiler ?? status?.compiler} is here) but is missing: ${missingAddonReason()}. ` +
            'Run `npm run build -w @flow-visualizer/backends` and read its output, or set FV_NO_NATIVE=1 to test without it.',
        );
      });
    } else {
      it(`makes the native backend say why it is unavailable (${status?.reason ?? 'not wanted'})`, async () => {
        const probe = await nativeBackend().probe();
        expect(probe.ok).toBe(false);
        expect(probe.hint).toMatch(/gcc/);
        if (status) expect(probe.reason).toContain(status.message);
      });
    }
  });
}
