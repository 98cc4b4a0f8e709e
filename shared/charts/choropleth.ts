import { num, text } from './common';
import type { Builder, Trace } from './figure';
import { sequential } from './theme';

type Position = [number, number];
type Geometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** Every ring of a polygon or multipolygon, outer and holes. */
function rings(geometry: unknown): Position[][] {
  const g = geometry as Geometry;
  if (g?.type === 'Polygon') return g.coordinates;
  if (g?.type === 'MultiPolygon') return g.coordinates.flat();
  return [];
}

/** Class breaks at quintiles of the values, so each colour holds about a fifth of the wards. */
export function quantileBreaks(values: number[], classes = sequential.length): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return Array.from({ length: classes - 1 }, (_, i) => sorted[Math.min(sorted.length - 1, Math.floor(((i + 1) * sorted.length) / classes))]);
}

/**
 * Wards shaded by value, drawn from the workspace's own boundary GeoJSON as filled outlines on plain axes: no map
 * tiles, no base map and no topojson, so nothing is fetched. Longitude is scaled by cos(latitude) so shapes keep their
 * proportions at English latitudes. The legend gives each colour's range.
 */
export const choroplethTraces: Builder = (metadata, rows, options, context) => {
  const { y, key, x } = metadata.chart;
  const boundaries = context.boundaries ?? {};
  const drawn = rows.filter((r) => boundaries[text(r[key!])] && num(r[y!]) !== null);
  const values = drawn.map((r) => num(r[y!])!);
  const breaks = quantileBreaks(values);
  const classOf = (v: number) => breaks.filter((b) => v > b).length;
  const all = drawn.flatMap((r) => rings(boundaries[text(r[key!])].geometry).flat());
  const latitude = all.length ? (Math.min(...all.map((p) => p[1])) + Math.max(...all.map((p) => p[1]))) / 2 : 52.6;
  const scale = Math.cos((latitude * Math.PI) / 180);
  const lows = [Math.min(...values), ...breaks];
  const highs = [...breaks, Math.max(...values)];
  const legendShown = new Set<number>();
  const data: Trace[] = [];
  // Wards in class order so the legend reads low to high.
  for (const r of [...drawn].sort((a, b) => num(a[y!])! - num(b[y!])!)) {
    const value = num(r[y!])!;
    const cls = classOf(value);
    const xs: (number | null)[] = [];
    const ys: (number | null)[] = [];
    for (const ring of rings(boundaries[text(r[key!])].geometry)) {
      for (const [lon, lat] of ring) {
        xs.push(lon * scale);
        ys.push(lat);
      }
      xs.push(null);
      ys.push(null);
    }
    data.push({
      type: 'scatter',
      mode: 'lines',
      fill: 'toself',
      fillcolor: sequential[cls],
      line: { color: '#FFFFFF', width: 1 },
      x: xs,
      y: ys,
      name: `${lows[cls].toFixed(1)} to ${highs[cls].toFixed(1)}`,
      legendgroup: String(cls),
      showlegend: !legendShown.has(cls),
      hoveron: 'fills',
      text: `${text(r[x!])}: ${value.toFixed(1)}`,
      hoverinfo: 'text',
    });
    legendShown.add(cls);
  }
  const missing = rows.filter((r) => !boundaries[text(r[key!])]).map((r) => text(r[x!]));
  return {
    data,
    layout: {
      height: 760,
      xaxis: { visible: false, scaleanchor: 'y', scaleratio: 1 },
      yaxis: { visible: false },
      legend: { title: { text: options.yLabel }, orientation: 'v', x: 1, xanchor: 'right', y: 1, yanchor: 'top' },
      annotations: drawn.length <= 40 ? drawn.map((r) => labelAt(rings(boundaries[text(r[key!])].geometry)[0] ?? [], scale, text(r[x!]))) : [],
    },
    notes: missing.length ? [`No boundary in the workspace for: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? '…' : ''}.`] : [],
  };
};

/** A small ward name at the middle of its (first) outline's bounding box. */
function labelAt(ring: Position[], scale: number, name: string) {
  const xs = ring.map((p) => p[0] * scale);
  const ys = ring.map((p) => p[1]);
  return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2, xref: 'x', yref: 'y', text: name, showarrow: false, font: { size: 9, color: '#000000' }, bgcolor: 'rgba(255,255,255,0.7)' };
}
