// Materials of a Sweet Home 3D model (browser side, beside scene.js): the OBJ's MTL file through three.js's
// MTLLoader, then adjusted to look as Sweet Home 3D draws them.
import * as THREE from 'three';
import { MTLLoader } from 'three/addons/loaders/MTLLoader.js';

// Texture slots Sweet Home 3D ignores: loading them costs time and three.js would shade differently from its icons.
const IGNORED_MTL_KEYS = [
  'map_bump',
  'bump',
  'norm',
  'map_ks',
  'map_ke',
  'map_disp',
  'disp',
  'map_refl',
  'refl',
];
const MAP_SLOTS = ['map', 'alphaMap'];

function meshMaterials(node) {
  if (!node.isMesh) return [];
  return Array.isArray(node.material) ? node.material : [node.material];
}

/** Resolves once every texture the materials asked for has loaded or failed; returns the paths that failed. */
function trackTextures(manager, baseUrl) {
  const failed = new Set();
  let started = false;
  manager.onStart = () => {
    started = true;
  };
  manager.onError = (url) => failed.add(url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url);
  const settled = new Promise((resolve) => {
    manager.onLoad = () => resolve([...failed]);
  });
  return () => (started ? settled : Promise.resolve([]));
}

/**
 * The materials the OBJ's `mtllib` names, with their textures loading; null where it names none or the file is
 * missing (Sweet Home 3D then draws the model in plain grey, and so does OBJLoader). `texturesSettled()` resolves
 * to the texture paths that failed, once all have loaded or failed.
 */
export async function loadMaterials(baseUrl, objText) {
  const manager = new THREE.LoadingManager();
  const texturesSettled = trackTextures(manager, baseUrl);
  const mtllib = /^mtllib\s+(.+?)\s*$/m.exec(objText);
  if (!mtllib) return { materials: null, texturesSettled };
  const response = await fetch(baseUrl + encodeURI(mtllib[1]));
  if (!response.ok) return { materials: null, texturesSettled };
  const creator = new MTLLoader(manager).setResourcePath(baseUrl).parse(await response.text(), baseUrl);
  for (const info of Object.values(creator.materialsInfo)) {
    for (const key of IGNORED_MTL_KEYS) delete info[key];
  }
  creator.preload();
  return { materials: creator, texturesSettled };
}

/**
 * Materials as Sweet Home 3D draws them: both sides of every face (exporters flip some); a texture that failed to
 * load (it would sample as black) is dropped and the material keeps its own colour; a texture that loaded shows
 * its own colours, not multiplied by the MTL's Kd (its icons show a sock's pink texture where Kd is dark blue).
 */
export function prepareMaterials(root) {
  root.traverse((node) => {
    for (const material of meshMaterials(node)) {
      material.side = THREE.DoubleSide;
      for (const slot of MAP_SLOTS) {
        const map = material[slot];
        if (map && !map.image) {
          map.dispose();
          material[slot] = null;
        }
      }
      material.needsUpdate = true;
      if (!material.map) continue;
      material.color.setRGB(1, 1, 1);
      // Cut-out textures (leaves, lace) carry holes in their alpha; opaque textures are unaffected.
      if (!material.transparent) material.alphaTest = 0.5;
    }
  });
}

export function disposeMaterials(root) {
  root.traverse((node) => {
    for (const material of meshMaterials(node)) {
      for (const slot of MAP_SLOTS) material[slot]?.dispose();
      material.dispose();
    }
  });
}
