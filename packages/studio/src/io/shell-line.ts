/**
 * The `fv run …` line the page shows for its settings, quoted for POSIX shells (bash, zsh, dash): pasted into a
 * terminal it runs fv with exactly these overrides, whatever a shared link or an imported config put in them
 * (quotes, `;`, `$(…)`, newlines). A word of only safe characters stays bare; any other is put in single quotes,
 * each `'` inside becoming `'\''` (close, an escaped quote, reopen).
 */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function fvRunLine(overrides: readonly string[]): string {
  return ['fv', 'run', ...overrides.map(shellQuote)].join(' ');
}
