/**
 * Photos of documents shrunk on the device before they are kept: at most 1600 px on the longer side, JPEG at
 * quality 0.7 (a page stays readable at ~200–400 KB instead of the camera's 3–6 MB), so a day of visits fits
 * on the phone and uploads on a weak signal. A few lines of canvas: browser-image-compression would do the same
 * but, in its worker mode, loads its own code from a CDN, which the app's Content-Security-Policy (and the lack
 * of network) forbids.
 */
const LADO_MAXIMO = 1600;
const CALIDAD = 0.7;

function lienzo(ancho: number, alto: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = ancho;
  c.height = alto;
  return c;
}

const aJpeg = (c: HTMLCanvasElement) => new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/jpeg', CALIDAD));

/** The photo shrunk as JPEG when the document takes JPEG and it comes out smaller; otherwise the file as chosen. */
export async function comprimirFoto(archivo: File, tipos: readonly string[]): Promise<File> {
  if (!archivo.type.startsWith('image/') || !tipos.includes('image/jpeg')) return archivo;
  // createImageBitmap applies the photo's EXIF orientation, so a page shot upright stays upright.
  const imagen = await createImageBitmap(archivo);
  const escala = Math.min(1, LADO_MAXIMO / Math.max(imagen.width, imagen.height));
  const c = lienzo(Math.round(imagen.width * escala), Math.round(imagen.height * escala));
  c.getContext('2d')?.drawImage(imagen, 0, 0, c.width, c.height);
  imagen.close();
  const jpeg = await aJpeg(c);
  if (!jpeg || (jpeg.size >= archivo.size && archivo.type === 'image/jpeg')) return archivo;
  const nombre = archivo.name.replace(/\.[^.]*$/, '') || 'foto';
  return new File([jpeg], `${nombre}.jpg`, { type: 'image/jpeg', lastModified: archivo.lastModified });
}
