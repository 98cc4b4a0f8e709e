interface Props {
  warnings: string[];
  notes: string[];
}

/**
 * What a reader must know before using a result, above it: the data not covering the period, shares that cannot be
 * given; and, quieter, how the figures were made (the confidence level, the comparator chosen).
 */
export function ResultWarnings({ warnings, notes }: Props) {
  if (warnings.length === 0 && notes.length === 0) return null;
  return (
    <section className="result-warnings" aria-label="About these figures">
      {warnings.length > 0 && (
        <div role="alert">
          <ul className="warnings">
            {warnings.map((w) => (
              <li key={w}>
                <strong>Warning.</strong> {w}
              </li>
            ))}
          </ul>
        </div>
      )}
      {notes.length > 0 && (
        <ul className="notes muted">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
