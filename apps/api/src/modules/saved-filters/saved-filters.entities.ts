import { SavedFilterEntity } from './saved-filter.entity';

export const SAVED_FILTER_ENTITIES = [SavedFilterEntity];
