import '@fontsource/source-sans-3/400.css';
import '@fontsource/source-sans-3/700.css';
import type { Figure } from '../../shared/charts/types';
import { packPng } from './features/charts/chartImage';

/**
 * The chart page the command line drives in headless Chromium for board packs. The command line builds each figure
 * with the same shared code as the app's board pack (shared/exports/packSection.ts); this page only draws it, with
 * the app's theme, fonts and PNG drawing, so a pack from the CLI matches one built in the app.
 */
Object.assign(window, { cswDrawPackPng: (figure: Figure) => packPng(figure), cswReady: true });
