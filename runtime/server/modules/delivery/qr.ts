import QRCode from 'qrcode';

/**
 * The delivery QR as an image. Error correction level M survives a worn or creased printout and
 * a phone screen with glare while keeping the code small enough for cheap phone cameras; the
 * margin is the quiet zone scanners need.
 */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: 'svg' });
}

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width: 480 });
}
