import bold from '@fontsource/source-sans-3/files/source-sans-3-latin-700-normal.woff2?url';
import regular from '@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff2?url';
import type { Figure } from '../../../../shared/charts/types';
import { printSize } from '../../../../shared/charts/figure';
import { fontFamilyName, printScale } from '../../../../shared/charts/theme';
import { loadPlotly } from './loadPlotly';

let embeddedFonts: Promise<string> | null = null;

/** The bundled fonts as data: URLs in an SVG <style>, so an exported SVG (and the PNG drawn from it) keeps its type. */
function fontStyle(): Promise<string> {
  embeddedFonts ??= Promise.all(
    [
      [regular, 400],
      [bold, 700],
    ].map(async ([url, weight]) => {
      const base64 = await blobToBase64(await (await fetch(url as string)).blob());
      return `@font-face{font-family:'${fontFamilyName}';font-weight:${weight};src:url(data:font/woff2;base64,${base64}) format('woff2');}`;
    }),
  ).then((faces) => `<style>${faces.join('')}</style>`);
  return embeddedFonts;
}

/** The figure as a standalone SVG document, with its fonts embedded and a title for screen readers. */
export async function figureSvg(figure: Figure): Promise<string> {
  await document.fonts.load(`13px '${fontFamilyName}'`);
  await document.fonts.load(`bold 20px '${fontFamilyName}'`);
  const plotly = await loadPlotly();
  const url = await plotly.toImage(figure, { format: 'svg', width: Number(figure.layout.width), height: Number(figure.layout.height) });
  const svg = decodeURIComponent(url.slice(url.indexOf(',') + 1));
  const title = String((figure.layout.title as { text?: string })?.text ?? '').replace(/<[^>]+>/g, '');
  const style = await fontStyle();
  return svg.replace(/<svg([^>]*)>/, (open) => `${open}<title>${title}</title>${style}`);
}

/**
 * The figure as a PNG at print resolution (3 × its size: 3000 px across for a 1000 px chart, about 300 dpi at 10
 * inches), drawn from the font-embedded SVG so the PNG's type matches the screen's.
 */
export async function figurePng(figure: Figure, scale = printScale): Promise<Blob> {
  const svg = await figureSvg(figure);
  const width = Number(figure.layout.width) * scale;
  const height = Number(figure.layout.height) * scale;
  const image = new Image();
  const source = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    image.src = source;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#FFFFFF';
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be drawn as a PNG.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(source);
  }
}

/** Base64 of a blob, built in slices so a large chart does not overflow the argument list of fromCharCode. */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A board pack's figure as the base64 PNG the engine puts in the document, drawn at the pack's resolution: the one
 * drawer of pack charts, for the app's board pack dialog and the command line's chart page alike.
 */
export async function packPng(figure: Figure): Promise<string> {
  return blobToBase64(await figurePng(figure, printSize.scale));
}
