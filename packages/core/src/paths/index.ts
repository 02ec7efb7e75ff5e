export * from './linear.js';
export * from './no-pairing.js';
