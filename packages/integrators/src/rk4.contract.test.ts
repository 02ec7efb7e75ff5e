import { describeIntegratorContract } from '@flow-visualizer/core/testing';
import { rk4 } from './rk4.js';

describeIntegratorContract('rk4', () => rk4(), { order: 4, stages: 4 });
