import type { ServerConfig } from '../config/config.ts';
import type { Services } from '../services/index.ts';

/** What every routes plugin is given. */
export interface RouteOptions {
  services: Services;
  config: ServerConfig;
}
