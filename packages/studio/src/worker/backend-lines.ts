import type { BackendProbe, VelocityBackend } from '@flow-visualizer/core';
import type { BackendLine } from './protocol.js';

/**
 * Every backend as `fv doctor` lists it: the one taken, the others loadable or passed over with why (core's
 * selection stops at the first that loads; the page shows them all). Probes are cached by the backends.
 */
export async function backendLines(backends: readonly VelocityBackend[], taken: string): Promise<BackendLine[]> {
  const lines: BackendLine[] = [];
  for (const b of [...backends].sort((x, y) => y.priority - x.priority)) {
    let probe: BackendProbe;
    try {
      probe = await b.probe();
    } catch (e) {
      probe = { ok: false, reason: String(e) };
    }
    lines.push({ id: b.id, priority: b.priority, ok: probe.ok, taken: b.id === taken, reason: probe.reason, ...(probe.hint ? { hint: probe.hint } : {}) });
  }
  return lines;
}
