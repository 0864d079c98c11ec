/** The public face of the saved-filters module. */
export { SavedFiltersModule } from './saved-filters.module';
export { SAVED_FILTER_ENTITIES } from './saved-filters.entities';
