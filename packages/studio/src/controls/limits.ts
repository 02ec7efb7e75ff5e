/**
 * The range of a numeric setting, read from core's config schema: the same maximum `fv run` enforces, so a
 * control never offers what the CLI refuses, and a huge value is stopped in the page before the worker sees it.
 */
import { ConfigSchema, numberLimits, schemaAt, type NumberLimits } from '@flow-visualizer/core';

export function limitsOf(key: string): NumberLimits | undefined {
  const s = schemaAt(ConfigSchema, key.split('.'));
  return s ? numberLimits(s) : undefined;
}

/** "from 1 to 10000", for a control's tooltip and its message. */
export function describeLimits(l: NumberLimits): string {
  const lo = Number.isFinite(l.min) ? (l.min === 0 && !l.integer ? 'above 0' : `from ${l.min}`) : '';
  return `${lo}${lo ? ' ' : ''}up to ${l.max}`;
}
