import { Hono } from 'hono';

/** The edge worker. The public API (auth, image intake, streaming relay) is built on this app. */
const app = new Hono();

app.get('/healthz', (c) => c.json({ status: 'ok' }));

export default app;
