// Places the camera of a view (browser side, beside scene.js): looking from the view's direction, at the distance
// where the object's on-screen box fills `spec.fill` of the frame, shifted so the box is centred on
// (spec.centreX, spec.centreY). Measured on the projected vertices, not a bounding sphere, so a long sofa and a
// tall lamp both fill the frame as asked.
import * as THREE from 'three';

const UP = new THREE.Vector3(0, 1, 0);
const BISECTIONS = 40;
const CENTRING_ROUNDS = 4;
// Two pixels of 192 kept clear at the border, for antialiasing.
const FRAME_LIMIT = 0.98;

/** The on-screen box of the points, in normalised device coordinates, for a camera `distance` from the target. */
function screenBox(coords, distance, shiftRight, shiftUp, tanHalfFov) {
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < coords.length; i += 3) {
    const depth = (distance - coords[i + 2]) * tanHalfFov;
    const x = (coords[i] - shiftRight) / depth;
    const y = (coords[i + 1] - shiftUp) / depth;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return {
    extent: Math.max(maxX - minX, maxY - minY) / 2,
    centreX: (minX + maxX) / 2,
    centreY: (minY + maxY) / 2,
  };
}

/** The box leaves the frame (or its last pixels). */
function outside(box) {
  return (
    Math.max(Math.abs(box.minX), Math.abs(box.maxX), Math.abs(box.minY), Math.abs(box.maxY)) > FRAME_LIMIT
  );
}

/** The camera distance at which the box's larger half-side is `fill`: the box shrinks as the camera backs away. */
function fitDistance(coords, nearest, fill, shiftRight, shiftUp, tanHalfFov) {
  let low = nearest + 1e-4;
  let high = nearest + 1e4;
  for (let i = 0; i < BISECTIONS; i++) {
    const middle = Math.sqrt(low * high);
    if (screenBox(coords, middle, shiftRight, shiftUp, tanHalfFov).extent > fill) low = middle;
    else high = middle;
  }
  return high;
}

export function frameObject(points, spec) {
  const azimuth = THREE.MathUtils.degToRad(spec.azimuthDeg);
  const elevation = THREE.MathUtils.degToRad(spec.elevationDeg);
  const back = new THREE.Vector3(
    Math.sin(azimuth) * Math.cos(elevation),
    Math.sin(elevation),
    Math.cos(azimuth) * Math.cos(elevation),
  );
  const right = new THREE.Vector3().crossVectors(UP, back).normalize();
  const up = new THREE.Vector3().crossVectors(back, right);
  // Each point in the camera's axes: (right, up, towards the camera).
  const coords = new Float32Array(points.length);
  let nearest = Number.NEGATIVE_INFINITY;
  let farthest = Number.POSITIVE_INFINITY;
  const p = new THREE.Vector3();
  for (let i = 0; i < points.length; i += 3) {
    p.set(points[i], points[i + 1], points[i + 2]);
    coords[i] = p.dot(right);
    coords[i + 1] = p.dot(up);
    coords[i + 2] = p.dot(back);
    nearest = Math.max(nearest, coords[i + 2]);
    farthest = Math.min(farthest, coords[i + 2]);
  }
  const tanHalfFov = Math.tan(THREE.MathUtils.degToRad(spec.fovDeg) / 2);
  // Shifting the camera sideways moves near points across the screen faster than far ones, so the shift that
  // centres the box is found by Newton steps on the box's centre (piecewise linear in the shift), each after
  // refitting the distance; the distance is refitted once more for the final shift, so the fill is exact.
  const fit = (alongRight, alongUp) =>
    fitDistance(coords, nearest, spec.fill, alongRight, alongUp, tanHalfFov);
  let shiftRight = 0;
  let shiftUp = 0;
  for (let round = 0; round < CENTRING_ROUNDS; round++) {
    const distance = fit(shiftRight, shiftUp);
    const box = screenBox(coords, distance, shiftRight, shiftUp, tanHalfFov);
    const step = 1e-3 * distance * tanHalfFov;
    const movedRight = screenBox(coords, distance, shiftRight + step, shiftUp, tanHalfFov);
    const movedUp = screenBox(coords, distance, shiftRight, shiftUp + step, tanHalfFov);
    shiftRight -= (box.centreX - spec.centreX) / ((movedRight.centreX - box.centreX) / step);
    shiftUp -= (box.centreY - spec.centreY) / ((movedUp.centreY - box.centreY) / step);
  }
  let distance = fit(shiftRight, shiftUp);
  // Where the centring has not converged, back off until the object is inside the frame with a margin.
  let box = screenBox(coords, distance, shiftRight, shiftUp, tanHalfFov);
  for (let tries = 0; outside(box) && tries < 200; tries++) {
    distance = nearest + (distance - nearest) * 1.02;
    box = screenBox(coords, distance, shiftRight, shiftUp, tanHalfFov);
  }
  const near = Math.max(1e-3, (distance - nearest) * 0.5);
  const far = (distance - farthest) * 1.5 + 1;
  const camera = new THREE.PerspectiveCamera(spec.fovDeg, 1, near, far);
  const target = new THREE.Vector3().addScaledVector(right, shiftRight).addScaledVector(up, shiftUp);
  camera.position.copy(target).addScaledVector(back, distance);
  camera.up.copy(UP);
  camera.lookAt(target);
  camera.updateMatrixWorld(true);
  return camera;
}
