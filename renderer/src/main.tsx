import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiContext';
import { selectApi } from './api/selectApi';
import { App } from './app/App';
import { preloadPlotly } from './features/charts/loadPlotly';
// The chart font, bundled: charts and their exports never fetch a font from anywhere else.
import '@fontsource/source-sans-3/400.css';
import '@fontsource/source-sans-3/700.css';
import './design/tokens.css';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={selectApi()}>
      <App />
    </ApiProvider>
  </StrictMode>,
);

// The first chart of a session should not wait for plotly: fetch it from the app's own files while the app is idle.
preloadPlotly();
