// The render page's script, run by Chromium (not Node): loads one Sweet Home 3D model at a time with three.js and
// renders views of it on a transparent background. Plain JavaScript because the model workspace type-checks for
// Node without DOM types; the contract with the driver is `ViewSpec` in view-sampling.ts and `ModelToLoad` in
// render-page.ts, and the driver is the only caller.
import * as THREE from 'three';
import { MTLLoader } from 'three/addons/loaders/MTLLoader.js';
import { OBJLoader } from 'three/addons/loaders/OBJLoader.js';
import { toCreasedNormals } from 'three/addons/utils/BufferGeometryUtils.js';
import { frameObject } from './framing.js';

// Sweet Home 3D smooths models that carry no normals; three.js would shade every triangle flat.
const CREASE_ANGLE = (40 * Math.PI) / 180;
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

const renderer = new THREE.WebGLRenderer({ antialias: true, alpha: true, preserveDrawingBuffer: true });
renderer.setPixelRatio(1);
renderer.setClearColor(0x000000, 0);
const scene = new THREE.Scene();
/** @type {{ root: THREE.Object3D, points: Float32Array } | null} */
let current = null;
/** @type {THREE.Light[]} */
let lights = [];

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
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
  return { settled, wasStarted: () => started };
}

async function loadMaterials(baseUrl, objText, manager) {
  const mtllib = /^mtllib\s+(.+?)\s*$/m.exec(objText);
  if (!mtllib) return null;
  const loader = new MTLLoader(manager).setMaterialOptions({ side: THREE.DoubleSide });
  let text;
  try {
    text = await fetchText(baseUrl + encodeURI(mtllib[1]));
  } catch {
    return null; // Sweet Home 3D shows a model whose material file is missing in grey, and so do we.
  }
  const creator = loader.setResourcePath(baseUrl).parse(text, baseUrl);
  for (const info of Object.values(creator.materialsInfo)) {
    for (const key of IGNORED_MTL_KEYS) delete info[key];
  }
  creator.preload();
  return creator;
}

/**
 * Materials as Sweet Home 3D draws them: a texture that failed to load (it would sample as black) is dropped and
 * the material keeps its own colour; a texture that loaded shows its own colours, not multiplied by the MTL's Kd
 * (its icons show a sock's pink texture where Kd is dark blue).
 */
function prepareMaterials(root) {
  root.traverse((node) => {
    if (!node.isMesh) return;
    for (const material of Array.isArray(node.material) ? node.material : [node.material]) {
      for (const slot of MAP_SLOTS) {
        const map = material[slot];
        if (map && !map.image) {
          map.dispose();
          material[slot] = null;
          material.needsUpdate = true;
        }
      }
      if (!material.map) continue;
      material.color.setRGB(1, 1, 1);
      // Cut-out textures (leaves, lace) carry holes in their alpha; opaque textures are unaffected.
      if (!material.transparent) material.alphaTest = 0.5;
    }
  });
}

function smoothNormals(root) {
  root.traverse((node) => {
    if (!node.isMesh) return;
    const smoothed = toCreasedNormals(node.geometry, CREASE_ANGLE);
    if (smoothed !== node.geometry) node.geometry.dispose();
    node.geometry = smoothed;
  });
}

/**
 * Applies the catalogue's modelRotation (row-major 3x3), stretches the box to the catalogue's width x height x depth
 * as Sweet Home 3D does, and scales the result so its largest side is 1, centred on the origin.
 */
function normalise(object, rotation, dimensions) {
  if (rotation) {
    const turn = new THREE.Matrix4().setFromMatrix3(new THREE.Matrix3().set(...rotation));
    object.applyMatrix4(turn);
  }
  object.updateMatrixWorld(true);
  const box = new THREE.Box3().setFromObject(object, true);
  const size = box.getSize(new THREE.Vector3());
  const centre = box.getCenter(new THREE.Vector3());
  const target = dimensions
    ? new THREE.Vector3(dimensions.width, dimensions.height, dimensions.depth)
    : size.clone();
  const largest = Math.max(target.x, target.y, target.z);
  const scale = new THREE.Vector3(
    target.x / largest / (size.x || 1),
    target.y / largest / (size.y || 1),
    target.z / largest / (size.z || 1),
  );
  const placement = new THREE.Matrix4().makeScale(scale.x, scale.y, scale.z);
  placement.multiply(new THREE.Matrix4().makeTranslation(-centre.x, -centre.y, -centre.z));
  object.applyMatrix4(placement);
  object.updateMatrixWorld(true);
}

