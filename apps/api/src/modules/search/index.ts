/** The public face of the search module. */
export { SearchModule } from './search.module';
