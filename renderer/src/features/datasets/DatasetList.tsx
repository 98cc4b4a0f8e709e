import type { Output } from '../../../../shared/api';
import { countOf } from '../../../../shared/format/count';

type Dataset = Output<'datasets.list'>['datasets'][number];

interface Props {
  datasets: readonly Dataset[];
  selected: string | null;
  onSelect: (name: string) => void;
}

/** The workspace's datasets with their sizes; choosing one opens it in the grid. */
export function DatasetList({ datasets, selected, onSelect }: Props) {
  if (datasets.length === 0) {
    return <p className="muted">This workspace has no datasets yet. Import a file to begin.</p>;
  }
  return (
    <ul className="dataset-list" aria-label="Datasets">
      {datasets.map((d) => (
        <li key={d.name}>
          <button type="button" aria-pressed={d.name === selected} onClick={() => onSelect(d.name)}>
            <span className="dataset-name">{d.name}</span>
            <span className="muted">{countOf(d.rowCount, 'row')}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
