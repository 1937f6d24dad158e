/**
 * How this project launches Debian's Chromium (scripts/setup-browser.sh) with playwright-core, everywhere: the
 * screenshot generator, the 3-D renderer and the browser tests. The flags are environment.md's: as root, offline,
 * headless, with nothing that reaches for the network.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
