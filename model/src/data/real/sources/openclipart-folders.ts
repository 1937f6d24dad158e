/**
 * Which Open Clip Art Library folders hold pictures of physical objects. A drawing is often filed under several
 * folders (by symlink or by copy); it is read when one of them is an object folder and none is a people folder.
 */

/**
 * Folder rules, the longest matching prefix wins; folders matching none are dropped (people, smilies, flags,
 * signs and symbols, shapes, borders, patterns, gradients, logos, maps, GUI icons and buttons, and `unsorted`,
 * whose names are mostly Italian file names). Playing cards are dropped because 226 near-identical cards would
 * swamp the objects; road signs and AIGA pictograms because they are symbols.
 */
const FOLDER_RULES: Record<string, boolean> = {
  animals: true,
  buildings: true,
  'computer/hardware': true,
  'computer/connectors': true,
  'computer/network': true,
  containers: true,
  education: true,
  electronics: true,
  food: true,
  office: true,
  'people/clothing': true,
  'people/clothing/pantyhose': false,
  plants: true,
  recreation: true,
  'recreation/games/cards': false,
  'recreation/religion': false,
  science: true,
  tools: true,
  transportation: true,
  'transportation/aiga-symbols': false,
  'transportation/roadsigns': false,
};

export function isObjectFolder(folder: string): boolean {
  let best = '';
  for (const prefix of Object.keys(FOLDER_RULES)) {
    const matches = folder === prefix || folder.startsWith(`${prefix}/`);
    if (matches && prefix.length > best.length) best = prefix;
  }
  return best !== '' && FOLDER_RULES[best] === true;
}

/**
 * People folders veto a drawing filed elsewhere too ("Man Driving Car" is also under transportation): pictures
 * of people are not objects, and the lead's class mapping cannot tell them from their titles alone.
 */
export function isPeopleFolder(folder: string): boolean {
  return (folder === 'people' || folder.startsWith('people/')) && !isObjectFolder(folder);
}
