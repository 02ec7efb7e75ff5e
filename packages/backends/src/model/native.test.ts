import { nativeBackend } from '../backends/native-backend.js';
import { describeModelBehaviour } from '../test-utils/model-suite.js';
import { addonPath } from './native-net.js';

// The addon exists once the package is built (npm run build) on a machine with a C compiler.
if (addonPath()) {
  describeModelBehaviour('native', nativeBackend, { steps: 60 });
} else {
  it('says how to build the native backend when it is not built', async () => {
    const p = await nativeBackend().probe();
    expect(p.ok).toBe(false);
    expect(p.hint).toMatch(/gcc/);
  });
}
