/** The app's version from package.json (vite.config.ts defines it), recorded in every results file. */
declare const __APP_VERSION__: string;
