#!/usr/bin/env node
// W2² against velocity evaluations, per coupling, from a sweep of scripts/reproduce-c2ot.mjs (its results.jsonl):
// Euler at each step count measured (NFE = steps) joined by a line, and the adaptive solver (dopri5) as a diamond
// at its mean NFE. Error bars: ± the population sd over seeds (np.std, as the paper's ±), on W2² and, for the
// adaptive solver, on NFE. Log–log axes. One PNG.
//   node scripts/plot-w2-evals.mjs [--in outputs/c2ot-sweep/results.jsonl] [--out docs/images/w2-vs-evaluations.png] [--steps 20000]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const args = { in: 'outputs/c2ot-sweep/results.jsonl', out: 'docs/images/w2-vs-evaluations.png', steps: '' };
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
let rows = readFileSync(args.in, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((r) => r.euler_w2_squared);
if (args.steps) rows = rows.filter((r) => r.steps === Number(args.steps));
if (!rows.length) throw new Error(`No rows with Euler step counts in ${args.in} (a sweep of scripts/reproduce-c2ot.mjs writes them).`);
if (new Set(rows.map((r) => r.steps)).size > 1) throw new Error(`${args.in} mixes training lengths (${[...new Set(rows.map((r) => r.steps))].join(', ')}): pick one with --steps.`);

const stat = (xs) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { m, sd: Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length), n: xs.length };
};
const NAMES = { none: 'independent CFM', ot: 'OT-CFM (exact)', entropic_ot: 'entropic OT (ε 0.5)', sb: 'SB-CFM (σ 0.5)', vp: 'VP-CFM (independent)' };
const COLOURS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02'];
const couplings = [...new Set(rows.map((r) => r.coupling))];
const series = couplings.map((c, k) => {
  const rs = rows.filter((r) => r.coupling === c);
  const steps = Object.keys(rs[0].euler_w2_squared).map(Number).sort((a, b) => a - b);
  return {
    name: NAMES[c] ?? c, colour: COLOURS[k % COLOURS.length], seeds: rs.length,
    euler: steps.map((s) => ({ nfe: s, ...stat(rs.map((r) => r.euler_w2_squared[s])) })),
    adaptive: { ...stat(rs.map((r) => r.adaptive_w2_squared)), nfe: stat(rs.map((r) => r.adaptive_nfe)) },
  };
});

