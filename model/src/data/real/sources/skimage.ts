/**
 * scikit-image's sample pictures (Debian `python3-skimage`): a few photos of objects, with licences stated in
 * each picture's docstring in `skimage/data/_fetchers.py` (Debian's copyright file says nothing about them).
 * Left out: the astronaut (Eileen Collins) and the camera man (people), text, page, logo, and the microscopy,
 * astronomy and test patterns (not objects). The tiling textures become backgrounds.
 */
import { join } from 'node:path';
import type { SourceReader } from '../catalogue.ts';
import { fetchDebianPackage } from '../debian-package.ts';
import type { BackgroundImage, InstanceKind, SourceInstance } from '../source-instance.ts';

const PACKAGE = { name: 'python3-skimage', version: '0.19.3-8' };
const DATA_DIR = 'usr/lib/python3/dist-packages/skimage/data';
const ORIGIN = `scikit-image sample data, skimage/data/_fetchers.py (Debian ${PACKAGE.name} ${PACKAGE.version})`;

interface SamplePicture {
  file: string;
  kind: InstanceKind;
  /** The docstring's first line, its own name for the picture. */
  name: string;
  keywords: string[];
  licence: string;
  author: string;
  cutout: boolean;
}

const PICTURES: SamplePicture[] = [
  // "No copyright restrictions. CC0 by the photographer (Stefan van der Walt)."
  {
    file: 'chelsea.png',
    kind: 'photo',
    name: 'Chelsea the cat',
    keywords: ['cat'],
    licence: 'CC0-1.0',
    author: 'Stefan van der Walt',
    cutout: false,
  },
  // "No copyright restrictions. CC0 by the photographer (Rachel Michetti)."
  {
    file: 'coffee.png',
    kind: 'photo',
    name: 'Coffee cup',
    keywords: ['coffee', 'cup', 'saucer', 'spoon'],
    licence: 'CC0-1.0',
    author: 'Rachel Michetti',
    cutout: false,
  },
  // "captured by SpaceX and released in the public domain".
  {
    file: 'rocket.jpg',
    kind: 'photo',
    name: 'Launch photo of DSCOVR on Falcon 9 by SpaceX',
    keywords: ['rocket', 'launch'],
    licence: 'LicenseRef-PublicDomain',
    author: 'SpaceX',
    cutout: false,
  },
  // "Released into the public domain by the photographer (Stefan van der Walt)."
  {
    file: 'clock_motion.png',
    kind: 'photo',
    name: 'Motion blurred clock',
    keywords: ['clock', 'wall clock'],
    licence: 'LicenseRef-PublicDomain',
    author: 'Stefan van der Walt',
    cutout: false,
  },
  // Brooklyn Museum: "No known copyright restrictions." That is a museum's statement, not a dedication, so it is
  // recorded as such, which keeps it out of training.
  {
    file: 'coins.png',
    kind: 'photo',
    name: 'Greek coins from Pompeii',
    keywords: ['coin', 'coins'],
    licence: 'LicenseRef-NoKnownCopyrightRestrictions',
    author: 'Brooklyn Museum',
    cutout: false,
  },
  // Middlebury 2014 stereo benchmark; the docstring states no licence. The right view is the same scene.
  {
    file: 'motorcycle_left.png',
    kind: 'photo',
    name: 'Rectified stereo image pair with ground-truth disparities',
    keywords: ['motorcycle'],
    licence: 'LicenseRef-Unknown',
    author: 'Middlebury College (Scharstein et al.)',
    cutout: false,
  },
  // An openclipart silhouette: "No copyright restrictions. CC0 given by owner (Andreas Preuss (marauder))."
  {
    file: 'horse.png',
    kind: 'drawn',
    name: 'Black and white silhouette of a horse',
    keywords: ['horse', 'silhouette'],
    licence: 'CC0-1.0',
    author: 'Andreas Preuss (marauder)',
    cutout: true,
  },
];

const TEXTURES: { file: string; description: string; author: string }[] = [
  // Each "licensed under the Creative Commons CC0 License" (CC0Textures and DeviantArt originals).
  { file: 'brick.png', description: 'brick wall, grey', author: 'CC0Textures' },
  { file: 'grass.png', description: 'grass, grey', author: 'linolafett' },
  { file: 'gravel.png', description: 'gravel, grey', author: 'CC0Textures' },
];

export function readSkimage(cacheDir: string): {
  instances: SourceInstance[];
  backgrounds: BackgroundImage[];
} {
  const dataDir = join(fetchDebianPackage(PACKAGE, cacheDir), DATA_DIR);
  const instances = PICTURES.map(
    ({ file, ...picture }): SourceInstance => ({
      id: `skimage:${file}`,
      source: 'skimage',
      ...picture,
      origin: ORIGIN,
      file: join(dataDir, file),
    }),
  );
  const backgrounds = TEXTURES.map(
    ({ file, description, author }): BackgroundImage => ({
      id: `skimage:${file}`,
      source: 'skimage',
      licence: 'CC0-1.0',
      author,
      origin: ORIGIN,
      file: join(dataDir, file),
      description,
    }),
  );
  return { instances, backgrounds };
}

export const skimageReader: SourceReader = { source: 'skimage', read: readSkimage };
