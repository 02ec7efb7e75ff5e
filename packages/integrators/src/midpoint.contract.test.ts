import { describeIntegratorContract } from '@flow-visualizer/core/testing';
import { midpoint } from './midpoint.js';

describeIntegratorContract('midpoint', () => midpoint(), { order: 2, stages: 2 });
