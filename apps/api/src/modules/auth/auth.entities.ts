import { RefreshTokenEntity } from './refresh-token.entity';

export const AUTH_ENTITIES = [RefreshTokenEntity];
