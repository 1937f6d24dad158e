/**
 * What one rendered view of a 3-D model looks like: where the camera is, how long its lens is, how much of the
 * frame the object fills and how it is lit. Drawn from a generator seeded by (instance, view, seed) alone, so a
 * view renders the same whatever else is rendered, in any order, and a cache of views on disk stays valid.
 */
import { hash32, Rng } from '../../rng.ts';
import { kelvinToRgb, type Rgb } from './colour-temperature.ts';

export interface DirectionalLightSpec {
  /** Direction the light comes from, in world degrees (azimuth 0 = the model's front, +z; elevation 90 = above). */
  azimuthDeg: number;
  elevationDeg: number;
  colour: Rgb;
  /** three.js physical units: π lights a white surface facing the light fully. */
  intensity: number;
}

export interface ViewSpec {
  /** Camera direction seen from the object: azimuth 0 looks at the front, as Sweet Home 3D's icons do. */
  azimuthDeg: number;
  /** -5 (slightly from below) to 45 (from above): the heights a person sees furniture from. */
  elevationDeg: number;
  /** Vertical field of view, from a 24-85 mm lens on a 24 mm-high frame. */
  fovDeg: number;
  /** Half the larger side of the object's on-screen box, as a fraction of half the frame (0.5-0.95). */
  fill: number;
  /** Where the centre of the object's on-screen box lies, in normalised device coordinates (-1 to 1). */
  centreX: number;
  centreY: number;
  lights: DirectionalLightSpec[];
  /** Sky-to-ground light without direction: stands in for the room, and keeps unlit sides from going black. */
  hemisphere: { sky: Rgb; ground: Rgb; intensity: number };
}

const SENSOR_HEIGHT_MM = 24;

function lensFovDeg(focalLengthMm: number): number {
  return (2 * Math.atan(SENSOR_HEIGHT_MM / 2 / focalLengthMm) * 180) / Math.PI;
}

/** A light from the camera's side of the object mostly: a light from behind alone leaves a silhouette. */
function sampleLight(rng: Rng, cameraAzimuthDeg: number, intensity: number): DirectionalLightSpec {
  return {
    azimuthDeg: (cameraAzimuthDeg + rng.range(-140, 140) + 360) % 360,
    elevationDeg: rng.range(10, 80),
    colour: kelvinToRgb(rng.range(2700, 7500)),
    intensity,
  };
}

export function sampleView(instanceId: string, viewIndex: number, seed: number): ViewSpec {
  const rng = new Rng(hash32('render3d-view', instanceId, viewIndex, seed));
  const azimuthDeg = rng.range(0, 360);
  const elevationDeg = rng.range(-5, 45);
  // Log-uniform: wide and long lenses equally often, as photographs have them.
  const fovDeg = lensFovDeg(Math.exp(rng.range(Math.log(24), Math.log(85))));
  const fill = rng.range(0.5, 0.95);
  // Off-centre by at most part of the margin the fill leaves, so the object never touches the border.
  const slack = (1 - fill) * 0.6;
  const centreX = rng.range(-slack, slack);
  const centreY = rng.range(-slack, slack);
  // Soft views: mostly sky light and weak key lights, like an overcast room without hard shading.
  const soft = rng.chance(0.25);
  const count = rng.int(1, 3);
  const lights: DirectionalLightSpec[] = [];
  for (let i = 0; i < count; i++) {
    const key = i === 0;
    const intensity = soft ? rng.range(0.3, 1.0) : key ? rng.range(1.8, 3.6) : rng.range(0.4, 1.4);
    lights.push(sampleLight(rng, azimuthDeg, intensity));
  }
  const sky = kelvinToRgb(rng.range(5000, 9000));
  // Light bounced off a floor: warmer and darker than the sky.
  const [red, green, blue] = kelvinToRgb(rng.range(3000, 5000));
  const bounce = rng.range(0.5, 0.9);
  const hemisphere = {
    sky,
    ground: [red * bounce, green * bounce, blue * bounce] as const,
    intensity: soft ? rng.range(2.0, 3.2) : rng.range(0.6, 1.8),
  };
  return { azimuthDeg, elevationDeg, fovDeg, fill, centreX, centreY, lights, hemisphere };
}
