import { z } from 'zod';
import { definePlugin, type AssignmentSolver } from '@flow-visualizer/core';
import { PointAssignment } from './assignment.js';

/** The exact solver behind the AssignmentSolver port (LAPJV with an auction start, see assignment.ts). */
export function exactAssignment(): AssignmentSolver {
  const solver = new PointAssignment();
  return { id: 'exact', solve: (a, b, out) => solver.solve(a, b, out) };
}

export const exactAssignmentPlugin = () =>
  definePlugin({
    name: 'fv:assignment-exact',
    kind: 'assignment',
    id: 'exact',
    description: 'Exact assignment of two point sets (Jonker–Volgenant with an auction start): the exact W2 metric uses it.',
    optionsSchema: z.strictObject({}),
    create: () => exactAssignment(),
  });
