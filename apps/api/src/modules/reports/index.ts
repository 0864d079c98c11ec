/** The public face of the reports module: what other modules and the app may import (docs/ARCHITECTURE.md, "Module boundaries"). */
export { ReportsModule } from './reports.module';
export { ReportsService } from './reports.service';
