/** The parts of plotly.js-dist-min the app uses (the package ships no types). */
declare module 'plotly.js-dist-min' {
  interface ImageOptions {
    format: 'png' | 'svg';
    width: number;
    height: number;
    scale?: number;
  }
  interface Plotly {
    react(root: HTMLElement, data: unknown[], layout: Record<string, unknown>, config?: Record<string, unknown>): Promise<HTMLElement>;
    purge(root: HTMLElement): void;
    toImage(figure: HTMLElement | { data: unknown[]; layout: Record<string, unknown> }, options: ImageOptions): Promise<string>;
  }
  const plotly: Plotly;
  export default plotly;
}
