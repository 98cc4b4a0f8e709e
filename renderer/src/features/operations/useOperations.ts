import { useEffect, useState } from 'react';
import type { OperationEvent } from '../../../../shared/api';
import { useApi } from '../../api/ApiContext';

export interface RunningOperation {
  operationId: string;
  label: string;
  percentage: number;
}

/** Operations the engine reports as running, from its progress events. */
export function useOperations(): RunningOperation[] {
  const api = useApi();
  const [running, setRunning] = useState<Record<string, RunningOperation>>({});
  useEffect(
    () =>
      api.onEvent((event: OperationEvent) =>
        setRunning((current) => {
          const next = { ...current };
          if (event.type === 'end') delete next[event.operationId];
          else next[event.operationId] = { operationId: event.operationId, label: event.label, percentage: event.percentage };
          return next;
        }),
      ),
    [api],
  );
  return Object.values(running);
}
