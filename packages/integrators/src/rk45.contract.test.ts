import { describeIntegratorContract } from '@flow-visualizer/core/testing';
import { rk45 } from './rk45.js';

describeIntegratorContract('rk45', () => rk45(), { order: 5, adaptive: true });
