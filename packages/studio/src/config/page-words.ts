/**
 * The CLI's messages, said for the page: the core's errors end in hints for a terminal (`fv list integrators`,
 * `--verbose shows its stack trace`, `configs/base.yaml`), which mean nothing to someone at this page. Each rule
 * swaps a terminal-only phrase for what to do here; the rest of the message (what went wrong, the key, the
 * limit) stays word for word, so that page and CLI still say the same thing.
 */
const RULES: [RegExp, string][] = [
  [/\s*(?:Run with )?--verbose (?:shows|prints) (?:its|the) (?:full )?stack trace\.?/g, ''],
  [/\(fv list (\w+)\)/g, '(the choices beside the field)'],
  [/\bfv list (\w+)\b/g, 'the choices beside the field'],
  [/\bfv schema lists every key\b/g, 'the settings on this page are the keys there are'],
  [/\bconfigs\/base\.yaml\b/g, 'the settings on this page'],
  [/\bfv doctor\b/g, "the list under 'why this backend'"],
  [/,? or --config [^\s.,;)]+/g, ''],
];

export function forThePage(text: string): string {
  let out = text;
  for (const [from, to] of RULES) out = out.replace(from, to);
  return out.replace(/\s{2,}/g, ' ').replace(/\s+([.,;)])/g, '$1').trim();
}
