import { PairingPool } from '../pipeline/pairing/pairing-pool.js';
import './index.js';

// Any built module serves as the spec here (a worker that cannot build its pairing only leaves batches to training).
// Node users get the pairing threads by importing the Node entry (the cli does, through checkpoints and run);
// the main entry alone has none (a browser), which pairing-pool.test.ts checks.
describe('@flow-visualizer/core/node', () => {
  it('installs Node worker threads as the pairing thread host on import', async () => {
    const pool = PairingPool.start({ module: new URL('../pipeline/pairing/pairing-pool.js', import.meta.url).href, export: 'none', options: {} }, 1);
    try {
      expect(pool?.size).toBe(1);
    } finally {
      await pool?.close();
    }
  });
});
