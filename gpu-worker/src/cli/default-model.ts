import { fileURLToPath } from 'node:url';

/** The model shipped with the repository, served when no other is configured. */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../../models/scenes-small', import.meta.url));
