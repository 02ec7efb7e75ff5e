import { deflateRawSync } from 'node:zlib';
import { unzipFiles } from './unzip.js';

/** One deflated entry whose directory declares `declared` bytes, whatever it inflates to. */
function zipOf(name: string, content: Buffer, declared: number): Uint8Array {
  const data = deflateRawSync(content);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + n.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return new Uint8Array(Buffer.concat([local, n, data, central, n, end]));
}

describe('unzip', () => {
  it('reads an honest deflated entry', async () => {
    const text = Buffer.from('x,y\n1,2\n'.repeat(100));
    const [f] = await unzipFiles(zipOf('run/config.yaml', text, text.length));
    expect(Buffer.from(f.data as Uint8Array).equals(text)).toBe(true);
  });

  it('stops inflating a bomb at the size its directory declares (64 MiB of zeros declared as 100 bytes)', async () => {
    const bomb = zipOf('run/models/velocity_net/weights.bin', Buffer.alloc(64 * 1024 * 1024), 100);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const e = await unzipFiles(bomb, { shown: 'bomb.zip' }).catch((x) => x);
    expect([e.code, e.message]).toEqual(['DATA_INVALID', 'Cannot read bomb.zip as a zip archive: run/models/velocity_net/weights.bin inflates to more than the 100 bytes its directory says.']);
    // Figure, not a limit: how much more the process holds than before (a whole inflation would be 64 MiB).
    console.log(`array buffers after the bomb: +${((process.memoryUsage().arrayBuffers - before) / 2 ** 20).toFixed(1)} MiB`);
  });
});
