import { useApi } from '../../api/ApiContext';
import { useOperations } from './useOperations';

/** Running operations with progress and Cancel, and the standing promise that data stays on this machine. */
export function StatusBar() {
  const api = useApi();
  const operations = useOperations();
  return (
    <footer className="status-bar">
      <div className="operations" aria-live="polite">
        {operations.map((op) => (
          <span key={op.operationId} className="operation">
            {op.label}
            {op.percentage >= 0 ? (
              <progress max={100} value={op.percentage} aria-label={`${op.label} progress`} />
            ) : (
              <progress aria-label={`${op.label} progress`} />
            )}
            <button type="button" onClick={() => void api['operations.cancel']({ operationId: op.operationId })}>
              Cancel
            </button>
          </span>
        ))}
      </div>
      <span className="muted">Your data stays on this machine: nothing is sent anywhere.</span>
    </footer>
  );
}
