'use strict';
/**
 * `npm start`: compiles dist/ only when the sources changed since the last build (a hash of src/, migrations/,
 * the tsconfigs and the lockfile, kept in dist/.source-hash), then runs dist/src/main.js in this process
 * (`npm run worker`: `node scripts/start.cjs worker` runs dist/src/worker.js, the jobs-only process).
 * Plain JavaScript, so it needs nothing but Node to decide; TypeScript is needed only when a build is due.
 * `ensureBuilt()` is exported for other scripts (the GraphQL benchmark runs the compiled server).
 */
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const entry = path.join(dist, 'src', 'main.js');
const stampFile = path.join(dist, '.source-hash');
const INPUTS = ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function filesUnder(relative) {
  const absolute = path.join(root, relative);
  if (!fs.existsSync(absolute)) return [];
  if (!fs.statSync(absolute).isDirectory()) return [relative];
  return fs
    .readdirSync(absolute)
    .sort()
    .flatMap((name) => filesUnder(path.join(relative, name)));
}

function sourceHash() {
  const hash = crypto.createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder)) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function build(hash) {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write('dist/ is missing or out of date and TypeScript is not installed: run `npm ci` first.\n');
    process.exit(1);
  }
  process.stderr.write('Building dist/ (first start, or the sources changed since the last build)…\n');
  // A clean build: the output of a deleted file (a migration, say) must not survive in dist/.
  fs.rmSync(dist, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stampFile, `${hash}\n`);
}

/** Builds dist/ when it is missing or older than the sources; returns the compiled entry point. */
function ensureBuilt() {
  const hash = sourceHash();
  const built = fs.existsSync(entry) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === hash;
  if (!built) build(hash);
  return entry;
}

module.exports = { ensureBuilt };

const ENTRIES = { main: entry, worker: path.join(dist, 'src', 'worker.js') };

if (require.main === module) {
  const name = process.argv[2] ?? 'main';
  if (!ENTRIES[name]) {
    process.stderr.write(`unknown entry "${name}" (expected one of: ${Object.keys(ENTRIES).join(', ')})\n`);
    process.exit(2);
  }
  ensureBuilt();
  require(ENTRIES[name]);
}
