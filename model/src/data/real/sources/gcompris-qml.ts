/**
 * Pulls the English words GCompris's activity boards attach to their photos. The boards are QML object literals
 * whose strings are wrapped in `qsTr("...")`; reading the few fields needed with patterns is enough for these
 * pinned files, and avoids a QML parser.
 */

/** `"key": qsTr("value")` or `"key": "value"`, in file order. */
const PAIR = /"(\w+)"\s*:\s*(?:qsTr\(\s*)?"((?:[^"\\]|\\.)*)"/g;

const qmlString = (value: string): string => value.replace(/\\(.)/g, '$1');

/**
 * The explore activities (farm and world animals): each entry of `tab` has a `title`, a `text` about the
 * animal and, for its photo `image2`, a `text2` ("This animal has single-toed hooves." or the title again).
 * Returns those words per photo, by bundle path (`gcompris/src/activities/.../horse.webp`).
 */
export function exploreBoardWords(qml: string): Map<string, string[]> {
  const words = new Map<string, string[]>();
  let entry = new Map<string, string>();
  const flush = (): void => {
    const photo = entry.get('image2');
    if (photo) {
      const texts = ['title', 'text', 'text2'].map((key) => entry.get(key)).filter((t) => t !== undefined);
      words.set(photo.replace(/^qrc:\//, ''), [...new Set(texts)]);
    }
    entry = new Map();
  };
  for (const [, key, value] of qml.matchAll(PAIR)) {
    if (key === undefined || value === undefined) continue;
    // Every tab entry opens with its drawing, "image"; a repeated key means the entry ended without one (the
    // `instructions` list after `tab` has only "text", which must not overwrite the last animal's).
    if (key === 'image' || entry.has(key)) flush();
    entry.set(key, qmlString(value));
  }
  flush();
  return words;
}

/**
 * A categorization board (`category_tools.qml`): the folder its lesson draws from (`imagesPrefix`) and the
 * lesson's name ("Tools", "Fishes"), which is the category every photo of that folder belongs to.
 */
export function categoryBoard(qml: string): { folder: string; name: string } | undefined {
  const folder = /imagesPrefix\s*:\s*"qrc:\/(.*?)\/?"/.exec(qml)?.[1];
  const name = /"name"\s*:\s*qsTr\(\s*"((?:[^"\\]|\\.)*)"/.exec(qml)?.[1];
  return folder && name ? { folder, name: qmlString(name) } : undefined;
}
