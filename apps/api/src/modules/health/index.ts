/** The public face of the health module: what the app may import (docs/ARCHITECTURE.md, "Module boundaries"). */
export { HealthModule } from './health.module';
export { DependencyMonitor } from './dependency-monitor';
export { OpsServer } from './ops-server';
