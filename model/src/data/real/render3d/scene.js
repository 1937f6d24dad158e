// The render page's script, run by Chromium (not Node): loads one Sweet Home 3D model at a time with three.js and
// renders views of it on a transparent background. Plain JavaScript because the model workspace type-checks for
// Node without DOM types; the contract with the driver is `ViewSpec` in view-sampling.ts and `ModelToLoad` in
// render-page.ts, and the driver is the only caller.
import * as THREE from 'three';
import { OBJLoader } from 'three/addons/loaders/OBJLoader.js';
import { frameObject } from './framing.js';
import { countFaces, framingPoints, normalise, smoothNormals } from './geometry.js';
import { disposeMaterials, loadMaterials, prepareMaterials } from './materials.js';

const renderer = new THREE.WebGLRenderer({ antialias: true, alpha: true, preserveDrawingBuffer: true });
renderer.setPixelRatio(1);
renderer.setClearColor(0x000000, 0);
const scene = new THREE.Scene();
/** @type {{ root: THREE.Object3D, points: Float32Array } | null} */
let current = null;
/** @type {THREE.Light[]} */
let lights = [];

function unloadModel() {
  if (!current) return;
  scene.remove(current.root);
  current.root.traverse((node) => node.geometry?.dispose());
  disposeMaterials(current.root);
  current = null;
}

/** Loads `<baseUrl><objFile>`; returns what a person checking the render needs to know. */
async function loadModel({ baseUrl, objFile, rotation, dimensions }) {
  unloadModel();
  const response = await fetch(baseUrl + encodeURI(objFile));
  if (!response.ok) throw new Error(`${objFile}: HTTP ${response.status}`);
  const objText = await response.text();
  const { materials, texturesSettled } = await loadMaterials(baseUrl, objText);
  const loader = new OBJLoader();
  if (materials) loader.setMaterials(materials);
  // Lines and points in an OBJ are construction leftovers that Sweet Home 3D does not draw; one `l` would make
  // OBJLoader turn the whole object it sits in into lines (Blend Swap's piano bench vanished so).
  const root = loader.parse(objText.replace(/^[lp]\s.*$/gm, ''));
  if (countFaces(root) === 0) throw new Error(`${objFile} has no faces to draw`);
  if (!/^vn\s/m.test(objText)) smoothNormals(root);
  const missingTextures = await texturesSettled();
  prepareMaterials(root);
  normalise(root, rotation, dimensions);
  scene.add(root);
  current = { root, points: framingPoints(root) };
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
