import base from '../../jest.preset.js';
export default { ...base };
