// Flow Studio (issue 12): train a flow-matching model in a Web Worker and watch noise become data.
import './style.css';
import './views/explain.css';
import { Studio } from './app/studio.js';
import { installTestApi } from './app/test-api.js';

installTestApi(new Studio(document.getElementById('app')!));
