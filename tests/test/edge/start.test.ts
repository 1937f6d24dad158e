// `npm start` as a person runs it: the GPU worker and `wrangler dev` come up, the printed key works, and Ctrl-C
// (SIGINT to the foreground process group) stops everything, leaving no process behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { exportTinyModel } from '../../../gpu-worker/test/tiny-model.ts';
import { type CaptionBody, freePort, jsonOf, repoRoot } from './harness.ts';
import { encode } from './images.ts';

/** Every live descendant of `pid`, read from /proc. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // Exited while we looked.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let child: ChildProcess | undefined;
afterAll(() => {
  try {
    if (child?.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone, as it should be.
  }
});

describe('npm start', () => {
  it('starts the GPU worker and the edge, serves the dev key, and stops cleanly on Ctrl-C', async () => {
    const port = await freePort();
    const devKey = 'sk_dev_start_test_0123456789';
    child = spawn('npm', ['start'], {
      cwd: repoRoot,
      detached: true,
      env: {
        ...process.env,
        PORT: String(port),
        CAPTION_WORKER_PORT: String(await freePort()),
        CAPTION_DEV_KEY: devKey,
        CAPTION_MODEL: exportTinyModel(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid ?? 0;
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<string>((resolve) =>
      child?.on('exit', (code, signal) => resolve(signal ?? String(code))),
    );
    await new Promise<void>((resolve, reject) => {
      child?.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ctrl-C stops everything.')) resolve();
      });
      void exited.then(() => reject(new Error(`npm start exited early:\n${output}`)));
    });
    expect(output).toContain(`demo page:        http://127.0.0.1:${port}/`);
    expect(output).toContain(`dev secret key:   ${devKey}`);

    const response = await fetch(`http://127.0.0.1:${port}/v1/captions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${devKey}`, 'content-type': 'image/png' },
      body: await encode('png', 40, 30),
    });
    const body = await jsonOf<CaptionBody>(response);
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.caption).toEqual(expect.any(String));

    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toMatch(/const KEY = "pk_demo_[A-Za-z0-9_-]+";/);
    // wrangler dev ran the alt-text build (wrangler.toml [build]) and the edge serves its page script.
    expect(output).toContain(`alt-text script:  http://127.0.0.1:${port}/alt-text.js`);
    const script = await fetch(`http://127.0.0.1:${port}/alt-text.js`);
    expect(script.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(await script.text()).toContain('data-alt-text');

    const processes = descendants(pid);
    expect(processes.length).toBeGreaterThanOrEqual(4); // start script, GPU worker, wrangler, workerd
    process.kill(-pid, 'SIGINT');
    // npm re-raises the SIGINT it got once its script has exited; the script itself exits 0.
    expect(['0', 'SIGINT']).toContain(await exited);
    // npm may return first; the script then stops its children within the GPU worker's grace period.
    const stoppedAt = Date.now();
    while (processes.some(alive) && Date.now() - stoppedAt < 20_000)
      await new Promise((r) => setTimeout(r, 100));
    expect(processes.filter(alive)).toEqual([]);
    console.log(`all ${processes.length} processes gone ${Date.now() - stoppedAt} ms after SIGINT`);
    expect(output).toContain('"msg":"shut down"');
  });
});
