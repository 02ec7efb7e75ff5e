/**
 * What the lock file of an output folder says its owner is doing (the child's RUN_FOLDER claims and locks the
 * folder): the command line, cut to a readable length.
 */
export function commandLine(): string {
  const line = ['fv', ...process.argv.slice(2)].join(' ');
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
