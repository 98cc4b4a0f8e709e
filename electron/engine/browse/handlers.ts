import { listAreas, suggestedArea } from '../areas/listAreas';
import { listDatasets } from '../datasets';
import { gridPage } from '../gridPage';
import type { EngineContext, Handlers } from '../handlerKit';

/** What the analyst browses: the datasets, their rows a page at a time, and the areas they cover. */
export function browseHandlers({ workspace, results, counts, orders }: EngineContext): Handlers<'datasets.list' | 'grid.page' | 'areas.list'> {
  return {
    'datasets.list': async () => ({ datasets: await workspace.withConnection(listDatasets) }),
    'grid.page': (input) => gridPage(workspace, results, counts, orders, input),
    'areas.list': () => workspace.withConnection(async (connection) => ({ areas: await listAreas(connection), suggested: await suggestedArea(connection) })),
  };
}
