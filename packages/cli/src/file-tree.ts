import path from 'node:path';

/**
 * The files of a run as a short listing by folder, paths as the user gave them (`root` is output.dir as
 * configured): one line per folder, each file's name once with its extensions grouped
 * (`comparison.{png,svg,vl.json}`), so that 25 files read in a few lines.
 */
export function fileTree(root: string, files: readonly string[]): string[] {
  const absRoot = path.resolve(root);
  const byFolder = new Map<string, string[]>();
  for (const f of files) {
    const rel = path.relative(absRoot, path.resolve(f));
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const dir = path.dirname(rel);
    const list = byFolder.get(dir) ?? [];
    if (!list.includes(path.basename(rel))) list.push(path.basename(rel));
    byFolder.set(dir, list);
  }
  const folders = [...byFolder.keys()].sort((a, b) => (a === '.' ? -1 : b === '.' ? 1 : a.localeCompare(b)));
  const label = (d: string) => (d === '.' ? './' : `${d.split(path.sep).join('/')}/`);
  const width = Math.max(0, ...folders.map((d) => label(d).length));
  return folders.map((d) => {
    const names = groupExtensions(byFolder.get(d)!);
    return `  ${label(d).padEnd(width)}${width ? '  ' : ''}${names.join('  ')}`.trimEnd();
  });
}

/** ['a.png', 'a.svg', 'b.gif'] → ['a.{png,svg}', 'b.gif']; the order of first appearance is kept. */
export function groupExtensions(names: readonly string[]): string[] {
  const stems = new Map<string, string[]>();
  for (const n of names) {
    // The stem ends at the first dot (vl.json and canvas.png are one extension each).
    const dot = n.indexOf('.', 1);
    const stem = dot > 0 ? n.slice(0, dot) : n, ext = dot > 0 ? n.slice(dot + 1) : '';
    const exts = stems.get(stem) ?? [];
    exts.push(ext);
    stems.set(stem, exts);
  }
  return [...stems.entries()].map(([stem, exts]) => {
    const real = exts.filter(Boolean);
    if (!real.length) return stem;
    return real.length === 1 ? `${stem}.${real[0]}` : `${stem}.{${real.join(',')}}`;
  });
}
