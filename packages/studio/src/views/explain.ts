/**
 * What each view shows, in the page's own words: a folded "What am I looking at?" under its title and a legend
 * (colour swatches, line styles, colour scales) under its picture. Kept in one file so that the words read as
 * one text, as TensorFlow Playground's article below its tool does.
 */
import { rgbCss, theme, viridis } from '@flow-visualizer/renderers/plot';

export type ViewId = 'samples' | 'vfield' | 'paths' | 'particles' | 'pairing' | 'density' | 'loss' | 'quality' | 'likelihood' | 'data' | 'source';

export const EXPLANATIONS: Record<ViewId, string> = {
  samples:
    'Orange dots are points the model makes: each starts as a random point of the start (Gaussian noise unless "start from" picks a dataset or your drawing) at t = 0 and is carried along the learned field to t = 1. Drag the time slider to see them part way. The pale blue dots are the data it learns from. When training works, at t = 1 the orange cloud covers the blue shape, no more and no less.',
  vfield:
    'The arrows are the model itself: at each place and time t it says which way, and how fast, a point should move. Colour is speed (dark: slow, yellow: fast); every time uses one length scale, so arrows can be compared across the slider. Early in time the arrows point from the noise toward the data; near t = 1 they fine-tune each point onto the shape.',
  paths:
    'Lines follow 160 points from their start (grey dots, t = 0: the noise, or the dataset or drawing "start from" picks) to where the model puts them (orange dots, t = 1), coloured by time from dark (early) to yellow (late). Straighter paths need fewer solver steps; pairing "ot" makes them straighter.',
  particles:
    'Each dot is one generated point travelling from its start (t = 0) to where the model puts it (t = 1), in a loop; its faint tail is where it just was. ❚❚ stops the loop at the time it reached; the particle time slider shows any time. With "field under the particles", the faint arrows are the model\'s field at that same time: the dots move along them. A conditional model\'s dots and tails take the colour of the class each was sampled with.',
  pairing:
    'One training batch as the model is taught it: each line joins a start point (grey) to the data point (blue) it is asked to move to. With pairing "none" partners are drawn at random, so lines cross everywhere and the model can only learn their average; "ot" gives each start point a nearby data point so that the total squared length is smallest: fewer crossings, straighter paths. The menu draws the same batch with each pairing; the note gives the mean squared length of the lines. A conditional model\'s lines and data points take the colour of the data point\'s class: plain "ot" ignores the class, so a start point may be paired with a far class\'s point; "c2ot" pairs within each class only.',
  density:
    'How the cloud of generated points spreads over time: the density of the samples at t = 0, 0.25, 0.5, 0.75 and 1 (darker: more points per area), beside the data\'s own. This is the probability path flow matching learns: a smooth morph from the start to the data. All panels share one colour scale. For a conditional model with classes, "colour by class" paints each cell in the colours of the classes whose points are there (mixed by their shares), as strong as its density: at t = 0 the classes are the same mixed noise; by t = 1 each should sit on its own part of the data.',
  loss:
    'The training loss: how far the model\'s arrows are from the velocity each training pair asks for, averaged over an epoch. It falls as the model learns, but never to 0 (many pairs cross at the same place and time, and the model can only give one arrow there), so its level says little on its own: the quality figures say how good the samples are.',
  quality:
    'How close the samples are to the data. The big number compares the sliced Wasserstein distance of 2,000 generated points to the data with what 2,000 fresh data points score (the floor): 1× is as good as 2,000 points can show, 2× twice as far. It has its own noise (±), shown as the shaded band: a model is only "done" inside it. The bar runs from the noise the flow starts at to the floor, on a log scale. W2 (at rest) is the exact optimal-transport distance on 1,000 points. The table lists the preview\'s own figures, noisier. A conditional model with classes adds a row per class (as fv run\'s metrics.json): how many samples were asked for it, the share of them whose nearest data point is of that class (100% = every sample lands on its own class), and at rest its W2.',
  likelihood:
    'Where the model puts probability. Left: the model\'s exact log-density log p(x), found by carrying each grid point back to the noise and adding up how much the flow stretches space on the way. Right: a smoothed picture of the data. Same colour scale (the bar gives the numbers, in nats); where the two match, the model is right. The NLL (lower is better) is the average −log p of held-out data points.',
  source:
    'Draw where the paths start (t = 0) with a mouse, a pen or a finger: "start from: drawn" makes your grey points the source instead of the Gaussian noise, so the model learns to carry your drawing onto the data. The paths and pairing views start on them, the quality figures measure from them, and the exported config.yaml holds them, so fv run starts from the same points. Clear source goes back to the start used before.',
  data:
    'Draw your own data with a mouse, a pen or a finger, or drop a file. Your points replace the dataset: the model learns to turn noise into your drawing. Changing the data always starts a new model (what was learned was about the old shape).',
};

