/** Runs that differ only by seed, grouped: mean, sample standard deviation and count of each metric. */
export interface MetricStats {
  mean: number;
  /** Sample standard deviation (n − 1); null for one run. */
  sd: number | null;
  n: number;
}

export interface GroupInput {
  index: number;
  values: Record<string, string>;
  /** Only completed runs' metrics count. */
  metrics: Record<string, number> | null;
}

export interface Group {
  /** Swept values shared by the group (every swept key but the seed). */
  values: Record<string, string>;
  /** Indexes of its runs, in order. */
  runs: number[];
  stats: Record<string, MetricStats>;
}

export const SEED_KEY = 'training.seed';

export function meanSd(xs: readonly number[]): MetricStats {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : null;
  return { mean, sd, n };
}

/** Groups by every key but `training.seed` (each run its own group when the seed is not swept). */
export function groupRuns(keys: readonly string[], runs: readonly GroupInput[]): Group[] {
  const byValues = keys.includes(SEED_KEY);
  const groupKeys = keys.filter((k) => k !== SEED_KEY);
  const groups = new Map<string, Group>();
  for (const r of runs) {
    const values = Object.fromEntries(groupKeys.map((k) => [k, r.values[k]]));
    const id = byValues ? JSON.stringify(groupKeys.map((k) => r.values[k])) : String(r.index);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { values, runs: [], stats: {} }));
    g.runs.push(r.index);
  }
  const byIndex = new Map(runs.map((r) => [r.index, r]));
  for (const g of groups.values()) {
    const names = new Set(g.runs.flatMap((i) => Object.keys(byIndex.get(i)?.metrics ?? {})));
    for (const m of names) {
      const xs = g.runs.map((i) => byIndex.get(i)?.metrics?.[m]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (xs.length) g.stats[m] = meanSd(xs);
    }
  }
  return [...groups.values()];
}
