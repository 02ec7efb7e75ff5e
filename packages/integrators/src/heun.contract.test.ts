import { describeIntegratorContract } from '@flow-visualizer/core/testing';
import { heun } from './heun.js';

describeIntegratorContract('heun', () => heun(), { order: 2, stages: 2 });