/** World positions of (at most about 100k of) the model's vertices, for framing each view. */
function samplePoints(root) {
  const meshes = [];
  let total = 0;
  root.traverse((node) => {
    if (node.isMesh) {
      meshes.push(node);
      total += node.geometry.attributes.position.count;
    }
  });
  const stride = Math.max(1, Math.ceil(total / 100_000));
  const points = [];
  const vertex = new THREE.Vector3();
  for (const mesh of meshes) {
    const position = mesh.geometry.attributes.position;
    for (let i = 0; i < position.count; i += stride) {
      vertex.fromBufferAttribute(position, i).applyMatrix4(mesh.matrixWorld);
      points.push(vertex.x, vertex.y, vertex.z);
    }
  }
  return new Float32Array(points);
}

function unloadModel() {
  if (!current) return;
  scene.remove(current.root);
  current.root.traverse((node) => {
    node.geometry?.dispose();
    const materials = Array.isArray(node.material) ? node.material : node.material ? [node.material] : [];
    for (const material of materials) {
      for (const slot of MAP_SLOTS) material[slot]?.dispose();
      material.dispose();
    }
  });
  current = null;
}

/** Loads `<baseUrl><objFile>`; returns what a person checking the render needs to know. */
async function loadModel({ baseUrl, objFile, rotation, dimensions }) {
  unloadModel();
  const objText = await fetchText(baseUrl + encodeURI(objFile));
  const manager = new THREE.LoadingManager();
  const textures = trackTextures(manager, baseUrl);
  const materials = await loadMaterials(baseUrl, objText, manager);
  const loader = new OBJLoader();
  if (materials) loader.setMaterials(materials);
  // Lines and points in an OBJ are construction leftovers that Sweet Home 3D does not draw; one `l` would make
  // OBJLoader turn the whole object it sits in into lines (Blend Swap's piano bench vanished so).
  const object = loader.parse(objText.replace(/^[lp]\s.*$/gm, ''));
  if (!/^vn\s/m.test(objText)) smoothNormals(object);
  let faces = 0;
  object.traverse((node) => {
    if (node.isMesh) faces += node.geometry.attributes.position.count / 3;
  });
  if (faces === 0) throw new Error(`${objFile} has no faces to draw`);
  const missingTextures = textures.wasStarted() ? await textures.settled : [];
  prepareMaterials(object);
  normalise(object, rotation, dimensions);
  const root = new THREE.Group();
  root.add(object);
  scene.add(root);
  current = { root, points: samplePoints(root) };
  return { vertices: current.points.length / 3, missingTextures };
}

function setLights(spec) {
  for (const light of lights) {
    scene.remove(light);
    light.dispose();
  }
  const { sky, ground, intensity } = spec.hemisphere;
  const hemisphere = new THREE.HemisphereLight(
    new THREE.Color().setRGB(...sky, THREE.SRGBColorSpace),
    new THREE.Color().setRGB(...ground, THREE.SRGBColorSpace),
    intensity,
  );
  lights = [hemisphere];
  for (const light of spec.lights) {
    const directional = new THREE.DirectionalLight(
      new THREE.Color().setRGB(...light.colour, THREE.SRGBColorSpace),
      light.intensity,
    );
    const azimuth = THREE.MathUtils.degToRad(light.azimuthDeg);
    const elevation = THREE.MathUtils.degToRad(light.elevationDeg);
    directional.position.set(
      Math.sin(azimuth) * Math.cos(elevation),
      Math.sin(elevation),
      Math.cos(azimuth) * Math.cos(elevation),
    );
    lights.push(directional);
  }
  for (const light of lights) scene.add(light);
}

/** Renders one frame of the loaded model and returns it as a PNG data URL with alpha. */
function renderView(spec, size) {
  if (!current) throw new Error('renderView before loadModel');
  renderer.setSize(size, size, false);
  setLights(spec);
  const camera = frameObject(current.points, spec);
  renderer.render(scene, camera);
  return renderer.domElement.toDataURL('image/png');
}

window.render3d = { loadModel, renderView, unloadModel };
