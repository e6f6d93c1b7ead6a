// `npm run models`: fetches (or checks) the speech model in MODELS_DIR. start:local and npm test do it themselves.
import { ensureModels } from './lib/models.mjs';

const dir = await ensureModels();
console.log(`[parley] speech model verified in ${dir}`);
