/**
 * The metrics of a run, grouped and said in words, each quality figure beside its noise floor (what a perfect
 * model scores with this many points), for report.html. Keys no group names (e.g. a plugin's) go under "Other".
 */
export interface MetricRow {
  key: string;
  label: string;
  value: string;
  /** The same figure between two draws of the data: the best a model can score. */
  floor?: string;
  explain: string;
}

export interface MetricGroup {
  title: string;
  note?: string;
  rows: MetricRow[];
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? String(Number(v.toPrecision(4))) : v.toPrecision(3);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

type Spec = [key: string, label: string, explain: string, floorKey?: string];

const GROUPS: { title: string; note?: string; keys: Spec[] }[] = [
  {
    title: 'Quality of the generated points',
    note: 'Each figure compares generated points with fresh draws of the data; lower is better. The floor is the same figure between two independent draws of the data: what a perfect model scores with this many points.',
    keys: [
      ['sliced_w1', 'Sliced Wasserstein-1', 'Average distance the points would have to move to match the data, over many 1D projections.', 'sliced_w1_floor'],
      ['energy_distance', 'Energy distance', 'Difference of the mean pairwise distances within and between the two sets.', 'energy_distance_floor'],
      ['mmd_rbf', 'MMD (RBF kernel)', 'Maximum mean discrepancy with a Gaussian kernel: how well a smooth test tells the sets apart.', 'mmd_rbf_floor'],
      ['sliced_w1_vs_training', 'Sliced W1 vs training points', 'Against the training points themselves (the figure the PyTorch reference prints).'],
      ['metrics_n_sliced', 'Points for sliced W1', 'Generated points behind the sliced W1 (energy distance and MMD use the first metrics_n).'],
      ['metrics_n', 'Points for energy / MMD', 'These two cost O(n²): measured on this many points.'],
      ['quality_reference', 'Compared against', 'Where the data points of the comparison come from.'],
    ],
  },
  {
    title: 'Likelihood',
    note: 'The model is a continuous normalising flow: it has a density, computed exactly by carrying each point back to the Gaussian with the divergence of the field accumulated. Lower NLL is better; a flow that spreads mass where the data has none pays for it here even when its samples look right.',
    keys: [
      ['nll', 'NLL (nats per point)', 'Mean negative log-likelihood of fresh held-out data points under the model: −mean log p(x).'],
      ['nll_given_class', 'NLL given the class', 'A class-conditional model: −mean log p(x | its own class). The NLL above is of the model\'s density of x, the mixture of its classes in the data\'s shares.'],
      ['nll_points', 'Points for NLL', 'Held-out data points scored.'],
      ['nll_estimator', 'Divergence', 'How the divergence was computed: the exact trace of the backend\'s Jacobian.'],
      ['nll_integrator', 'Likelihood solver', 'ODE solver that carried the points back to the source (likelihood.integrator).'],
      ['nll_steps', 'Likelihood steps', 'Its steps from t = 1 to 0.'],
      ['nll_nfe', 'Likelihood evaluations', 'Jacobian evaluations per point.'],
      ['nll_seconds', 'Likelihood seconds', 'Time to score the held-out points.'],
      ['nll_units', 'Units', 'log p in the coordinates of the points file (its fit into the box undone).'],
    ],
  },
  {
    title: 'The flow',
    keys: [
      ['straightness', 'Straightness (mean)', 'Path length ÷ distance from start to end, averaged over the points; 1 = straight lines, which few solver steps follow well.'],
      ['straightness_median', 'Straightness (median)', 'The same, the middle point.'],
      ['w2_squared', 'W2² (exact)', 'Squared 2-Wasserstein distance between generated and fresh target points by exact assignment (the figure OT papers print); lower is better.'],
      ['w2', 'W2 (exact)', 'Its square root, in data units.'],
      ['w2_points', 'Points for W2', 'Generated and target points in the exact assignment (visualization.n_w2_points).'],
      ['npe', 'Normalised path energy', '|E∫|v|²dt − W2²(source, target)| ÷ W2²: 0 when the paths are optimal transport\'s straight lines at constant speed.'],
      ['path_energy', 'Path energy', 'E∫|v|²dt of the drawn paths.'],
      ['integrator', 'Solver', 'ODE solver that carried noise to data.'],
      ['n_sampling_steps', 'Steps', 'Solver steps from t = 0 to 1.'],
      ['nfe', 'Velocity evaluations', 'Calls of the network per point (NFE): the cost of sampling.'],
      ['n_generated', 'Points drawn', 'Generated points in the pictures.'],
      ['sample_seconds', 'Sampling seconds', 'Time to generate every point.'],
    ],
  },
  {
    title: 'Training',
    note: 'The flow-matching loss does not go to 0: even the best field leaves the variance of the target velocity at each (x, t). A curve that flattens above 0 has converged, not failed.',
    keys: [
      ['final_loss', 'Final loss', 'Mean loss of the last epoch.'],
      ['loss_fresh', 'Loss on fresh pairs', 'The trained model on fresh (noise, data, t) draws, without training on them: where the curve settles.'],
      ['n_epochs', 'Epochs', 'Passes over the training points.'],
      ['backend', 'Backend', 'What computed the network (fv doctor says why).'],
      ['train_seconds', 'Training seconds', 'Wall time of training.'],
      ['seconds_per_epoch', 'Seconds per epoch', 'Training seconds ÷ epochs.'],
    ],
  },
];

/** Keys shown elsewhere (the loss curve) or as another row's floor. */
const HIDDEN = new Set(['loss_history', 'loss_fresh_pairs', ...GROUPS.flatMap((g) => g.keys.map((k) => k[3]).filter((k): k is string => !!k))]);

export function metricGroups(metrics: Record<string, unknown>): MetricGroup[] {
  const used = new Set<string>();
  const groups: MetricGroup[] = [];
  for (const g of GROUPS) {
    const rows: MetricRow[] = [];
    for (const [key, label, explain, floorKey] of g.keys) {
      if (!(key in metrics)) continue;
      used.add(key);
      rows.push({ key, label, value: formatValue(metrics[key]), explain, ...(floorKey && floorKey in metrics ? { floor: formatValue(metrics[floorKey]) } : {}) });
    }
    if (rows.length) groups.push({ title: g.title, note: g.note, rows });
  }
  const classes = classGroup(metrics);
  if (classes) {
    groups.push(classes);
    used.add('per_class').add('nearest_class_share');
  }
  const rest = Object.keys(metrics).filter((k) => !used.has(k) && !HIDDEN.has(k));
  if (rest.length) groups.push({ title: 'Other', rows: rest.map((key) => ({ key, label: key.replace(/_/g, ' '), value: formatValue(metrics[key]), explain: '' })) });
  return groups;
}

type ClassEntry = { class: number; name: string; n: number; w2?: number; w2_squared?: number; w2_points?: number; nearest_share: number };

/** A run with classes: the share landing nearest their asked class overall, then one row per class. */
function classGroup(metrics: Record<string, unknown>): MetricGroup | undefined {
  const per = metrics.per_class;
  if (!Array.isArray(per) && !('nearest_class_share' in metrics)) return undefined;
  const pct = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? `${formatValue(100 * v)}%` : '—');
  const rows: MetricRow[] = [];
  if ('nearest_class_share' in metrics) {
    rows.push({ key: 'nearest_class_share', label: 'Nearest own class', value: pct(metrics.nearest_class_share), explain: 'Share of all generated points whose nearest held-out data point is of the class they were asked for (100% when every class lands on its own data).' });
  }
  for (const c of (Array.isArray(per) ? per : []) as ClassEntry[]) {
    const w2 = c.w2_squared !== undefined ? `W2² ${formatValue(c.w2_squared)}` : c.w2 !== undefined ? `W2 ${formatValue(c.w2)}` : undefined;
    rows.push({
      key: `per_class.${c.class}`,
      label: `${c.class}: ${c.name}`,
      value: [w2, `${pct(c.nearest_share)} nearest own class`].filter(Boolean).join(' · '),
      explain: `${c.n} points asked for this class${c.w2_points ? `; exact W2 against ${c.w2_points} held-out points of the class` : ''}.`,
    });
  }
  return rows.length ? { title: 'By class', note: 'Per class, its generated points against held-out data of that class: exact W2² (lower is better) and the share whose nearest data point is of the asked class (nearest point, not class centre: classes such as moons are not convex).', rows } : undefined;
}
