import { createApp } from './app.ts';

export { KeyLimiter } from './limits/key-limiter-do.ts';
export { CaptionRelay } from './relay/relay-do.ts';

/** The edge worker: the public captioning API in front of the GPU workers. */
export default createApp();
