/**
 * Notes the user must see on every run, not only with --verbose (an old config key read under its new name): one
 * line each on stderr, so that stdout stays the run's own output for whatever parses it, and each text once per
 * command however many times the config is read. --quiet ("print only errors") silences them.
 */
export function stderrNotes(quiet: () => boolean): (message: string) => void {
  const said = new Set<string>();
  return (message) => {
    if (quiet() || said.has(message)) return;
    said.add(message);
    process.stderr.write(`fv: note: ${message}\n`);
  };
}