/** Appends a folded explanation to a panel, right under its title. */
export function addExplanation(panel: HTMLElement, id: ViewId): HTMLDetailsElement {
  const details = document.createElement('details');
  details.className = 'explain';
  details.dataset.view = id;
  const summary = document.createElement('summary');
  summary.textContent = 'What am I looking at?';
  const p = document.createElement('p');
  p.textContent = EXPLANATIONS[id];
  details.append(summary, p);
  const cap = panel.querySelector(':scope > figcaption');
  if (cap) cap.after(details);
  else panel.prepend(details);
  return details;
}

export type LegendItem =
  | { dot: string; text: string }
  | { line: string; dash?: 'dashed' | 'dotted'; text: string }
  | { band: string; text: string }
  /** A colour scale: a gradient from its low to its high end, with words at each end. */
  | { scale: 'viridis'; low: string; high: string; text: string };

/** A legend under a panel's picture (plain HTML, so it reads at any size and to a screen reader). */
export function addLegend(panel: HTMLElement, items: LegendItem[]): HTMLElement {
  const box = document.createElement('div');
  box.className = 'legend';
  for (const it of items) {
    const item = document.createElement('span');
    item.className = 'legend-item';
    const key = document.createElement('span');
    key.setAttribute('aria-hidden', 'true');
    if ('dot' in it) {
      key.className = 'key dot';
      key.style.background = it.dot;
    } else if ('line' in it) {
      key.className = 'key line';
      key.style.borderTop = `2px ${it.dash ?? 'solid'} ${it.line}`;
    } else if ('band' in it) {
      key.className = 'key band';
      key.style.background = it.band;
    } else {
      key.className = 'key scale';
      const stops = Array.from({ length: 9 }, (_, i) => rgbCss(viridis(i / 8)));
      key.style.background = `linear-gradient(to right, ${stops.join(', ')})`;
      const low = document.createElement('span');
      low.className = 'scale-end';
      low.textContent = it.low;
      const high = document.createElement('span');
      high.className = 'scale-end';
      high.textContent = it.high;
      item.append(low, key, high, document.createTextNode(` ${it.text}`));
      box.append(item);
      continue;
    }
    item.append(key, document.createTextNode(it.text));
    box.append(item);
  }
  panel.append(box);
  return box;
}

/** The legends of the page's views, in the colours the pictures use. */
export const LEGENDS: Partial<Record<ViewId, LegendItem[]>> = {
  samples: [
    { dot: theme.colors.generated, text: 'generated points at time t' },
    { dot: theme.colors.targetFaded, text: 'the data' },
  ],
  vfield: [
    { scale: 'viridis', low: 'slow', high: 'fast', text: 'arrow colour: speed' },
    { dot: theme.colors.targetFaded, text: 'the data' },
  ],
  paths: [
    { dot: theme.colors.domain, text: 'start (t = 0)' },
    { dot: theme.colors.generated, text: 'end (t = 1)' },
    { scale: 'viridis', low: 't = 0', high: 't = 1', text: 'line colour: time' },
  ],
  loss: [{ line: theme.colors.loss, text: 'mean training loss per epoch' }],
  quality: [
    { line: theme.colors.generated, text: 'samples (× the floor)' },
    { line: theme.colors.target, dash: 'dashed', text: '1× = perfect' },
    { band: 'rgba(59,111,182,0.25)', text: 'a perfect model\'s noise' },
    { line: theme.colors.domain, dash: 'dotted', text: 'the starting points (t = 0)' },
  ],
};
