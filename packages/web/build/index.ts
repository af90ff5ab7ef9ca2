/**
 * The workbench for Node: where its build is, building it when stale, and a
 * small host that serves it next to a running API (until the server serves
 * dist itself).
 */
export { ensureWebBuild, WEB_DIST, WEB_ROOT, webBuildStaleness } from './ensure-web-build.ts';
export { startWebHost, type WebHost } from './web-host.ts';
