// Geometry of a Sweet Home 3D model (browser side, beside scene.js): normals where the OBJ has none, the
// catalogue's orientation and size, and the vertices the camera frames each view by.
import * as THREE from 'three';
import { toCreasedNormals } from 'three/addons/utils/BufferGeometryUtils.js';

// Sweet Home 3D smooths models that carry no normals; three.js would shade every triangle flat.
const CREASE_ANGLE = (40 * Math.PI) / 180;
const MAX_FRAMING_POINTS = 100_000;

function meshes(root) {
  const found = [];
  root.traverse((node) => {
    if (node.isMesh) found.push(node);
  });
  return found;
}

export function countFaces(root) {
  return meshes(root).reduce((faces, mesh) => faces + mesh.geometry.attributes.position.count / 3, 0);
}

export function smoothNormals(root) {
  for (const mesh of meshes(root)) {
    const smoothed = toCreasedNormals(mesh.geometry, CREASE_ANGLE);
    if (smoothed !== mesh.geometry) mesh.geometry.dispose();
    mesh.geometry = smoothed;
  }
}

/**
 * Applies the catalogue's modelRotation (row-major 3x3), stretches the box to the catalogue's width x height x
 * depth as Sweet Home 3D does, and scales the result so its largest side is 1, centred on the origin. Baked into
 * the vertices: a stretch after a slanted rotation is a shear, which an object's position/rotation/scale cannot
 * hold.
 */
export function normalise(root, rotation, dimensions) {
  const parts = meshes(root);
  if (rotation) {
    const turn = new THREE.Matrix4().setFromMatrix3(new THREE.Matrix3().set(...rotation));
    for (const mesh of parts) mesh.geometry.applyMatrix4(turn);
  }
  const box = new THREE.Box3();
  for (const mesh of parts) {
    mesh.geometry.computeBoundingBox();
    if (mesh.geometry.boundingBox) box.union(mesh.geometry.boundingBox);
  }
  const size = box.getSize(new THREE.Vector3());
  const centre = box.getCenter(new THREE.Vector3());
  const target = dimensions ? new THREE.Vector3(dimensions.width, dimensions.height, dimensions.depth) : size;
  const largest = Math.max(target.x, target.y, target.z);
  const placement = new THREE.Matrix4()
    .makeScale(
      target.x / largest / (size.x || 1),
      target.y / largest / (size.y || 1),
      target.z / largest / (size.z || 1),
    )
    .multiply(new THREE.Matrix4().makeTranslation(-centre.x, -centre.y, -centre.z));
  for (const mesh of parts) mesh.geometry.applyMatrix4(placement);
}

/** The model's vertices (every k-th where there are more than MAX_FRAMING_POINTS), for framing each view. */
export function framingPoints(root) {
  const parts = meshes(root);
  const total = parts.reduce((count, mesh) => count + mesh.geometry.attributes.position.count, 0);
  const stride = Math.max(1, Math.ceil(total / MAX_FRAMING_POINTS));
  const points = [];
  for (const mesh of parts) {
    const position = mesh.geometry.attributes.position;
    for (let i = 0; i < position.count; i += stride)
      points.push(position.getX(i), position.getY(i), position.getZ(i));
  }
  return new Float32Array(points);
}
