/** A ward's name and where it sits on the map, in the map's own units. */
export interface MapLabel {
  x: number;
  y: number;
  text: string;
}

/** What a map builder hands over for labelling: the labels, largest ward first, and the extent the axes show. */
export interface MapLabels {
  labels: MapLabel[];
  extent: { x0: number; x1: number; y0: number; y1: number };
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Plotly does not move labels out of each other's way, and small city wards crowd together, so labels are placed
 * here, in the plot's pixels: each at its ward's centre when it fits, otherwise nearby, away from the map's centre,
 * with a thin leader line to its ward. The axes keep the map's proportions (scaleanchor), so a map unit is the same
 * number of pixels either way: whichever of width and height is tighter.
 */
export function placeMapLabels({ labels, extent }: MapLabels, plot: { width: number; height: number }, fontSize: number): Record<string, unknown>[] {
  const spanX = extent.x1 - extent.x0;
  const spanY = extent.y1 - extent.y0;
  if (!labels.length || spanX <= 0 || spanY <= 0) return [];
  const k = Math.min(plot.width / spanX, plot.height / spanY);
  const cx = (extent.x0 + extent.x1) / 2;
  const cy = (extent.y0 + extent.y1) / 2;
  const toPixel = (l: MapLabel) => ({ px: plot.width / 2 + (l.x - cx) * k, py: plot.height / 2 - (l.y - cy) * k });
  // About half an em a character in the chart font, with the label's padding, and a little room between labels.
  const size = (text: string) => ({ w: text.length * fontSize * 0.55 + 10, h: fontSize * 1.5 + 4 });
  const boxAt = (px: number, py: number, text: string): Box => {
    const { w, h } = size(text);
    return { left: px - w / 2, top: py - h / 2, right: px + w / 2, bottom: py + h / 2 };
  };
  const placed: Box[] = [];
  const free = (box: Box) => box.left >= -30 && box.right <= plot.width + 30 && box.top >= 0 && box.bottom <= plot.height && !placed.some((p) => overlaps(p, box));
  const font = { size: fontSize, color: '#000000' };
  const style = { xref: 'x', yref: 'y', font, bgcolor: 'rgba(255,255,255,0.85)', borderpad: 1 };

  const annotations: Record<string, unknown>[] = [];
  const displaced: MapLabel[] = [];
  for (const label of labels) {
    const { px, py } = toPixel(label);
    const box = boxAt(px, py, label.text);
    if (free(box)) {
      placed.push(box);
      annotations.push({ ...style, x: label.x, y: label.y, text: label.text, showarrow: false });
    } else displaced.push(label);
  }
  for (const label of displaced) {
    const { px, py } = toPixel(label);
    // Outward first: the direction from the map's centre through the ward, then those nearest it.
    const outward = Math.atan2(py - plot.height / 2, px - plot.width / 2);
    const angles = Array.from({ length: 16 }, (_, i) => outward + (Math.PI / 8) * (i % 2 ? -Math.ceil(i / 2) : i / 2));
    let best: { dx: number; dy: number; box: Box } | null = null;
    search: for (const radius of [34, 50, 68, 90, 115, 145, 180, 220, 270]) {
      for (const angle of angles) {
        const dx = Math.round(radius * Math.cos(angle));
        const dy = Math.round(radius * Math.sin(angle));
        const box = boxAt(px + dx, py + dy, label.text);
        if (free(box)) {
          best = { dx, dy, box };
          break search;
        }
      }
    }
    // Nowhere free (a very crowded map): the first outward spot, so the label still shows.
    best ??= { dx: Math.round(40 * Math.cos(outward)), dy: Math.round(40 * Math.sin(outward)), box: boxAt(px, py, label.text) };
    placed.push(best.box);
    annotations.push({ ...style, x: label.x, y: label.y, text: label.text, showarrow: true, ax: best.dx, ay: best.dy, arrowhead: 0, arrowwidth: 1, arrowcolor: '#333333', standoff: 2 });
  }
  return annotations;
}
