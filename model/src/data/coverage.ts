/** Checks the hand-written class table against the installed art sets. */
import { OBJECT_CLASSES } from './classes.ts';
import { iconExists } from './icons.ts';
import { STYLE_IDS, type StyleId, TRAINING_STYLES } from './styles.ts';

export interface MissingIcon {
  classId: string;
  style: StyleId;
  icon: string;
}

/** Icon names in the table that the art set does not have (typos, renamed emoji). */
export function findMissingIcons(): MissingIcon[] {
  const missing: MissingIcon[] = [];
  for (const objectClass of OBJECT_CLASSES) {
    for (const style of STYLE_IDS) {
      const icon = objectClass.icons[style];
      if (icon !== undefined && !iconExists(style, icon))
        missing.push({ classId: objectClass.id, style, icon });
    }
  }
  return missing;
}

/** Fraction of classes each style can draw. */
export function styleCoverage(): Record<StyleId, number> {
  const coverage = {} as Record<StyleId, number>;
  for (const style of STYLE_IDS) {
    const drawn = OBJECT_CLASSES.filter((c) => c.icons[style] !== undefined).length;
    coverage[style] = drawn / OBJECT_CLASSES.length;
  }
  return coverage;
}

/** Classes that fewer than `minimum` training styles draw: too few looks to learn the object from. */
export function underCoveredClasses(minimum: number): string[] {
  return OBJECT_CLASSES.filter(
    (c) => TRAINING_STYLES.filter((style) => c.icons[style] !== undefined).length < minimum,
  ).map((c) => c.id);
}
