// Loads the built npm package (`cargo xtask npm`) for the tests: both entry points, initialized
// synchronously from the wasm on disk (how Node uses the `--target web` glue).
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const packageDir = process.env.RFP_NPM_DIR ?? `${root}target/npm/rfp-scorecard`;

async function entry(dir) {
  const js = `${dir}/rfp_scorecard.js`;
  if (!existsSync(js)) {
    throw new Error(`${js} is missing: run \`cargo xtask npm\` first`);
  }
  const api = await import(pathToFileURL(js).href);
  api.initSync({ module: readFileSync(`${dir}/rfp_scorecard_bg.wasm`) });
  return api;
}

/** The main entry: templates, demo, tailor, CSV. */
export const rfp = await entry(packageDir);
/** The scorer-only entry (`rfp-scorecard/scorer`). */
export const scorer = await entry(`${packageDir}/scorer`);

/** Calls `f`, which must throw; returns what it threw. */
export function thrown(f) {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but the call returned');
}
