/**
 * The assessment's key beside a result table, in the same colours as its chart (design/tokens.css): which tint
 * means what. Shown for the key's own columns only: comparisons with the comparator, and the ward flags.
 */
const entries = {
  comparison: [
    { swatch: 'var(--key-higher)', text: 'Higher than the comparator' },
    { swatch: 'var(--key-similar)', text: 'Similar: the comparator’s value lies within the area’s confidence interval' },
    { swatch: 'var(--key-lower)', text: 'Lower than the comparator' },
  ],
  flag: [
    { swatch: 'var(--key-higher)', text: 'Significantly above average: above the mean of the ward rates + 2 SD' },
    { swatch: 'var(--key-above)', text: 'Above average: above the mean + 1 SD' },
  ],
} as const;

export type KeyKind = keyof typeof entries;

export function KeyLegend({ kinds }: { kinds: readonly KeyKind[] }) {
  if (kinds.length === 0) return null;
  return (
    <ul className="key-legend" aria-label="Key">
      {kinds.flatMap((kind) =>
        entries[kind].map((e) => (
          <li key={`${kind}-${e.text}`}>
            <span className="key-swatch" style={{ background: e.swatch }} aria-hidden="true" />
            {e.text}
          </li>
        )),
      )}
    </ul>
  );
}
