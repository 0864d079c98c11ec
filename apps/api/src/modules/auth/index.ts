/** The public face of the auth module: what other modules and the app may import (docs/ARCHITECTURE.md, "Module boundaries"). */
export { AuthModule } from './auth.module';
export { AuthService } from './auth.service';
export { SessionVersionService } from './session-version.service';
export { PrincipalCache } from './principal-cache';
