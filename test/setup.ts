import { init } from '../src/index.js';

await init();
