/** Why an image gets no generated alt text. */
export type SkipReason =
  | 'has-alt' // the author wrote one, or labelled the image another way
  | 'decorative' // alt="", role="presentation"/"none", or hidden from assistive technology
  | 'opted-out' // data-alt-text="off" on the image or an ancestor
  | 'no-source'
  | 'svg'
  | 'icon'
  | 'too-small';

/** Images smaller than this either way are icons, spacers or tracking pixels (the usual alt-text tools' cut-off). */
export const MIN_SIDE = 50;

const ICON_CLASS = /(^|[-_\s])(icon|favicon|sprite|emoji)s?($|[-_\s])/i;
const ICON_FILE = /(^|[-_/.])(icon|favicon|sprite)s?[-_.\d]|\.ico$/i;

/**
 * Reasons read from the markup alone: the same answer before and after the image loads. The user's expectation
 * comes first: an author's alt, even an empty one, is never replaced.
 */
export function markupSkipReason(img: HTMLImageElement): SkipReason | undefined {
  const alt = img.getAttribute('alt');
  if (alt === '') return 'decorative';
  if (alt !== null) return 'has-alt';
  if (img.hasAttribute('aria-label') || img.hasAttribute('aria-labelledby')) return 'has-alt';
  const role = (img.getAttribute('role') ?? '').trim().toLowerCase();
  if (role === 'presentation' || role === 'none') return 'decorative';
  if (img.closest('[aria-hidden="true"]') !== null) return 'decorative';
  if (img.closest('[data-alt-text="off"]') !== null) return 'opted-out';
  const source = imageSource(img);
  if (source === '') return 'no-source';
  if (isSvg(source)) return 'svg';
  if (ICON_CLASS.test(img.className) || ICON_FILE.test(pathOf(source))) return 'icon';
  return undefined;
}

/** All reasons, sizes included: call once the image has loaded. */
export function skipReason(img: HTMLImageElement): SkipReason | undefined {
  const markup = markupSkipReason(img);
  if (markup !== undefined) return markup;
  if (img.naturalWidth < MIN_SIDE || img.naturalHeight < MIN_SIDE) return 'too-small';
  // Shown smaller than it is (a thumbnail of an icon, a 1-pixel tracker scaled up is caught above).
  const shown = img.getBoundingClientRect();
  if (shown.width > 0 && shown.height > 0 && (shown.width < MIN_SIDE || shown.height < MIN_SIDE))
    return 'too-small';
  return undefined;
}

/** The URL the browser shows (the chosen `srcset` candidate), or `src` before it has chosen. */
export function imageSource(img: HTMLImageElement): string {
  return img.currentSrc || img.src || '';
}

function isSvg(source: string): boolean {
  return /^data:image\/svg\+xml[;,]/i.test(source) || /\.svgz?$/i.test(pathOf(source));
}

function pathOf(source: string): string {
  try {
    return new URL(source).pathname;
  } catch {
    return source;
  }
}
