import { FvError } from '../../errors.js';
import type { FvConfig } from '../../config/schema.js';
import type { FvPlugin } from '../../plugin.js';
import { objectShape } from '../../config/schema-walk.js';
import { didYouMean } from '../../suggest.js';

export interface FlowOptions {
  path: Record<string, unknown>;
  pairing: Record<string, unknown>;
}

/** The option names a plugin's schema declares (none without a schema, or with one that is not an object). */
export function declaredOptions(p: FvPlugin): string[] {
  const shape = p.optionsSchema ? objectShape(p.optionsSchema as never) : undefined;
  return shape ? Object.keys(shape) : [];
}

/**
 * The options of the path (flow.path_options) and of the pairing (flow.pairing_options), each validated strictly
 * by its own plugin afterwards. Configs written before the split still carry one shared `flow.options`: each of its
 * keys goes to the one plugin that declares it (a key set in the new map wins); a key that both or neither declare
 * cannot be placed, and the message names the new keys.
 */
export function flowOptions(flow: FvConfig['flow'], path: FvPlugin, pairing: FvPlugin, note: (m: string) => void): FlowOptions {
  const out: FlowOptions = { path: {}, pairing: {} };
  const legacy = Object.entries(flow.options ?? {});
  if (legacy.length) {
    const pathKeys = declaredOptions(path), pairingKeys = declaredOptions(pairing);
    const moved: string[] = [];
    for (const [k, v] of legacy) {
      const inPath = pathKeys.includes(k), inPairing = pairingKeys.includes(k);
      if (inPath !== inPairing) {
        out[inPath ? 'path' : 'pairing'][k] = v;
        moved.push(`flow.${inPath ? 'path' : 'pairing'}_options.${k}`);
        continue;
      }
      const where = `flow.path_options (the path '${path.id}') or flow.pairing_options (the pairing '${pairing.id}')`;
      throw new FvError(
        'CONFIG_INVALID',
        inPath
          ? `The option 'flow.options.${k}' is taken by both the path '${path.id}' and the pairing '${pairing.id}': flow.options is now split in two, so say which one it is for.`
          : `Unknown option 'flow.options.${k}': neither the path '${path.id}' nor the pairing '${pairing.id}' takes it.${didYouMean(k, [...pathKeys, ...pairingKeys])}`,
        { hint: `flow.options is replaced by flow.path_options and flow.pairing_options: put '${k}' under ${where}. Options here: ${[...pathKeys.map((x) => `path_options.${x}`), ...pairingKeys.map((x) => `pairing_options.${x}`)].join(', ') || 'none'} (see \`fv list paths\` and \`fv list pairings\`).` },
      );
    }
    note(`flow.options is replaced by flow.path_options and flow.pairing_options: read it as ${moved.join(', ')}. Rename ${moved.length > 1 ? 'these keys' : 'the key'} in the config to silence this note.`);
  }
  return bridgeRegularisation({ path: { ...out.path, ...flow.path_options }, pairing: { ...out.pairing, ...flow.pairing_options } }, path, pairing);
}

/**
 * A pairing option set to 'bridge' (the entropic pairing's reg) takes ε = 2σ² from the path's sigma, as
 * Schrödinger-bridge CFM couples them: resolved here, once, so that the pairing (and its worker copies) see a
 * number. A path that has no sigma cannot give one, and the message names the key.
 */
function bridgeRegularisation(opts: FlowOptions, path: FvPlugin, pairing: FvPlugin): FlowOptions {
  const entry = Object.entries(opts.pairing).find(([, v]) => v === 'bridge');
  if (!entry) return opts;
  const [key] = entry;
  const parsed = declaredOptions(path).includes('sigma') ? (path.optionsSchema as { safeParse(v: unknown): { success: boolean; data?: { sigma?: unknown } } }).safeParse(opts.path) : undefined;
  const sigma = parsed?.success ? parsed.data?.sigma : undefined;
  if (typeof sigma !== 'number') {
    throw new FvError('CONFIG_INVALID', `flow.pairing_options.${key}='bridge' asks the pairing '${pairing.id}' for ε = 2σ² of the path's sigma, but the path '${path.id}' has no sigma.`, {
      hint: `Use flow.path=brownian_bridge (with flow.path_options.sigma), or give flow.pairing_options.${key} a number.`,
    });
  }
  return { path: opts.path, pairing: { ...opts.pairing, [key]: 2 * sigma * sigma } };
}
