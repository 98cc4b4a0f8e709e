import pkg from '../../package.json';

/** The app's version, from package.json at build time, for the About line and export provenance. */
export const appVersion: string = pkg.version;
