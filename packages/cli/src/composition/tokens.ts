/** Tokens for values the cli puts in the container beside the ports' own tokens (which live in core). */
export const FV_CONFIG = Symbol.for('fv.Config');
export const RUN_CONTEXT = Symbol.for('fv.RunContext');
