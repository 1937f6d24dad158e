/** What the plugin sends for one image: its pixels, downsized in the browser, or its URL for the edge to fetch. */
export type ImageUpload = Blob | { url: string };

/** Size of an image scaled (never up) so that its longer side is at most `maxSide`. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Draws an image at most `maxSide` on its longer side and encodes it as JPEG, over white (as the edge composites
 * transparency). Uploads of a few tens of kilobytes instead of the original photo. Undefined when the canvas is
 * tainted: a cross-origin image served without CORS cannot be read by the page, only shown.
 */
export async function downsizeToJpeg(
  source: CanvasImageSource,
  width: number,
  height: number,
  maxSide: number,
): Promise<Blob | undefined> {
  const size = fitWithin(width, height, maxSide);
  try {
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(size.width, size.height);
      const context = canvas.getContext('2d');
      if (context === null) return undefined;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, size.width, size.height);
      context.drawImage(source, 0, 0, size.width, size.height);
      return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    }
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (context === null) return undefined;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size.width, size.height);
    context.drawImage(source, 0, 0, size.width, size.height);
    return await new Promise<Blob | undefined>((resolve) => {
      canvas.toBlob((blob) => resolve(blob ?? undefined), 'image/jpeg', 0.9);
    });
  } catch {
    // SecurityError: tainted by a cross-origin image.
    return undefined;
  }
}

/** The upload for an image element: its downsized pixels where the page may read them, else its http(s) URL. */
export async function uploadFor(
  img: HTMLImageElement,
  url: string,
  maxSide: number,
): Promise<ImageUpload | undefined> {
  const pixels = await downsizeToJpeg(img, img.naturalWidth, img.naturalHeight, maxSide);
  if (pixels !== undefined) return pixels;
  return /^https?:\/\//i.test(url) ? { url } : undefined;
}
