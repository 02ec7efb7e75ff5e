import { describeIntegratorContract } from '@flow-visualizer/core/testing';
import { euler } from './euler.js';

describeIntegratorContract('euler', () => euler(), { order: 1, stages: 1 });
