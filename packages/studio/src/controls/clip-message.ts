/**
 * Keeps a message readable when it quotes a huge value (a 20,000-character link hash, a pasted file): each long
 * run without spaces is cut to its start and end, with how much was left out.
 */
const KEEP = 40;

export function clipMessage(text: string, longest = 120): string {
  return text.replace(/\S{121,}/g, (run) => (run.length <= longest ? run : `${run.slice(0, KEEP)}…(${run.length - 2 * KEEP} characters left out)…${run.slice(-KEEP)}`));
}
