import { num, text } from './common';
import type { Builder, Trace } from './types';
import { flagColour, flagOf, wardFlags } from './flags';
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

/** The signed area and centroid of a ring (shoelace formula), in the map's scaled units. */
function ringShape(ring: Position[], scale: number): { area: number; x: number; y: number } {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = [ring[i][0] * scale, ring[i][1]];
    const [x1, y1] = [ring[i + 1][0] * scale, ring[i + 1][1]];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  if (area === 0) return { area: 0, x: ring[0]?.[0] * scale, y: ring[0]?.[1] };
  return { area: Math.abs(area / 2), x: x / (3 * area), y: y / (3 * area) };
}

/** Where a ward's name goes: the centre of its largest outline, and that outline's size (bigger wards label first). */
function labelAnchor(geometry: unknown, scale: number) {
  const outer = (geometry as Geometry)?.type === 'MultiPolygon' ? (geometry as { coordinates: Position[][][] }).coordinates.map((p) => p[0]) : rings(geometry).slice(0, 1);
  return outer.map((ring) => ringShape(ring, scale)).sort((a, b) => b.area - a.area)[0];
}

/**
 * Wards drawn from the workspace's own boundary GeoJSON as filled outlines on plain axes: no map tiles, no base map
 * and no topojson, so nothing is fetched. Longitude is scaled by cos(latitude) so shapes keep their proportions at
 * English latitudes. An analysis that flags wards (the ranking's colour column) colours each ward by its flag, in the
 * ranking's own colours and words; otherwise wards are shaded by value in five classes, each colour's range in the
 * legend. A ward whose value suppression hid is drawn white and named in the legend as hidden.
 */
export const choroplethTraces: Builder = (metadata, rows, options, context) => {
  const { y, key, x, colour } = metadata.chart;
  const boundaries = context.boundaries ?? {};
  const mapped = rows.filter((r) => boundaries[text(r[key!])]);
  const drawn = mapped.filter((r) => num(r[y!]) !== null);
  const hiddenRows = mapped.filter((r) => num(r[y!]) === null);
  const values = drawn.map((r) => num(r[y!])!);
  const breaks = quantileBreaks(values);
  const classOf = (v: number) => breaks.filter((b) => v > b).length;
  const all = mapped.flatMap((r) => rings(boundaries[text(r[key!])].geometry).flat());
  const latitude = all.length ? (Math.min(...all.map((p) => p[1])) + Math.max(...all.map((p) => p[1]))) / 2 : 52.6;
  const scale = Math.cos((latitude * Math.PI) / 180);
  const lows = [Math.min(...values), ...breaks];
  const highs = [...breaks, Math.max(...values)];
  const byFlag = Boolean(colour) && drawn.some((r) => text(r[colour!]) !== '');
  // Each ward's group: its flag (legend in the ranking's order), or its value class (legend low to high).
  const groupOf = (r: (typeof rows)[number]) => (byFlag ? flagOf(r, colour) : String(classOf(num(r[y!])!)));
  const groups = byFlag ? wardFlags.filter((f) => drawn.some((r) => flagOf(r, colour) === f)) : [...new Set(drawn.map(groupOf))].sort((a, b) => Number(a) - Number(b));
  const fillOf = (group: string) => (byFlag ? flagColour(group, options) : sequential[Number(group)]);
  const nameOf = (group: string) => (byFlag ? group : `${lows[Number(group)].toFixed(1)} to ${highs[Number(group)].toFixed(1)}`);
  const outline = (r: (typeof rows)[number]) => {
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
    return { x: xs, y: ys };
  };
  const data: Trace[] = [];
  for (const group of groups) {
    drawn
      .filter((r) => groupOf(r) === group)
      .forEach((r, i) =>
        data.push({
          type: 'scatter',
          mode: 'lines',
          fill: 'toself',
          fillcolor: fillOf(group),
          line: { color: '#FFFFFF', width: 1 },
          ...outline(r),
          name: nameOf(group),
          legendgroup: group,
          showlegend: i === 0,
          hoveron: 'fills',
          text: `${text(r[x!])}: ${num(r[y!])!.toFixed(1)}${byFlag ? ` (${flagOf(r, colour).toLowerCase()})` : ''}`,
          hoverinfo: 'text',
        }),
      );
  }
  hiddenRows.forEach((r, i) =>
    data.push({
      type: 'scatter',
      mode: 'lines',
      fill: 'toself',
      fillcolor: '#FFFFFF',
      line: { color: '#767676', width: 1 },
      ...outline(r),
      name: '[c] hidden: small numbers',
      legendgroup: 'hidden',
      showlegend: i === 0,
      hoveron: 'fills',
      text: `${text(r[x!])}: [c] hidden`,
      hoverinfo: 'text',
    }),
  );
  const xs = all.map((p) => p[0] * scale);
  const ys = all.map((p) => p[1]);
  const pad = 0.02 * Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  const extent = { x0: Math.min(...xs) - pad, x1: Math.max(...xs) + pad, y0: Math.min(...ys) - pad, y1: Math.max(...ys) + pad };
  const labels = mapped
    .map((r) => ({ text: text(r[x!]), ...labelAnchor(boundaries[text(r[key!])].geometry, scale) }))
    .filter((l) => l.area > 0)
    .sort((a, b) => b.area - a.area)
    .map(({ text: name, x: lx, y: ly }) => ({ text: name, x: lx, y: ly }));
  const missing = rows.filter((r) => !boundaries[text(r[key!])]).map((r) => text(r[x!]));
  return {
    data,
    layout: {
      height: 760,
      margin: { l: 24, r: 24 },
      xaxis: { visible: false, scaleanchor: 'y', scaleratio: 1, range: [extent.x0, extent.x1] },
      yaxis: { visible: false, range: [extent.y0, extent.y1] },
      legend: { title: { text: byFlag ? '' : options.yLabel }, traceorder: 'normal' },
    },
    // Placed by the figure, which knows the plot's size in pixels (mapLabels.ts); too many wards to name stay unnamed.
    mapLabels: labels.length <= 40 ? { labels, extent } : undefined,
    notes: missing.length ? [`No boundary in the workspace for: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? '…' : ''}.`] : [],
  };
};
