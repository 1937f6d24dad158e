// The real path: a tiny exported model, the batching engine, the server, a ws client; then the serve CLI as a
// process, stopped by SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.ts';
import type { CaptionEngine } from '../../src/engine/types.ts';
import { CaptionModel } from '../../src/model/caption-model.ts';
import { exportTinyModel, randomImage } from '../tiny-model.ts';
import { SECRET, startServer, TestClient, type TestServer } from './test-client.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
let modelDir = '';
let model: CaptionModel;
let engine: CaptionEngine;
let running: TestServer;

beforeAll(async () => {
  modelDir = exportTinyModel();
  model = await CaptionModel.load(modelDir, { threads: 1 });
  engine = createEngine(model);
  running = await startServer(engine);
});
afterAll(async () => {
  await running?.server.close(1_000);
  await model?.release();
});

describe('end to end with the tiny model', () => {
  it('announces the model, streams words and returns the caption the engine gives directly', async () => {
    const client = await TestClient.connect(running.url);
    const hello = await client.hello();
    expect(hello.model).toMatchObject({ inputWidth: 32, inputHeight: 32 });
    const images = [1, 2, 3].map((seed) => randomImage(seed));
    const beams = [1, 3, 1];
    images.forEach((image, i) => {
      client.caption(`img${i}`, image, { beams: beams[i], alternatives: beams[i], maxWords: 8 });
    });
    const results = await Promise.all(images.map((_, i) => client.final(`img${i}`, 60_000)));
    for (const [i, result] of results.entries()) {
      if (result.type !== 'result') throw new Error(`img${i}: ${JSON.stringify(result)}`);
      const words = client.eventsFor(`img${i}`).filter((m) => m.type === 'word');
      expect(words.map((w) => (w.type === 'word' ? w.index : -1))).toEqual(words.map((_, k) => k));
      expect(words.map((w) => (w.type === 'word' ? w.text : '')).join(' ')).toBe(result.caption);
      expect(result.alternatives).toHaveLength(beams[i] ?? 1);
      const direct = await engine.caption({
        image: images[i] ?? randomImage(0),
        options: { beams: beams[i] ?? 1, alternatives: beams[i] ?? 1, maxWords: 8, attention: false },
      });
      expect(result.caption).toBe(direct.caption);
      // Batched with other requests vs alone: same words, scores equal up to float32 summation order.
      expect(result.alternatives.map((a) => a.caption)).toEqual(direct.alternatives.map((a) => a.caption));
      result.alternatives.forEach((a, k) => {
        expect(a.score).toBeCloseTo(direct.alternatives[k]?.score ?? Number.NaN, 4);
      });
    }
    expect(client.violations).toEqual([]);
    await client.close();
  });

  it('cancels a request in the real engine: one cancelled event, its slot freed, the next request served', async () => {
    const client = await TestClient.connect(running.url);
    client.caption('cancel-me', randomImage(5), { beams: 8, alternatives: 8 });
    client.sendJson({ type: 'cancel', id: 'cancel-me' });
    expect(await client.final('cancel-me', 60_000)).toMatchObject({ type: 'error', code: 'cancelled' });
    const until = Date.now() + 5_000;
    while (engine.stats().activeRequests + engine.stats().queueDepth > 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(engine.stats()).toMatchObject({ activeRequests: 0, queueDepth: 0 });
    client.caption('after', randomImage(6), { maxWords: 4 });
    expect(await client.final('after', 60_000)).toMatchObject({ type: 'result' });
    expect(client.eventsFor('cancel-me').filter((m) => m.type !== 'word')).toHaveLength(1);
    await client.close();
  });

  it('runs the serve CLI: health, a caption, then SIGTERM closes sockets with 1001 and exits 0', async () => {
    const child: ChildProcess = spawn(
      `${repoRoot}/node_modules/.bin/tsx`,
      [
        'gpu-worker/src/cli/serve.ts',
        '--model',
        modelDir,
        '--port',
        '0',
        '--threads',
        '1',
        '--grace-ms',
        '2000',
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, CAPTION_WORKER_SECRET: SECRET },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const logs: Record<string, unknown>[] = [];
    const listening = new Promise<number>((resolve, reject) => {
      if (!child.stdout) throw new Error('no stdout');
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry: Record<string, unknown> = JSON.parse(line);
        logs.push(entry);
        if (entry.msg === 'listening' && typeof entry.port === 'number') resolve(entry.port);
      });
      void exited.then((code) => reject(new Error(`serve exited with ${code} before listening`)));
    });
    const port = await listening;
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', queueDepth: 0, connections: 0 });

    const client = await TestClient.connect(`ws://127.0.0.1:${port}/ws`);
    client.caption('cli', randomImage(4), { beams: 2, maxWords: 6 });
    expect(await client.final('cli', 60_000)).toMatchObject({ type: 'result', id: 'cli' });
    child.kill('SIGTERM');
    expect((await client.closed).code).toBe(1001);
    expect(await exited).toBe(0);
    expect(logs.find((l) => l.msg === 'request ended')).toMatchObject({ id: 'cli', outcome: 'ok' });
    expect(logs.map((l) => l.msg)).toContain('shut down');
  });
});
