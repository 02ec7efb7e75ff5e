import { PairingPool } from '../pipeline/pairing/pairing-pool.js';
import { otPairing } from '../paths/ot-pairing.js';
import './index.js';

// Node users get the pairing threads by importing the Node entry (the cli does, through checkpoints and run);
// the main entry alone has none (a browser), which pairing-pool.test.ts checks.
describe('@flow-visualizer/core/node', () => {
  it('installs Node worker threads as the pairing thread host on import', async () => {
    const pool = PairingPool.start(otPairing().worker, 1);
    try {
      expect(pool?.size).toBe(1);
    } finally {
      await pool?.close();
    }
  });
});