const W = 700, H = 440, L = 70, R = 230, T = 40, B = 50;
const all = series.flatMap((s) => [...s.euler.flatMap((p) => [p.m + p.sd, Math.max(p.m - p.sd, p.m / 2)]), s.adaptive.m + s.adaptive.sd, Math.max(s.adaptive.m - s.adaptive.sd, s.adaptive.m / 2)]);
const ylo = Math.floor(Math.log10(Math.min(...all))), yhi = Math.ceil(Math.log10(Math.max(...all)));
const xhi = Math.ceil(Math.log2(Math.max(...series.map((s) => s.adaptive.nfe.m + s.adaptive.nfe.sd), 8)));
const X = (nfe) => L + (Math.log2(nfe) / xhi) * (W - L - R);
const Y = (v) => T + (1 - (Math.log10(Math.max(v, 10 ** ylo)) - ylo) / (yhi - ylo)) * (H - T - B);
let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="DejaVu Sans" font-size="11"><rect width="100%" height="100%" fill="white"/>`;
svg += `<text x="${L}" y="22" font-size="13">W2² against velocity evaluations (eight Gaussians → moons, ${rows[0].steps} steps, ${rows[0].points} points)</text>`;
for (let e = ylo; e <= yhi; e++) svg += `<line x1="${L}" x2="${W - R}" y1="${Y(10 ** e)}" y2="${Y(10 ** e)}" stroke="#eee"/><text x="${L - 6}" y="${Y(10 ** e) + 4}" text-anchor="end">1e${e}</text>`;
for (let e = 0; e <= xhi; e++) svg += `<line y1="${T}" y2="${H - B}" x1="${X(2 ** e)}" x2="${X(2 ** e)}" stroke="#eee"/><text x="${X(2 ** e)}" y="${H - B + 15}" text-anchor="middle">${2 ** e}</text>`;
svg += `<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#999"/>`;
svg += `<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">velocity evaluations (NFE, log₂)</text><text transform="translate(16,${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">W2² (mean ± sd over seeds, log)</text>`;
const bar = (x, m, sd, c) => `<line x1="${x}" x2="${x}" y1="${Y(m + sd)}" y2="${Y(Math.max(m - sd, 10 ** ylo))}" stroke="${c}"/><line x1="${x - 3}" x2="${x + 3}" y1="${Y(m + sd)}" y2="${Y(m + sd)}" stroke="${c}"/><line x1="${x - 3}" x2="${x + 3}" y1="${Y(Math.max(m - sd, 10 ** ylo))}" y2="${Y(Math.max(m - sd, 10 ** ylo))}" stroke="${c}"/>`;
series.forEach((s, k) => {
  const jitter = (k - (series.length - 1) / 2) * 4; // side by side, so that bars at the same NFE stay apart
  svg += `<polyline fill="none" stroke="${s.colour}" stroke-width="1.6" points="${s.euler.map((p) => `${X(p.nfe) + jitter},${Y(p.m)}`).join(' ')}"/>`;
  for (const p of s.euler) svg += bar(X(p.nfe) + jitter, p.m, p.sd, s.colour) + `<circle cx="${X(p.nfe) + jitter}" cy="${Y(p.m)}" r="3" fill="${s.colour}"/>`;
  const a = s.adaptive, ax = X(a.nfe.m), ay = Y(a.m);
  svg += bar(ax, a.m, a.sd, s.colour) + `<line x1="${X(Math.max(a.nfe.m - a.nfe.sd, 1))}" x2="${X(a.nfe.m + a.nfe.sd)}" y1="${ay}" y2="${ay}" stroke="${s.colour}"/>`;
  svg += `<path d="M ${ax} ${ay - 6} L ${ax + 6} ${ay} L ${ax} ${ay + 6} L ${ax - 6} ${ay} Z" fill="white" stroke="${s.colour}" stroke-width="1.6"/>`;
  const ly = T + 14 + k * 18;
  svg += `<line x1="${W - R + 14}" x2="${W - R + 34}" y1="${ly}" y2="${ly}" stroke="${s.colour}" stroke-width="2"/><text x="${W - R + 40}" y="${ly + 4}">${s.name} (${s.seeds} seed${s.seeds === 1 ? '' : 's'})</text>`;
});
const ly = T + 14 + series.length * 18 + 8;
svg += `<circle cx="${W - R + 24}" cy="${ly}" r="3" fill="#555"/><text x="${W - R + 40}" y="${ly + 4}">Euler, 1–8 steps</text>`;
svg += `<path d="M ${W - R + 24} ${ly + 12} L ${W - R + 30} ${ly + 18} L ${W - R + 24} ${ly + 24} L ${W - R + 18} ${ly + 18} Z" fill="white" stroke="#555"/><text x="${W - R + 40}" y="${ly + 22}">dopri5 (tol 1e-4)</text>`;
svg += '</svg>';
mkdirSync(path.dirname(args.out), { recursive: true });
writeFileSync(args.out, new Resvg(svg).render().asPng());
for (const s of series) console.log(`${s.name}: ${s.euler.map((p) => `Euler ${p.nfe} ${p.m.toFixed(3)} ± ${p.sd.toFixed(3)}`).join(', ')}, dopri5 ${s.adaptive.m.toFixed(3)} ± ${s.adaptive.sd.toFixed(3)} at ${s.adaptive.nfe.m.toFixed(1)} NFE`);
console.log(`wrote ${args.out}`);
