/**
 * Fetches a pinned Debian package from the apt archive and unpacks it under the data cache, once. Real-world
 * pictures come from Debian's packages because the archive is one of the few sources reachable offline here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DebianPackage {
  name: string;
  /** Exact version: a different one may hold different pictures, names or licences. */
  version: string;
}

/** Returns the folder the package's files were unpacked into (`<cacheDir>/<name>_<version>/`, holding `usr/...`). */
export function fetchDebianPackage(pkg: DebianPackage, cacheDir: string): string {
  const safeVersion = pkg.version.replaceAll(':', '%3a');
  const root = join(cacheDir, `${pkg.name}_${safeVersion}`);
  const done = join(root, '.unpacked');
  if (existsSync(done)) return root;
  // Per-process download and unpack folders: test workers may fetch the same package at the same time.
  const downloads = join(cacheDir, 'debs', String(process.pid));
  mkdirSync(downloads, { recursive: true });
  execFileSync('apt-get', ['download', `${pkg.name}=${pkg.version}`], { cwd: downloads, stdio: 'pipe' });
  const deb = readdirSync(downloads).find(
    (f) => f.startsWith(`${pkg.name}_${safeVersion}_`) && f.endsWith('.deb'),
  );
  if (!deb) throw new Error(`apt-get download ${pkg.name}=${pkg.version} left no .deb in ${downloads}`);
  // Unpack beside the final folder and rename, so an interrupted unpack is never taken for a complete one.
  const partial = `${root}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  execFileSync('dpkg-deb', ['-x', join(downloads, deb), partial], { stdio: 'pipe' });
  rmSync(join(downloads, deb));
  writeFileSync(join(partial, '.unpacked'), `${pkg.name} ${pkg.version}\n`);
  if (existsSync(done)) {
    rmSync(partial, { recursive: true, force: true }); // another process finished first: keep its copy
    return root;
  }
  rmSync(root, { recursive: true, force: true });
  renameSync(partial, root);
  return root;
}
